package dev.promptly.core.message;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * How customer text is cut into words for the detectors: Unicode-composed (mail clients send both
 * {@code ü} and {@code u} plus a combining diaeresis), lower case, split at everything but letters,
 * digits and apostrophes, so punctuation, {@code #1001} and line breaks never glue words together.
 * Public because the WISMO detector ({@code core.wismo}) cuts text the same way.
 */
public final class Words {
    /** How far {@link #prefix} looks back for a space to cut at; longer "words" are cut where the limit falls. */
    static final int LONGEST_WORD = 64;
    /** U+0300 COMBINING GRAVE ACCENT, where Unicode's combining diacritical marks begin. */
    static final char FIRST_COMBINING_MARK = '\u0300';

    private Words() {
    }

    /**
     * The text in Unicode normalisation form C. Below U+0300 (Latin-1, Latin Extended-A and -B, IPA) every
     * character is its own NFC and none composes with another, so such text, most of what customers write
     * and every phrase of the books, skips the normaliser's tables and buffers.
     */
    public static String nfc(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) >= FIRST_COMBINING_MARK) {
                return Normalizer.normalize(text, Normalizer.Form.NFC);
            }
        }
        return text;
    }

    /** The words of {@code text} in order, lower case; empty for {@code null} or blank text. */
    public static List<String> of(String text) {
        if (text == null || text.isBlank()) {
            return List.of();
        }
        String plain = nfc(text).toLowerCase(Locale.ROOT);
        // One scan instead of a regex replace and a regex split: the phrase books alone cut thousands of
        // entries at every cold start, and most of customer text is ASCII that needs no Unicode look-up.
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        for (int i = 0; i < plain.length(); ) {
            int c = plain.codePointAt(i);
            i += Character.charCount(c);
            if (isTypographicApostrophe(c)) {
                word.append('\'');
            } else if (isWordCharacter(c)) {
                word.appendCodePoint(c);
            } else if (word.length() > 0) {
                addWithoutOuterApostrophes(word, words);
            }
        }
        addWithoutOuterApostrophes(word, words);
        return Collections.unmodifiableList(words);
    }

    /** ‘ ’ ʼ ` ´, written for an apostrophe: read as {@code '}. */
    private static boolean isTypographicApostrophe(int c) {
        return c == '\u2018' || c == '\u2019' || c == '\u02bc' || c == '`' || c == '\u00b4';
    }

    /** What a word is made of: a letter, mark or number (Unicode categories L, M, N, as the regex {@code [\\p{L}\\p{M}\\p{N}']}) or {@code '}. */
    static boolean isWordCharacter(int c) {
        if (c < 0x80) {
            return c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c >= 'A' && c <= 'Z' || c == '\'';
        }
        return switch (Character.getType(c)) {
            case Character.UPPERCASE_LETTER, Character.LOWERCASE_LETTER, Character.TITLECASE_LETTER, Character.MODIFIER_LETTER,
                 Character.OTHER_LETTER, Character.NON_SPACING_MARK, Character.ENCLOSING_MARK, Character.COMBINING_SPACING_MARK,
                 Character.DECIMAL_DIGIT_NUMBER, Character.LETTER_NUMBER, Character.OTHER_NUMBER -> true;
            default -> false;
        };
    }

    /** Adds the collected run without its leading and trailing apostrophes, unless nothing else is left, and clears it. */
    private static void addWithoutOuterApostrophes(StringBuilder run, List<String> into) {
        int start = 0;
        int end = run.length();
        while (start < end && run.charAt(start) == '\'') {
            start++;
        }
        while (end > start && run.charAt(end - 1) == '\'') {
            end--;
        }
        if (start < end) {
            into.add(run.substring(start, end));
        }
        run.setLength(0);
    }

    /**
     * The start of {@code text}, at most {@code maxChars} long: the whole text when it is short enough,
     * else cut at the last white space before the limit (if one lies within {@value #LONGEST_WORD}
     * characters of it), so that "#1001234" never becomes "#1001"; a surrogate pair is never split.
     * Detection reads such a prefix: whatever a message's size, its cost is bounded.
     *
     * @param text the text, or {@code null} (then {@code null})
     * @param maxChars how many characters to keep at most, at least 1
     */
    public static String prefix(String text, int maxChars) {
        if (maxChars < 1) {
            throw new IllegalArgumentException("maxChars: must be at least 1");
        }
        if (text == null || text.length() <= maxChars) {
            return text;
        }
        int end = maxChars;
        for (int i = maxChars; i > maxChars - LONGEST_WORD && i > 0; i--) {
            if (Character.isWhitespace(text.charAt(i))) {
                end = i;
                break;
            }
        }
        if (Character.isHighSurrogate(text.charAt(end - 1))) {
            end--;
        }
        return text.substring(0, end);
    }

    /**
     * The first {@code maxChars} characters of {@code text}, or one fewer where the last would be the first half
     * of a surrogate pair; the whole text when it is short enough. A cut of stored or rendered text, where
     * {@link #prefix} cuts before a word.
     *
     * @param text the text, or {@code null} (then {@code null})
     * @param maxChars how many characters to keep at most, at least 1
     */
    public static String head(String text, int maxChars) {
        if (maxChars < 1) {
            throw new IllegalArgumentException("maxChars: must be at least 1");
        }
        if (text == null || text.length() <= maxChars) {
            return text;
        }
        return text.substring(0, Character.isHighSurrogate(text.charAt(maxChars - 1)) ? maxChars - 1 : maxChars);
    }

    /** Whether a word holds a digit: order numbers, dates and postcodes say nothing about language. */
    public static boolean hasDigit(String word) {
        for (int i = 0; i < word.length(); i++) {
            if (Character.isDigit(word.charAt(i))) {
                return true;
            }
        }
        return false;
    }

    /**
     * The German spellings of a lower-case word as people type it without umlaut keys: as written,
     * {@code ß} as {@code ss} (Swiss), umlauts as {@code ae oe ue}, and umlauts dropped ({@code ä} as {@code a}).
     */
    public static Set<String> spellings(String word) {
        return Stream.of(word, word.replace("ß", "ss"), foldUmlauts(word), dropUmlauts(word))
                .collect(Collectors.toUnmodifiableSet());
    }

    /** Lower-case text with {@code ä ö ü ß} written {@code ae oe ue ss}: how German is typed without umlaut keys. */
    public static String foldUmlauts(String text) {
        return text.replace("ß", "ss").replace("ä", "ae").replace("ö", "oe").replace("ü", "ue");
    }

    /** Lower-case text with the dots of {@code ä ö ü} dropped and {@code ß} written {@code ss}: the sloppier way. */
    public static String dropUmlauts(String text) {
        return text.replace("ß", "ss").replace("ä", "a").replace("ö", "o").replace("ü", "u");
    }

    /**
     * Whether {@code a} and {@code b} differ by one typo: one letter missing, extra or wrong, or two
     * neighbours swapped (optimal string alignment distance 1).
     */
    public static boolean oneTypoApart(String a, String b) {
        if (a.length() == b.length()) {
            int first = -1;
            int differences = 0;
            for (int i = 0; i < a.length(); i++) {
                if (a.charAt(i) != b.charAt(i) && differences++ == 0) {
                    first = i;
                }
            }
            if (differences == 1) {
                return true;
            }
            return differences == 2 && first + 1 < a.length()
                    && a.charAt(first) == b.charAt(first + 1) && a.charAt(first + 1) == b.charAt(first);
        }
        String shorter = a.length() < b.length() ? a : b;
        String longer = shorter == a ? b : a;
        if (longer.length() - shorter.length() != 1) {
            return false;
        }
        int i = 0;
        while (i < shorter.length() && shorter.charAt(i) == longer.charAt(i)) {
            i++;
        }
        return shorter.regionMatches(i, longer, i + 1, shorter.length() - i);
    }
}
