package dev.promptly.functions.messages;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.promptly.core.message.ConversationId;
import dev.promptly.core.message.ConversationStatus;
import dev.promptly.core.outbox.OutboxKind;
import jakarta.mail.Multipart;
import jakarta.mail.internet.MimeMessage;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * "Where is my order?" answered in the acknowledgement itself: real orders arrive through the webhook
 * intake, the question through {@code POST /messages}, and the one mail that reaches the SMTP server is
 * read back.
 */
class WismoEndToEndTest {
    private MessagesTestSystem system = new MessagesTestSystem();

    @AfterEach
    void close() {
        system.close();
    }

    /** Order #{@code number} of Anna, placed on Monday 2026-11-23 09:15 in Berlin, nothing shipped. */
    private ObjectNode order(long id, String name) {
        ObjectNode order = MessagesTestSystem.sample("orders-create");
        order.put("id", id);
        order.put("name", name);
        order.put("admin_graphql_api_id", "gid://shopify/Order/" + id);
        return order;
    }

    private void fulfil(long orderId, long fulfillmentId, String carrier, String tracking, String url) {
        ObjectNode fulfillment = MessagesTestSystem.sample("fulfillments-create");
        fulfillment.put("id", fulfillmentId);
        fulfillment.put("order_id", orderId);
        fulfillment.put("tracking_company", carrier);
        fulfillment.put("tracking_number", tracking);
        fulfillment.putArray("tracking_numbers").add(tracking);
        fulfillment.put("tracking_url", url);
        fulfillment.putArray("tracking_urls").add(url);
        system.deliverWebhook("fulfillments/create", fulfillment);
    }

    private void event(long orderId, long fulfillmentId, long eventId, String status, String happenedAt, String estimate) {
        ObjectNode event = MessagesTestSystem.sample("fulfillment-events-create");
        event.put("id", eventId);
        event.put("order_id", orderId);
        event.put("fulfillment_id", fulfillmentId);
        event.put("status", status);
        event.put("happened_at", happenedAt);
        if (estimate == null) {
            event.putNull("estimated_delivery_at");
        } else {
            event.put("estimated_delivery_at", estimate);
        }
        system.deliverWebhook("fulfillment_events/create", event);
    }

    private ObjectNode question(String messageId, String text) {
        ObjectNode message = system.message(messageId, text);
        message.put("subject", "Meine Bestellung");
        return message;
    }

    /** Posts the question, sends, and returns the text of the one mail that arrives, with LF line ends. */
    private String answerTo(ObjectNode question) throws Exception {
        system.postAndSend(question);
        MimeMessage[] received = system.smtp.getReceivedMessages();
        assertEquals(1, received.length, "one message: acknowledgement and answer together");
        return ((String) ((Multipart) received[0].getContent()).getBodyPart(0).getContent()).replace("\r\n", "\n");
    }

    /** The stored conversation of the first outbox record. */
    private dev.promptly.core.message.Conversation firstConversation() {
        return system.conversations.load(system.shop, new ConversationId(system.outboxMessages().get(0).conversationId()))
                .orElseThrow().conversation();
    }

    private ConversationStatus statusOf(JsonNode accepted) {
        return system.conversations.load(system.shop, new ConversationId(accepted.get("conversation_id").asText()))
                .orElseThrow().conversation().status();
    }

    @Test
    void anUnshippedOrderGetsItsShippingPromiseAndTheConversationWaitsOnTheCustomer() throws Exception {
        system.clock.set(Instant.parse("2026-11-24T10:00:00Z"));
        system.deliverWebhook("orders/create", order(5001001, "#1001"));

        String text = answerTo(question("w-1", "Hallo, wo bleibt meine Bestellung #1001? Gruß Anna"));

        assertTrue(text.contains("Bestellung #1001:\nSie ist noch nicht versandt. Wir versenden sie bis spätestens Mittwoch, 25. November 2026."), text);
        MimeMessage mail = system.smtp.getReceivedMessages()[0];
        assertTrue(mail.getSubject().endsWith("Ihre Bestellung #1001: der aktuelle Stand"), mail.getSubject());
        assertEquals(OutboxKind.WISMO, system.outboxMessages().get(0).kind());
        assertEquals(ConversationStatus.WAITING_ON_CUSTOMER,
                statusOf(MessagesTestSystem.JSON.createObjectNode().put("conversation_id", system.outboxMessages().get(0).conversationId())));
        assertEquals("wismo", firstConversation().intent(), "the conversation remembers what it asked for");
        assertEquals("answered", firstConversation().wismoReply());
    }

