package dev.promptly.mail;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads HTML into text, start tags and end tags, following the HTML standard's tokenizer
 * (<a href="https://html.spec.whatwg.org/multipage/parsing.html#tokenization">HTML standard, tokenization</a>)
 * as far as rendering a mail's text needs: comments, doctypes and processing instructions are dropped; a
 * {@code <} that starts no tag is text; attribute values may be quoted either way or not at all; the contents of
 * {@code script}, {@code style} and the other raw-text elements are read to their end tag without looking for
 * tags inside; character references are decoded by {@link HtmlEntities}.
 *
 * <p>One pass, each character looked at a bounded number of times, so hostile markup costs time linear in its
 * length; a tag keeps at most {@value #MAX_ATTRIBUTES} attributes.
 */
final class HtmlTokenizer {
    static final int MAX_ATTRIBUTES = 64;
    /** Contents shown as text, but read without tags: {@code textarea} and {@code title} decode references. */
    private static final Set<String> RAW_TEXT = Set.of("script", "style", "xmp", "iframe", "noembed", "noframes");
    private static final Set<String> ESCAPABLE_RAW_TEXT = Set.of("textarea", "title");

    /** What the tokenizer finds, in document order. */
    interface Handler {
        void text(String text);

        /** Contents of a raw-text element ({@code script}, {@code style}…), between its start and end tag. */
        void rawText(String element, String text);

        void startTag(String name, Map<String, String> attributes, boolean selfClosing);

        void endTag(String name);

        /** A {@code <!DOCTYPE name …>}, its name lower-cased. */
        void doctype(String name);
    }

    private final String html;
    private final Handler handler;
    private int pos;
    private final StringBuilder text = new StringBuilder();

    private HtmlTokenizer(String html, Handler handler) {
        this.html = html;
        this.handler = handler;
    }

    static void read(String html, Handler handler) {
        new HtmlTokenizer(html, handler).run();
    }

    private void run() {
        int length = html.length();
        int textStart = 0;
        while (pos < length) {
            int lt = html.indexOf('<', pos);
            if (lt < 0) {
                break;
            }
            pos = lt + 1;
            if (pos >= length) {
                break;
            }
            char c = html.charAt(pos);
            if (isAsciiLetter(c)) {
                flushText(textStart, lt);
                startTag();
                textStart = pos;
            } else if (c == '/') {
                flushText(textStart, lt);
                endTagOrBogus();
                textStart = pos;
            } else if (c == '!') {
                flushText(textStart, lt);
                markupDeclaration();
                textStart = pos;
            } else if (c == '?') {
                flushText(textStart, lt);
                pos = skipPast('>', pos);
                textStart = pos;
            }
            // Any other character after '<' leaves the '<' as text.
        }
        flushText(textStart, length);
    }

    private void flushText(int from, int to) {
        if (from < to) {
            handler.text(decoded(from, to, false));
        }
    }

    /** The characters from {@code from} to {@code to} with their character references decoded. */
    private String decoded(int from, int to, boolean inAttribute) {
        text.setLength(0);
        HtmlEntities.decode(html, from, to, inAttribute, text);
        return text.toString();
    }

    /** After {@code <} and a letter: a start tag, and for a raw-text element its contents up to its end tag. */
    private void startTag() {
        int nameStart = pos;
        int length = html.length();
        while (pos < length && !endsTagName(html.charAt(pos))) {
            pos++;
        }
        String name = html.substring(nameStart, pos).toLowerCase(Locale.ROOT);
        Map<String, String> attributes = new LinkedHashMap<>();
        boolean selfClosing = attributes(attributes);
        if (pos > length) {
            return; // the document ended inside the tag: as a browser, drop it
        }
        handler.startTag(name, attributes, selfClosing);
        boolean raw = RAW_TEXT.contains(name);
        if (raw || ESCAPABLE_RAW_TEXT.contains(name)) {
            int end = endOfRawText(name);
            if (raw) {
                handler.rawText(name, html.substring(pos, end));
            } else if (end > pos) {
                handler.rawText(name, decoded(pos, end, false));
            }
            pos = end;
        } else if (name.equals("plaintext")) {
            // Everything after <plaintext> is text, tags included.
            handler.text(html.substring(pos));
            pos = length;
        }
    }

    /**
     * Reads the attributes up to and past {@code >}; true when the tag ends with {@code />}. Leaves {@code pos}
     * past the end of the input when the input ends first.
     */
    private boolean attributes(Map<String, String> attributes) {
        int length = html.length();
        boolean selfClosing = false;
        while (pos < length) {
            char c = html.charAt(pos);
            if (c == '>') {
                pos++;
                return selfClosing;
            }
            if (isSpace(c) || c == '/') {
                selfClosing = c == '/';
                pos++;
                continue;
            }
            selfClosing = false;
            int nameStart = pos;
            pos++; // the first character belongs to the name, even '='
            while (pos < length && !isSpace(html.charAt(pos)) && "/>=".indexOf(html.charAt(pos)) < 0) {
                pos++;
            }
            String name = html.substring(nameStart, pos).toLowerCase(Locale.ROOT);
            int afterName = pos;
            while (pos < length && isSpace(html.charAt(pos))) {
                pos++;
            }
            String value = "";
            if (pos < length && html.charAt(pos) == '=') {
                pos++;
                while (pos < length && isSpace(html.charAt(pos))) {
                    pos++;
                }
                value = attributeValue();
            } else {
                pos = afterName;
            }
            if (attributes.size() < MAX_ATTRIBUTES) {
                attributes.putIfAbsent(name, value);
            }
        }
        pos = length + 1;
        return false;
    }

    private String attributeValue() {
        int length = html.length();
        if (pos >= length) {
            return "";
        }
        char quote = html.charAt(pos);
        int start;
        int end;
        if (quote == '"' || quote == '\'') {
            start = pos + 1;
            end = html.indexOf(quote, start);
            if (end < 0) {
                pos = length + 1;
                return "";
            }
            pos = end + 1;
        } else {
            start = pos;
            while (pos < length && !isSpace(html.charAt(pos)) && html.charAt(pos) != '>') {
                pos++;
            }
            end = pos;
        }
        return decoded(start, end, true);
    }

    /** After {@code </}: an end tag, nothing for {@code </>}, a comment for anything else. */
    private void endTagOrBogus() {
        int length = html.length();
        pos++;
        if (pos >= length) {
            return;
        }
        char c = html.charAt(pos);
        if (c == '>') {
            pos++;
            return;
        }
        if (!isAsciiLetter(c)) {
            pos = skipPast('>', pos);
            return;
        }
        int nameStart = pos;
        while (pos < length && !endsTagName(html.charAt(pos))) {
            pos++;
        }
        String name = html.substring(nameStart, pos).toLowerCase(Locale.ROOT);
        attributes(new LinkedHashMap<>()); // an end tag's attributes mean nothing, but its quotes can hide a '>'
        if (pos <= length) {
            handler.endTag(name);
        }
    }

    /** After {@code <!}: a comment (to {@code -->}), a CDATA section (its text) or a doctype (to {@code >}). */
    private void markupDeclaration() {
        int length = html.length();
        pos++;
        if (html.startsWith("--", pos)) {
            int start = pos + 2;
            // "<!-->" and "<!--->" are empty comments.
            if (html.startsWith(">", start)) {
                pos = start + 1;
                return;
            }
            if (html.startsWith("->", start)) {
                pos = start + 2;
                return;
            }
            for (int i = start; i < length; i++) {
                if (html.charAt(i) == '-' && html.startsWith("->", i + 1)) {
                    pos = i + 3;
                    return;
                }
                if (html.charAt(i) == '-' && html.startsWith("-!>", i + 1)) {
                    pos = i + 4;
                    return;
                }
            }
            pos = length;
        } else if (html.startsWith("[CDATA[", pos)) {
            int start = pos + 7;
            int end = html.indexOf("]]>", start);
            handler.text(html.substring(start, end < 0 ? length : end));
            pos = end < 0 ? length : end + 3;
        } else {
            int end = skipPast('>', pos);
            if (html.regionMatches(true, pos, "doctype", 0, 7)) {
                String[] words = html.substring(pos + 7, Math.max(pos + 7, end - 1)).trim().split("[ \t\n\r\f]+", 3);
                handler.doctype(words[0].toLowerCase(Locale.ROOT));
            }
            pos = end;
        }
    }

    /**
     * Where the contents of raw-text element {@code name} end: at its end tag ({@code </name} followed by a space,
     * {@code /} or {@code >}, in any case), or at the end of the input.
     */
    private int endOfRawText(String name) {
        int length = html.length();
        int from = pos;
        while (true) {
            int lt = html.indexOf("</", from);
            if (lt < 0) {
                return length;
            }
            int after = lt + 2 + name.length();
            if (html.regionMatches(true, lt + 2, name, 0, name.length()) && (after >= length || endsTagName(html.charAt(after)))) {
                return lt;
            }
            from = lt + 2;
        }
    }

    private int skipPast(char c, int from) {
        int at = html.indexOf(c, from);
        return at < 0 ? html.length() : at + 1;
    }

    private static boolean endsTagName(char c) {
        return isSpace(c) || c == '/' || c == '>';
    }

    private static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
    }

    private static boolean isAsciiLetter(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }
}
