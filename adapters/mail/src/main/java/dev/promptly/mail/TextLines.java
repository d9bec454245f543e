package dev.promptly.mail;

/**
 * The text {@link HtmlTextRenderer} writes. Breaks and spaces are held back until the next visible character,
 * so nested blocks give one break rather than several and no line ends in a space. One per rendering.
 */
final class TextLines {
    private final StringBuilder out = new StringBuilder();
    private int pendingBreaks;
    private boolean pendingSpace;

    /** Text in normal flow: runs of whitespace (with no-break spaces) become one space. */
    void flowing(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isWhitespace(c) || c == '\u00A0') {
                pendingSpace = true;
            } else {
                write(c);
            }
        }
    }

    /** Text inside {@code <pre>}: kept as written. */
    void verbatim(String s) {
        String normalized = s.replace("\r\n", "\n").replace('\r', '\n');
        for (int i = 0; i < normalized.length(); i++) {
            char c = normalized.charAt(i);
            if (c == '\n') {
                settleBreaks();
                out.append('\n');
            } else {
                write(c);
            }
        }
    }

    void space() {
        pendingSpace = true;
    }

    /** Asks for at least {@code count} line breaks before the next text (2 = a blank line). */
    void breaks(int count) {
        pendingBreaks = Math.max(pendingBreaks, count);
        pendingSpace = false;
    }

    /** A {@code <br>}: always one more line break, so two in a row leave a blank line. */
    void lineBreak() {
        settleBreaks();
        trimTrailingSpaces();
        out.append('\n');
        pendingSpace = false;
    }

    String result() {
        trimTrailingSpaces();
        int end = out.length();
        while (end > 0 && out.charAt(end - 1) == '\n') {
            end--;
        }
        int start = 0;
        while (start < end && out.charAt(start) == '\n') {
            start++;
        }
        return out.substring(start, end);
    }

    private void write(char c) {
        if (pendingBreaks > 0) {
            settleBreaks();
        } else if (pendingSpace && out.length() > 0 && out.charAt(out.length() - 1) != '\n') {
            out.append(' ');
        }
        pendingSpace = false;
        out.append(c);
    }

    private void settleBreaks() {
        if (pendingBreaks > 0 && out.length() > 0) {
            trimTrailingSpaces();
            int have = 0;
            // Only up to the breaks wanted: a page of thousands of <br> must not be walked back each time.
            while (have < pendingBreaks && have < out.length() && out.charAt(out.length() - 1 - have) == '\n') {
                have++;
            }
            out.append("\n".repeat(Math.max(0, pendingBreaks - have)));
        }
        pendingBreaks = 0;
    }

    private void trimTrailingSpaces() {
        int end = out.length();
        while (end > 0 && out.charAt(end - 1) == ' ') {
            end--;
        }
        out.setLength(end);
    }
}