    @Test
    void pastTheShippingPromiseTheAnswerApologisesAndAPersonTakesOver() throws Exception {
        system.deliverWebhook("orders/create", order(5001001, "#1001"));

        String text = answerTo(question("w-2", "Wo bleibt meine Bestellung 1001? Sie sollte längst da sein."));

        assertTrue(text.contains("Sie ist leider noch nicht versandt, obwohl wir den Versand bis Mittwoch, 25. November 2026 zugesagt hatten."), text);
        assertTrue(text.contains("Unser Team meldet sich bis spätestens Montag, 30. November 2026, 12:59 Uhr (MEZ) persönlich bei Ihnen."), text);
        assertEquals(ConversationStatus.OPEN, statusOf(MessagesTestSystem.JSON.createObjectNode()
                .put("conversation_id", system.outboxMessages().get(0).conversationId())));
    }

    @Test
    void aPartlyShippedOrderListsEachParcelWithItsCarrierAndTracking() throws Exception {
        system.clock.set(Instant.parse("2026-11-25T10:00:00Z"));
        ObjectNode partial = order(5001001, "#1001");
        partial.put("fulfillment_status", "partial");
        partial.put("updated_at", "2026-11-24T15:00:00+01:00");
        system.deliverWebhook("orders/updated", partial);
        fulfil(5001001, 6001, "DHL", "00340434161234567890", "https://www.dhl.de/verfolgen?piececode=00340434161234567890");
        event(5001001, 6001, 8001, "in_transit", "2026-11-24T21:10:00+01:00", "2026-11-26T18:00:00+01:00");
        fulfil(5001001, 6002, "UPS", "1Z999AA10123456784", "https://www.ups.com/track?tracknum=1Z999AA10123456784");

        String text = answerTo(question("w-3", "Where is my order #1001?"));

        assertTrue(text.contains("Ein Teil ist unterwegs, der Rest folgt."), text);
        assertTrue(text.contains("- Paket mit DHL (Sendungsnummer 00340434161234567890): unterwegs, voraussichtliche Zustellung am Donnerstag, 26. November 2026.\n"
                + "  Sendungsverfolgung: https://www.dhl.de/verfolgen?piececode=00340434161234567890"), text);
        assertTrue(text.contains("- Paket mit UPS (Sendungsnummer 1Z999AA10123456784): unterwegs.\n"
                + "  Sendungsverfolgung: https://www.ups.com/track?tracknum=1Z999AA10123456784"), text);
    }

    @Test
    void anEstimateThatHasPassedIsNotRepeated() throws Exception {
        system.deliverWebhook("orders/create", order(5001001, "#1001"));
        fulfil(5001001, 6001, "DHL", "00340434161234567890", "https://www.dhl.de/verfolgen?piececode=00340434161234567890");
        event(5001001, 6001, 8001, "in_transit", "2026-11-24T21:10:00+01:00", "2026-11-26T18:00:00+01:00");

        String text = answerTo(question("w-4", "Hallo, wo ist mein Paket zur Bestellung 1001?"));

        assertTrue(text.contains("(Sendungsnummer 00340434161234567890): unterwegs.\n"), text);
        assertFalse(text.contains("voraussichtlich"), text);
    }

    @Test
    void aCarrierProblemIsSaidAndAPersonTakesOver() throws Exception {
        system.deliverWebhook("orders/create", order(5001001, "#1001"));
        fulfil(5001001, 6001, "DHL", "00340434161234567890", "https://www.dhl.de/verfolgen?piececode=00340434161234567890");
        event(5001001, 6001, 8001, "attempted_delivery", "2026-11-26T11:00:00+01:00", "2026-11-27T18:00:00+01:00");

        String text = answerTo(question("w-5", "Wo bleibt meine Bestellung #1001?"));

        assertTrue(text.contains("der Zusteller meldet ein Problem bei der Zustellung."), text);
        assertFalse(text.contains("voraussichtlich"), "no estimate beside a carrier problem: " + text);
        assertEquals(ConversationStatus.OPEN, statusOf(MessagesTestSystem.JSON.createObjectNode()
                .put("conversation_id", system.outboxMessages().get(0).conversationId())));
    }

    @Test
    void aDeliveredOrderGivesTheDateAndWhatToDoIfNothingArrived() throws Exception {
        ObjectNode fulfilled = order(5001001, "#1001");
        fulfilled.put("fulfillment_status", "fulfilled");
        system.deliverWebhook("orders/create", fulfilled);
        fulfil(5001001, 6001, "DHL", "00340434161234567890", "https://www.dhl.de/verfolgen?piececode=00340434161234567890");
        event(5001001, 6001, 8002, "delivered", "2026-11-26T13:05:00+01:00", null);

        String text = answerTo(question("w-6", "Sendungsverfolgung sagt zugestellt, wo ist meine Bestellung #1001?"));

        assertTrue(text.contains("zugestellt am Donnerstag, 26. November 2026. Falls es nicht bei Ihnen angekommen ist"), text);
    }

