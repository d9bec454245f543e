package dev.promptly.functions.messages;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.promptly.core.message.ConversationId;
import dev.promptly.core.outbox.OutboxKind;
import dev.promptly.core.outbox.OutboxMessage;
import jakarta.mail.Multipart;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The contact form is no spam relay: mail to an address with no order and no earlier conversation repeats
 * none of the visitor's text, and new addresses use only their share of the shop's hourly budget.
 */
class ContactFormRelayTest {
    private static final String PHISHING_NAME = "customer. URGENT: your account is locked, verify at https://evil.example/verify";
    private static final String PHISHING_SUBJECT = "Security notice: confirm your password at https://evil.example/login";

    private MessagesTestSystem system = new MessagesTestSystem();

    @AfterEach
    void close() {
        system.close();
    }

    /** A contact-form post from {@code email} with the phishing name and subject. */
    private ObjectNode formPost(String messageId, String email) {
        ObjectNode body = system.message(messageId, "Hallo, bitte sofort bestätigen: https://evil.example/now Danke");
        body.put("channel", "form");
        body.put("subject", PHISHING_SUBJECT);
        body.putObject("from").put("name", PHISHING_NAME).put("email", email);
        return body;
    }

    private static String textOf(MimeMessage mail) throws Exception {
        return (String) ((Multipart) mail.getContent()).getBodyPart(0).getContent();
    }

    /** The greeting without a name, in either shipped language. */
    private static boolean greetsNobody(String text) {
        return text.startsWith("Hallo,") || text.startsWith("Hello,");
    }

