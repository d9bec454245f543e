package dev.promptly.core.wismo;

import dev.promptly.core.message.Words;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A line with which a mail client introduces the earlier mail it quotes, such as
 * {@code On Tue, 3 Mar 2026 at 10:12, Anna <anna@example.com> wrote:}. Written in a phrase book as pieces
 * of literal text separated by {@code ...} (any text): {@code on ... wrote:}. The first piece must start
 * the line unless the pattern starts with {@code ...}, the last must end it unless the pattern ends with
 * {@code ...}; case, umlaut spelling and runs of spaces do not matter.
 */
record QuoteHeader(String pattern, List<String> pieces, boolean openStart, boolean openEnd) {
    private static final String ANY = "...";

    QuoteHeader {
        pieces = List.copyOf(pieces);
    }

    /** @throws IllegalArgumentException when the pattern holds no literal text */
    static QuoteHeader parse(String pattern) {
        String trimmed = pattern.strip();
        // The literal pieces between the marks, cut with indexOf: a split compiled a regex for every header read.
        List<String> pieces = new ArrayList<>();
        int from = 0;
        while (from <= trimmed.length()) {
            int mark = trimmed.indexOf(ANY, from);
            int end = mark < 0 ? trimmed.length() : mark;
            String piece = normalized(trimmed.substring(from, end));
            if (!piece.isEmpty()) {
                pieces.add(piece);
            }
            if (mark < 0) {
                break;
            }
            from = mark + ANY.length();
        }
        if (pieces.isEmpty()) {
            throw new IllegalArgumentException("quote pattern '" + pattern + "' holds no text");
        }
        boolean openStart = trimmed.startsWith(ANY);
        boolean openEnd = trimmed.endsWith(ANY) && trimmed.length() > ANY.length();
        return new QuoteHeader(trimmed, pieces, openStart, openEnd);
    }

    /** Whether a line of a message (or two joined lines, as clients wrap long headers) is this header. */
    boolean matches(String line) {
        return matchesNormalized(normalized(line));
    }

    /** {@link #matches} for a line already {@link #normalized}: a line is compared with every header, normalized once. */
    boolean matchesNormalized(String text) {
        int at = 0;
        for (int i = 0; i < pieces.size(); i++) {
            String piece = pieces.get(i);
            boolean first = i == 0;
            boolean last = i == pieces.size() - 1;
            if (first && !openStart) {
                if (!text.startsWith(piece)) {
                    return false;
                }
                at = piece.length();
            } else {
                int found = last && !openEnd ? text.lastIndexOf(piece) : text.indexOf(piece, at);
                if (found < at) {
                    return false;
                }
                at = found + piece.length();
            }
            if (last && !openEnd && at != text.length()) {
                return false;
            }
        }
        return true;
    }

    /** Lower case, umlauts folded, white space collapsed to single spaces, trimmed. */
    static String normalized(String text) {
        String lower = Words.nfc(text).toLowerCase(Locale.ROOT);
        return collapsedWhitespace(Words.foldUmlauts(lower));
    }

    /** Runs of white space as one space, none at either end: one pass, where a regex replace costs several per line. */
    private static String collapsedWhitespace(String text) {
        var out = new StringBuilder(text.length());
        boolean space = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isWhitespace(c)) {
                space = out.length() > 0;
            } else {
                if (space) {
                    out.append(' ');
                    space = false;
                }
                out.append(c);
            }
        }
        return out.toString();
    }
}