    @Test
    void aCancelledOrderIsSaidToBeCancelled() throws Exception {
        ObjectNode cancelled = order(5001001, "#1001");
        cancelled.put("cancelled_at", "2026-11-23T12:00:00+01:00");
        cancelled.put("cancel_reason", "customer");
        system.deliverWebhook("orders/create", cancelled);

        String text = answerTo(question("w-7", "Wo bleibt meine Bestellung #1001?"));

        assertTrue(text.contains("Bestellung #1001:\nSie wurde storniert."), text);
    }

    @Test
    void anotherSendersOrderAndAnUnknownNumberGetTheSameCarefulAnswer() throws Exception {
        system.deliverWebhook("orders/create", order(5001001, "#1001"));
        ObjectNode stranger = question("w-8", "Wo bleibt die Bestellung #1001?");
        stranger.putObject("from").put("email", "mallory@example.org");
        ObjectNode unknown = question("w-9", "Wo bleibt die Bestellung #9999?");
        unknown.putObject("from").put("email", "mallory@example.org");

        system.postAndSend(stranger);
        system.postAndSend(unknown);

        MimeMessage[] received = system.smtp.getReceivedMessages();
        String first = ((String) ((Multipart) received[0].getContent()).getBodyPart(0).getContent()).replaceAll("PR-[0-9A-Z]{10}", "PR-X");
        String second = ((String) ((Multipart) received[1].getContent()).getBodyPart(0).getContent()).replaceAll("PR-[0-9A-Z]{10}", "PR-X");
        assertEquals(first, second, "whether an order exists is never revealed");
        assertTrue(first.contains("Zu Ihrer Absenderadresse haben wir keine passende Bestellung gefunden."), first);
        assertFalse(first.contains("1001") || first.contains("DHL"), first);
    }

    /** A contact form from Mallory's own address that carries the phone number {@code phone}. */
    private ObjectNode fromMallory(String messageId, String text, String phone) {
        ObjectNode message = question(messageId, text);
        message.put("channel", "form");
        message.putObject("from").put("name", "Mallory").put("email", "mallory@evil.example").put("phone", phone);
        return message;
    }

    /** Subject, text and HTML of each mail received, in order, with the ticket (derived from the message id) masked. */
    private List<String> receivedWithoutTicket() throws Exception {
        List<String> mails = new java.util.ArrayList<>();
        for (MimeMessage mail : system.smtp.getReceivedMessages()) {
            Multipart parts = (Multipart) mail.getContent();
            mails.add((mail.getAllRecipients()[0] + "\n" + mail.getSubject() + "\n" + parts.getBodyPart(0).getContent() + "\n"
                    + parts.getBodyPart(1).getContent()).replaceAll("PR-[0-9A-Z]{10}", "PR-X"));
        }
        return mails;
    }

    @Test
    void aTypedPhoneNumberUnlocksNoOrder() throws Exception {
        system.deliverWebhook("orders/create", order(5001001, "#1001"));
        fulfil(5001001, 6001, "DHL", "00340434161234567890", "https://www.dhl.de/verfolgen?piececode=00340434161234567890");

        system.postAndSend(fromMallory("p-1", "Hallo, wo bleibt meine Bestellung?", "+49 30 1234567"));
        system.postAndSend(fromMallory("p-2", "Hallo, wo bleibt meine Bestellung?", "+49 40 7654321"));

        List<String> mails = receivedWithoutTicket();
        assertEquals(2, mails.size());
        assertTrue(mails.get(0).startsWith("mallory@evil.example\n"), mails.get(0));
        assertEquals(mails.get(1), mails.get(0), "the customer's phone number changes nothing in Mallory's answer");
        assertFalse(mails.get(0).contains("1001") || mails.get(0).contains("DHL") || mails.get(0).contains("00340434161234567890"), mails.get(0));
        assertTrue(system.outboxMessages().stream().allMatch(m -> m.orderId() == null), "no conversation is tied to the order");
    }

