package dev.promptly.core.message;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import org.junit.jupiter.api.Test;

/** The same team reply, by helpdesk webhook (HTML) or by mail copy (quoted text), has one fingerprint. */
class ReplyFingerprintTest {
    private static final ConversationId CONVERSATION = ConversationId.derive("acme.myshopify.com", "m-1");

    @Test
    void helpdeskHtmlAndMailCopyWithQuoteHaveTheSameFingerprint() {
        String helpdesk = "<p>Hi Anna,</p><p>your parcel left today.&nbsp;Best, Tom</p>";
        String mailCopy = "Hi Anna,\n\nyour parcel  left today. Best, Tom\n\nOn Mon, 23 Nov 2026 at 10:00, Anna <anna@example.com> wrote:\n> Where is it?\n";

        assertEquals(ReplyFingerprint.of(CONVERSATION, helpdesk), ReplyFingerprint.of(CONVERSATION, mailCopy));
    }

    @Test
    void anotherReplyOrAnotherConversationDiffers() {
        String reply = "Your parcel left today.";

        assertNotEquals(ReplyFingerprint.of(CONVERSATION, reply), ReplyFingerprint.of(CONVERSATION, "Your parcel leaves tomorrow."));
        assertNotEquals(ReplyFingerprint.of(CONVERSATION, reply),
                ReplyFingerprint.of(ConversationId.derive("acme.myshopify.com", "m-2"), reply));
    }

    @Test
    void quotedLinesAndCaseDoNotCount() {
        assertEquals("thanks, done.", ReplyFingerprint.normalise("> old text\nTHANKS,\n  done."));
    }
}
