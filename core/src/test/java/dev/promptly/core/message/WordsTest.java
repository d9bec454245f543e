package dev.promptly.core.message;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.text.Normalizer;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** How text is cut into words, and the bounded prefix detection reads of a text. */
class WordsTest {
    /** The definition {@link Words#of} implements with one scan: NFC, lower case, typographic apostrophes as ', split at non-words. */
    private static List<String> byRegex(String text) {
        if (text == null || text.isBlank()) {
            return List.of();
        }
        String plain = Pattern.compile("[\u2018\u2019\u02bc`\u00b4]")
                .matcher(Normalizer.normalize(text, Normalizer.Form.NFC).toLowerCase(Locale.ROOT)).replaceAll("'");
        return Arrays.stream(Pattern.compile("[^\\p{L}\\p{M}\\p{N}']+").split(plain))
                .map(word -> word.replaceAll("^'+|'+$", ""))
                .filter(word -> !word.isEmpty())
                .toList();
    }

    @Test
    void wordsAreLettersMarksDigitsAndInnerApostrophes() {
        var words = Words.of("Wo bleibt #1001? Ich hab’s bestellt – 'Grüße', don`t; Bestell-Nr.: 4711 ½ \uD835\uDC00x");

        assertEquals(List.of("wo", "bleibt", "1001", "ich", "hab's", "bestellt", "grüße", "don't", "bestell", "nr", "4711", "½", "\uD835\uDC00x"),
                words);
    }

    @Test
    void textBelowTheCombiningMarksIsItsOwnNfcAndSkipsTheNormaliser() {
        // Every character below U+0300 alone, and every pair of them, is already in NFC: nothing there composes.
        StringBuilder all = new StringBuilder();
        for (char c = 0; c < Words.FIRST_COMBINING_MARK; c++) {
            String one = String.valueOf(c);
            assertEquals(one, Normalizer.normalize(one, Normalizer.Form.NFC), () -> "U+" + Integer.toHexString(one.charAt(0)));
            all.append(c);
        }
        String everything = all.toString();
        assertEquals(Normalizer.normalize(everything, Normalizer.Form.NFC), everything);
        for (char first = 0x20; first < Words.FIRST_COMBINING_MARK; first++) {
            for (char second = 0x20; second < Words.FIRST_COMBINING_MARK; second += 7) {
                String pair = "" + first + second;
                assertEquals(Normalizer.normalize(pair, Normalizer.Form.NFC), pair);
            }
        }
        assertSame(everything, Words.nfc(everything));
        // From the first combining mark on, the normaliser runs: a + U+0308 is ä.
        assertEquals("\u00e4", Words.nfc("a\u0308"));
        assertEquals(List.of("grüße"), Words.of("gru\u0308ße"));
    }

    @Test
    void wordsAreCutAsTheRegexDefinitionCutsThem() {
        List<String> samples = List.of("", "   ", "'", "''a''", "a''b", "U\u0308bung", "ﬁne İstanbul", "\uD800 lone \uDC00 surrogates",
                "Tab\tLine\nBreak\r\nNBSP\u00a0here", "Ⅻ ٣٤ ①", "x\u02bcy ´z´ `q`", "Straße #1001,49€");
        for (String sample : samples) {
            assertEquals(byRegex(sample), Words.of(sample), sample);
        }
        // Random text over letters, marks, digits, apostrophes, punctuation, spaces and surrogates.
        String alphabet = "aZß09'’ʼ`´ .,-#\n\t\u00a0\u0308\u0301é½Ⅻ٣\uD835\uDC00\uD800€İ";
        Random random = new Random(15);
        for (int i = 0; i < 2_000; i++) {
            StringBuilder text = new StringBuilder();
            for (int j = random.nextInt(30); j > 0; j--) {
                text.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            assertEquals(byRegex(text.toString()), Words.of(text.toString()), text.toString());
        }
    }

    @Test
    void aShortTextIsReadWhole() {
        String text = "Wo bleibt #1001?";

        assertSame(text, Words.prefix(text, 16));
        assertNull(Words.prefix(null, 16));
    }

    @Test
    void aLongTextIsCutBeforeTheWordTheLimitFallsIn() {
        var prefix = Words.prefix("Wo bleibt #1001234 heute", 14);

        assertEquals("Wo bleibt", prefix);
    }

    @Test
    void aWordLongerThanTheLookBackIsCutAtTheLimit() {
        var prefix = Words.prefix("a " + "x".repeat(200), 100);

        assertEquals(100, prefix.length());
    }

    @Test
    void aSurrogatePairIsNeverSplit() {
        String text = "x".repeat(9) + "\uD83D\uDCE6" + "x".repeat(100); // a parcel emoji straddling the limit

        assertEquals("x".repeat(9), Words.prefix(text, 10));
    }

    @Test
    void aHeadKeepsExactlyTheLimitWithoutLookingForAWord() {
        assertEquals("Wo bleibt #10", Words.head("Wo bleibt #1001234 heute", 13));
        String shortText = "Wo bleibt #1001?";
        assertSame(shortText, Words.head(shortText, 16));
        assertNull(Words.head(null, 16));
    }

    @Test
    void aHeadNeverEndsInsideASurrogatePair() {
        String text = "x".repeat(9) + "\uD83D\uDCE6" + "x".repeat(100);

        assertEquals("x".repeat(9), Words.head(text, 10));
        assertEquals("x".repeat(9) + "\uD83D\uDCE6", Words.head(text, 11));
    }

    @Test
    void aHeadOfNoCharactersIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> Words.head("x", 0));
    }
}