    private static String raw(MimeMessage mail) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        mail.writeTo(out);
        return out.toString(StandardCharsets.UTF_8);
    }

    private String reasonOf(JsonNode answer) {
        return system.conversations.ackDecision(system.shop, new ConversationId(answer.get("conversation_id").asText())).orElseThrow().reason();
    }

    @Test
    void aFormPostFromAnUnknownAddressRepeatsNoneOfTheVisitorsText() throws Exception {
        system.postAndSend(formPost("form-1@site", "victim@example.org"));

        MimeMessage[] received = system.smtp.getReceivedMessages();
        assertEquals(1, received.length);
        assertEquals("victim@example.org", received[0].getAllRecipients()[0].toString());
        String text = textOf(received[0]);
        assertTrue(greetsNobody(text), text);
        String whole = raw(received[0]) + received[0].getSubject() + text
                + ((Multipart) received[0].getContent()).getBodyPart(1).getContent();
        for (String echo : List.of("evil.example", "URGENT", "customer", "locked", "Security notice", "password", "bestätigen")) {
            assertFalse(whole.contains(echo), echo + " was repeated: " + whole);
        }
        OutboxMessage stored = system.outboxMessages().get(0);
        assertFalse((stored.subject() + stored.text() + stored.html()).contains("evil.example"));
    }

    @Test
    void aCustomerWithAnOrderIsStillGreetedByName() throws Exception {
        system.storeSampleOrder();
        ObjectNode body = system.message("form-anna@site", "Hallo, kann ich die Lieferadresse noch ändern?");
        body.put("channel", "form");

        system.postAndSend(body);

        assertTrue(textOf(system.smtp.getReceivedMessages()[0]).startsWith("Hallo Anna Beispiel,"));
    }

    @Test
    void anAddressThatWroteByEmailBeforeIsGreetedByNameTheNextTime() throws Exception {
        system.postAndSend(system.message("first@mail.example.com", "Hallo, was kostet der Versand nach Österreich?"));

        system.postAndSend(system.message("second@mail.example.com", "Hallo, und nach Italien?"));

        MimeMessage[] received = system.smtp.getReceivedMessages();
        assertEquals(2, received.length);
        assertTrue(greetsNobody(textOf(received[0])), "first contact: no name");
        assertTrue(textOf(received[1]).startsWith("Hallo Anna Beispiel,"), "earlier conversation: known");
    }

    @Test
    void anAddressThatAnswersOurMailByEmailIsGreetedByNameTheNextTime() throws Exception {
        ObjectNode first = system.message("form-ben-1@site", "Hallo, habt ihr die Jacke in M?");
        first.put("channel", "form");
        first.putObject("from").put("name", "Ben Kunde").put("email", "ben.kunde@example.org");
        system.postAndSend(first);
        String ackId = system.outboxMessages().get(0).headers().get("Message-ID");
        ObjectNode reply = system.message("ben-reply@mail.example.org", "Danke, und in L?");
        reply.putObject("from").put("name", "Ben Kunde").put("email", "ben.kunde@example.org");
        reply.putArray("references").add(ackId);
        system.postAndSend(reply);

        ObjectNode again = system.message("form-ben-2@site", "Hallo, noch eine Frage zum Versand.");
        again.put("channel", "form");
        again.putObject("from").put("name", "Ben Kunde").put("email", "ben.kunde@example.org");
        system.postAndSend(again);

        MimeMessage[] received = system.smtp.getReceivedMessages();
        assertEquals(2, received.length, "the reply by e-mail continued the conversation");
        assertTrue(greetsNobody(textOf(received[0])));
        assertTrue(textOf(received[1]).startsWith("Hallo Ben Kunde,"), textOf(received[1]));
    }

    @Test
    void formPostsNeverMakeATypedAddressKnown() throws Exception {
        system.postAndSend(formPost("form-a@site", "victim@example.org"));

        system.postAndSend(formPost("form-b@site", "victim@example.org"));

        MimeMessage[] received = system.smtp.getReceivedMessages();
        assertEquals(2, received.length);
        assertFalse(raw(received[1]).contains("evil.example"), "the second post is no more trusted than the first");
        assertTrue(greetsNobody(textOf(received[1])));
    }

    @Test
    void aFloodOfNewAddressesCannotStarveAKnownCustomerAndTheTeamIsToldOnce() throws Exception {
        system.close();
        system = new MessagesTestSystem(", \"auto_reply_budget\": {\"per_shop_per_hour\": 4}");
        system.storeSampleOrder();
        JsonNode last = null;
        for (int i = 0; i < 5; i++) {
            last = system.postAndSend(formPost("flood-" + i + "@site", "made-up-" + i + "@example.net"));
        }

        JsonNode customer = system.postAndSend(system.message("anna-after-flood@mail.example.com", "Hallo, wann kommt die Rechnung?"));

        List<OutboxMessage> outbox = system.outboxMessages();
        assertEquals(2, outbox.stream().filter(m -> m.kind() == OutboxKind.ACK && m.to().startsWith("made-up-")).count(),
                "new addresses get half of the shop's 4 replies an hour");
        assertEquals("new_senders_budget_exhausted", reasonOf(last));
        assertEquals(5, system.conversations.list(system.shop).stream().filter(c -> c.customer().email().startsWith("made-up-")).count(),
                "held messages are still recorded");
        assertEquals(null, reasonOf(customer));
        assertTrue(outbox.stream().anyMatch(m -> m.kind() == OutboxKind.ACK && m.to().equals("anna.beispiel@example.com")));
        List<OutboxMessage> alerts = outbox.stream().filter(m -> m.kind() == OutboxKind.BUDGET_ALERT).toList();
        assertEquals(1, alerts.size());
        assertEquals("support@demo-shop.example", alerts.get(0).to());
        assertTrue(alerts.get(0).text().contains("new addresses"), alerts.get(0).text());
        assertFalse(alerts.get(0).text().contains("made-up-"), "the alert names no address");
    }

    @Test
    void aNewSenderShareOfZeroAnswersOnlyKnownCustomers() {
        system.close();
        system = new MessagesTestSystem(", \"auto_reply_budget\": {\"new_sender_share\": 0}");
        system.storeSampleOrder();

        JsonNode stranger = system.postAndSend(formPost("zero-1@site", "stranger@example.net"));
        JsonNode customer = system.postAndSend(system.message("zero-2@mail.example.com", "Hallo, eine Frage zur Rechnung."));

        assertEquals("new_senders_budget_exhausted", reasonOf(stranger));
        assertEquals(null, reasonOf(customer));
        assertEquals(List.of("anna.beispiel@example.com"),
                system.outboxMessages().stream().filter(m -> m.kind() == OutboxKind.ACK).map(OutboxMessage::to).toList());
    }

    @Test
    void aRedactedCustomerIsNoLongerKnownByTheirEarlierConversation() throws Exception {
        system.postAndSend(system.message("before-redact@mail.example.com", "Hallo, was kostet der Versand?"));
        system.deliverSampleWebhook("customers/redact", "customers-redact");

        system.postAndSend(system.message("after-redact@mail.example.com", "Hallo, und nach Italien?"));

        MimeMessage[] received = system.smtp.getReceivedMessages();
        assertTrue(greetsNobody(textOf(received[received.length - 1])), "the marker went with the conversations");
    }
}
