package dev.promptly.core.message;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class MessageIdsTest {
    @Test
    void controlCharactersAndLineSeparatorsAreNeverPrintable() {
        for (String bad : new String[] {"a\u0000b", "a\rb", "a\nb", "a\tb", "a\u0085b", "a\u2028b", "a\u2029b", "a\u007Fb", " ", "",
                "x".repeat(MessageIds.MAX_LENGTH + 1)}) {
            assertFalse(MessageIds.printable(bad), bad);
        }
        assertTrue(MessageIds.printable("CAF=abc+x@mail.gmail.com"));
        assertTrue(MessageIds.printable("Grüße-42@例え.jp"));
        assertTrue(MessageIds.printable("x".repeat(MessageIds.MAX_LENGTH)));
    }

    @Test
    void onlySingleTokensMayBeWrittenIntoAHeader() {
        assertTrue(MessageIds.headerSafe("m-1@mail.example.com"));
        assertFalse(MessageIds.headerSafe("m 1@mail.example.com"));
        assertFalse(MessageIds.headerSafe("m-1@mail.example.com> <other@evil.example"));
        assertFalse(MessageIds.headerSafe("m-1\u00A0@mail.example.com"));
        assertFalse(MessageIds.headerSafe("m-1\u2028@mail.example.com"));
    }
}
