package dev.promptly.core.message;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.api.Test;

/** The bounded prefix detection reads of a text. */
class WordsTest {
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
}
