package dev.promptly.mail;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The envelope lines of [MS-XJRNL] section 2.1, in each form the specification lists. */
class JournalEnvelopeTest {
    @Test
    void everyRecipientFormIsReadWithExpandedAndForwardedSources() {
        String text = String.join("\n",
                "Sender: Alex@Shop.example",
                "On-Behalf-Of: team@shop.example",
                "Subject: Re: To: nobody@example.com",
                "Message-Id: <a1@shop.example>",
                "To: anna@example.com",
                "Cc: fwd@shop.example, Forwarded: lager@shop.example",
                "Bcc: member@shop.example, Expanded: group@shop.example",
                "Recipient: <Ben@Example.org>",
                "To: anna@example.com",
                "");

        JournalEnvelope envelope = JournalEnvelope.read(text);

        assertEquals("alex@shop.example", envelope.sender());
        assertEquals(List.of("anna@example.com", "fwd@shop.example", "lager@shop.example", "member@shop.example",
                "group@shop.example", "ben@example.org"), envelope.recipients());
    }

    @Test
    void textWithoutEnvelopeLinesHasNoSenderAndNoRecipients() {
        JournalEnvelope envelope = JournalEnvelope.read("Journal report for a message.\n\nNothing else.");

        assertNull(envelope.sender());
        assertEquals(List.of(), envelope.recipients());
    }

    @Test
    void recipientsBeyondTheCapAreDropped() {
        String text = IntStream.range(0, JournalEnvelope.MAX_RECIPIENTS + 20).mapToObj(i -> "Bcc: r" + i + "@example.com")
                .collect(Collectors.joining("\n"));

        JournalEnvelope envelope = JournalEnvelope.read(text);

        assertEquals(JournalEnvelope.MAX_RECIPIENTS, envelope.recipients().size());
        assertEquals("r0@example.com", envelope.recipients().get(0));
    }
}
