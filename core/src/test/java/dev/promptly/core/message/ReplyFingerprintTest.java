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

    @Test
    void aMailCopysSignatureOutlookQuoteAndWrappedQuoteHeaderDoNotCount() {
        String helpdesk = "Hi Anna, your parcel left today.";

        String signed = "Hi Anna,\nyour parcel left today.\n-- \nTom | Demo Shop\nhttps://demo-shop.example\n";
        String outlook = "Hi Anna, your parcel left today.\n\n________________________________\nFrom: Anna <anna@example.com>\n"
                + "Sent: Monday, 23 November 2026 10:00\nSubject: Where is it?\n\nWhere is it?\n";
        String outlookPlain = "Hi Anna, your parcel left today.\n\nFrom: Anna <anna@example.com>\nSent: Monday\n\nWhere is it?";
        String original = "Hi Anna, your parcel left today.\n-----Original Message-----\nWhere is it?";
        String wrapped = "Hi Anna, your parcel left today.\n\nOn Mon, 23 Nov 2026 at 10:00, Anna Example <anna@example.com>\nwrote:\n\nWhere is it?";
        String zendeskMail = "##- Please type your reply above this line -##\nHi Anna, your parcel left today.";

        for (String copy : new String[] {signed, outlook, outlookPlain, original, wrapped, zendeskMail}) {
            assertEquals(ReplyFingerprint.of(CONVERSATION, helpdesk), ReplyFingerprint.of(CONVERSATION, copy), copy);
        }
    }

    @Test
    void aFooterBelowALongReplyDoesNotCount() {
        String reply = "Your parcel left our warehouse today. ".repeat(20);

        assertEquals(ReplyFingerprint.of(CONVERSATION, reply),
                ReplyFingerprint.of(CONVERSATION, reply + "\nThis email is a service from Demo Shop. Delivered by Zendesk"));
    }
}
