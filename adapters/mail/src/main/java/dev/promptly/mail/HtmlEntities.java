package dev.promptly.mail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Decodes HTML character references ({@code &amp;}, {@code &auml;}, {@code &#228;}, {@code &#xE4;}) as a
 * browser's tokenizer does (<a href="https://html.spec.whatwg.org/multipage/parsing.html#character-reference-state">
 * HTML standard, character reference state</a>): every named reference of the standard's table, the legacy ones
 * (about a hundred, such as {@code &nbsp}) also without their semicolon, numbers with the standard's
 * windows-1252 fix-ups for 0x80 to 0x9F, and U+FFFD for what is no character.
 *
 * <p>The table is {@value #RESOURCE}, one line per name ({@code name}, a tab, its code points in hex separated
 * by commas, and a tab and {@code legacy} when the name also works without its semicolon), written from jsoup's
 * copy of the standard's table by {@code HtmlEntitiesTableTest}, which fails when the two differ. Loaded on
 * first use: only HTML-only mail needs it.
 */
final class HtmlEntities {
    static final String RESOURCE = "dev/promptly/mail/html-entities.txt";
    /** Longer than any name in the table; a longer run of letters cannot be one. */
    private static final int MAX_NAME = 40;
    private static final char REPLACEMENT = '\uFFFD';
    /** What the standard reads for the C1 controls 0x80 to 0x9F (windows-1252); 0 = keep the number. */
    private static final char[] WINDOWS_1252 = {
        '\u20AC', 0, '\u201A', '\u0192', '\u201E', '\u2026', '\u2020', '\u2021',
        '\u02C6', '\u2030', '\u0160', '\u2039', '\u0152', 0, '\u017D', 0,
        0, '\u2018', '\u2019', '\u201C', '\u201D', '\u2022', '\u2013', '\u2014',
        '\u02DC', '\u2122', '\u0161', '\u203A', '\u0153', 0, '\u017E', '\u0178',
    };

    private HtmlEntities() {
    }

    /**
     * Appends {@code s} to {@code out} with its references decoded. In an attribute value a legacy name
     * without semicolon followed by a letter, digit or {@code =} stays as written (a query string's
     * {@code &copy=1}), as the standard says.
     */
    static void decode(CharSequence s, int from, int to, boolean inAttribute, StringBuilder out) {
        int i = from;
        while (i < to) {
            char c = s.charAt(i);
            if (c != '&') {
                out.append(c);
                i++;
                continue;
            }
            int next = reference(s, i + 1, to, inAttribute, out);
            if (next < 0) {
                out.append('&');
                i++;
            } else {
                i = next;
            }
        }
    }

    /** Decodes the reference after an {@code &} at {@code start}: where reading goes on, or -1 for none. */
    private static int reference(CharSequence s, int start, int to, boolean inAttribute, StringBuilder out) {
        if (start >= to) {
            return -1;
        }
        char first = s.charAt(start);
        if (first == '#') {
            return number(s, start + 1, to, out);
        }
        int end = start;
        while (end < to && isLetter(s.charAt(end))) {
            end++;
        }
        while (end < to && isDigit(s.charAt(end))) {
            end++;
        }
        if (end == start) {
            return -1;
        }
        boolean semicolon = end < to && s.charAt(end) == ';';
        String name = end - start <= MAX_NAME ? s.subSequence(start, end).toString() : "";
        Table table = Table.INSTANCE;
        String value = table.values.get(name);
        if (value != null && (semicolon || table.legacy.contains(name))) {
            if (!semicolon && inAttribute && end < to && followsInAttribute(s.charAt(end))) {
                return -1;
            }
            out.append(value);
            return semicolon ? end + 1 : end;
        }
        if (inAttribute) {
            return -1;
        }
        // In text a legacy name is read even when more letters follow it: "&notit;" is "¬it;".
        for (int length = Math.min(end - start - 1, table.longestLegacy); length > 1; length--) {
            String prefix = s.subSequence(start, start + length).toString();
            if (table.legacy.contains(prefix)) {
                out.append(table.values.get(prefix));
                return start + length;
            }
        }
        return -1;
    }

    private static int number(CharSequence s, int start, int to, StringBuilder out) {
        boolean hex = start < to && (s.charAt(start) == 'x' || s.charAt(start) == 'X');
        int digits = hex ? start + 1 : start;
        int end = digits;
        long value = 0;
        while (end < to && (hex ? Character.digit(s.charAt(end), 16) >= 0 : isDigit(s.charAt(end)))) {
            // Past the last code point the value only has to stay too large.
            value = Math.min(value * (hex ? 16 : 10) + Character.digit(s.charAt(end), 16), 0x110000L);
            end++;
        }
        if (end == digits) {
            return -1;
        }
        int code = (int) value;
        if (code > 0x10FFFF || (code >= 0xD800 && code <= 0xDFFF)) {
            out.append(REPLACEMENT);
        } else if (code >= 0x80 && code <= 0x9F && WINDOWS_1252[code - 0x80] != 0) {
            out.append(WINDOWS_1252[code - 0x80]);
        } else {
            out.appendCodePoint(code);
        }
        return end < to && s.charAt(end) == ';' ? end + 1 : end;
    }

    private static boolean followsInAttribute(char c) {
        return isLetter(c) || isDigit(c) || c == '=' || c == '-' || c == '_';
    }

    private static boolean isLetter(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    /** The names and what they stand for, read once from {@value #RESOURCE}. */
    private static final class Table {
        static final Table INSTANCE = read();

        final Map<String, String> values;
        final Set<String> legacy;
        final int longestLegacy;

        private Table(Map<String, String> values, Set<String> legacy) {
            this.values = values;
            this.legacy = legacy;
            int longest = 0;
            for (String name : legacy) {
                longest = Math.max(longest, name.length());
            }
            this.longestLegacy = longest;
        }

        private static Table read() {
            Map<String, String> values = new HashMap<>(4096);
            Set<String> legacy = new HashSet<>(256);
            try (InputStream in = HtmlEntities.class.getClassLoader().getResourceAsStream(RESOURCE)) {
                if (in == null) {
                    throw new IllegalStateException("the HTML entity table is missing from the class path: " + RESOURCE);
                }
                var lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.US_ASCII));
                for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                    int tab = line.indexOf('\t');
                    int second = line.indexOf('\t', tab + 1);
                    String name = line.substring(0, tab);
                    var text = new StringBuilder(2);
                    for (String point : line.substring(tab + 1, second < 0 ? line.length() : second).split(",")) {
                        text.appendCodePoint(Integer.parseInt(point, 16));
                    }
                    values.put(name, text.toString());
                    if (second >= 0) {
                        legacy.add(name);
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return new Table(values, legacy);
        }
    }
}