    @Test
    void anOrderNamedWithTheCustomersPhoneNumberGetsTheSameCarefulAnswerAsAnUnknownNumber() throws Exception {
        system.deliverWebhook("orders/create", order(5001001, "#1001"));
        fulfil(5001001, 6001, "DHL", "00340434161234567890", "https://www.dhl.de/verfolgen?piececode=00340434161234567890");

        system.postAndSend(fromMallory("p-3", "Wo bleibt die Bestellung #1001?", "+49 30 1234567"));
        system.postAndSend(fromMallory("p-4", "Wo bleibt die Bestellung #9999?", "+49 30 1234567"));

        List<String> mails = receivedWithoutTicket();
        assertEquals(2, mails.size());
        assertEquals(mails.get(1), mails.get(0), "whether order #1001 exists is never revealed");
        assertTrue(mails.get(0).contains("Zu Ihrer Absenderadresse haben wir keine passende Bestellung gefunden."), mails.get(0));
        assertFalse(mails.get(0).contains("DHL") || mails.get(0).contains("00340434161234567890"), mails.get(0));
    }

    @Test
    void withoutANumberEveryOpenOrderOfTheSenderIsAnswered() throws Exception {
        system.clock.set(Instant.parse("2026-11-24T10:00:00Z"));
        system.deliverWebhook("orders/create", order(5001001, "#1001"));
        ObjectNode second = order(5001002, "#1002");
        second.put("created_at", "2026-11-24T08:00:00+01:00");
        system.deliverWebhook("orders/create", second);

        String text = answerTo(question("w-10", "Hallo, wann kommen meine Bestellungen an?"));

        assertTrue(text.contains("Bestellung #1002:\nSie ist noch nicht versandt. Wir versenden sie bis spätestens Donnerstag, 26. November 2026."), text);
        assertTrue(text.contains("Bestellung #1001:\nSie ist noch nicht versandt. Wir versenden sie bis spätestens Mittwoch, 25. November 2026."), text);
    }

    @Test
    void withManyOpenOrdersTheCustomerIsAskedWhichOne() throws Exception {
        for (int i = 1; i <= 4; i++) {
            system.deliverWebhook("orders/create", order(5001000 + i, "#100" + i));
        }

        String text = answerTo(question("w-11", "Wo bleibt meine Bestellung?"));

        assertTrue(text.contains("Sie haben mehrere offene Bestellungen. Welche meinen Sie?"), text);
        assertFalse(text.contains("#1001"), text);
    }

    @Test
    void aSenderWithoutOrdersIsAskedForTheOrderAddressOrNumber() throws Exception {
        String text = answerTo(question("w-12", "Wo bleibt mein Paket?"));

        assertTrue(text.contains("Bitte schreiben Sie uns von der E-Mail-Adresse, mit der Sie bestellt haben, oder nennen Sie uns Ihre Bestellnummer"), text);        assertEquals("ask_reference", firstConversation().wismoReply());
    }

    @Test
    void aReturnQuestionIsNotAnsweredAsWhereIsMyOrder() throws Exception {
        system.deliverWebhook("orders/create", order(5001001, "#1001"));

        system.postAndSend(question("w-13", "Hallo, ich möchte die Bestellung #1001 zurückschicken. Wie funktioniert die Rücksendung?"));

        assertEquals(OutboxKind.ACK, system.outboxMessages().get(0).kind());        assertEquals("return", firstConversation().intent());
        assertEquals(null, firstConversation().wismoReply(), "no WISMO answer was given");
    }

    @Test
    void theCustomersReplyReopensAConversationThatWaitedOnThem() {
        system.clock.set(Instant.parse("2026-11-24T10:00:00Z"));
        system.deliverWebhook("orders/create", order(5001001, "#1001"));
        JsonNode answered = system.postAndSend(question("w-14", "Wo bleibt meine Bestellung #1001?"));
        assertEquals(ConversationStatus.WAITING_ON_CUSTOMER, statusOf(answered));

        ObjectNode reply = question("w-15", "Danke, aber ich brauche sie bis Freitag. Geht das schneller?");
        reply.put("in_reply_to", "w-14");
        system.postAndSend(reply);

        assertEquals(ConversationStatus.OPEN, statusOf(answered));
        assertEquals(1, system.smtp.getReceivedMessages().length, "the reply is for a person, not answered again");
    }

    @Test
    void aShopCanKeepAnsweredConversationsOpen() {
        system.close();
        system = new MessagesTestSystem(", \"wismo\": {\"after_answer\": \"keep_open\"}");
        system.clock.set(Instant.parse("2026-11-24T10:00:00Z"));
        system.deliverWebhook("orders/create", order(5001001, "#1001"));

        JsonNode answered = system.postAndSend(question("w-16", "Wo bleibt meine Bestellung #1001?"));

        assertEquals(OutboxKind.WISMO, system.outboxMessages().get(0).kind());
        assertEquals(ConversationStatus.OPEN, statusOf(answered));
    }
}
