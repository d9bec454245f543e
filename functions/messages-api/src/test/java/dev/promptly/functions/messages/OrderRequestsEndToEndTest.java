package dev.promptly.functions.messages;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.promptly.core.message.ConversationId;
import dev.promptly.core.outbox.OutboxKind;
import dev.promptly.core.message.Channel;
import dev.promptly.core.sla.Priority;
import dev.promptly.core.sla.SlaClockKind;
import dev.promptly.core.sla.SlaClocks;
import dev.promptly.core.sla.SlaEvent;
import dev.promptly.core.sla.SlaEventType;
import dev.promptly.core.sla.SlaMatch;
import dev.promptly.core.sla.SlaPolicies;
import dev.promptly.core.sla.SlaPolicy;
import dev.promptly.core.sla.SlaTarget;
import dev.promptly.core.sla.TimeBasis;
import jakarta.mail.Multipart;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Refund, return, cancellation, address change and invoice requests answered in the acknowledgement:
 * orders (and refunds) arrive through the webhook intake, the request through {@code POST /messages}, and
 * the one mail that reaches the SMTP server is read back. Details go only to the address stored on the order.
 */
class OrderRequestsEndToEndTest {
    private static final String STATUS_URL = "https://demo-shop.example/12345/orders/abc123/authenticate?key=k1";
    private static final String ANSWERS = """
            , "order_answers": {"return_window_days": 14,
               "return_link": {"de": "https://demo-shop.example/pages/ruecksendung", "en": "https://demo-shop.example/pages/returns"},
               "notes": {"refund": {"de": "Erstattungen gehen immer auf das ursprüngliche Zahlungsmittel."}}}
            """;
    private final MessagesTestSystem system = new MessagesTestSystem(ANSWERS);

    @AfterEach
    void close() {
        system.close();
    }

    /** Anna's order #1001, placed Monday 2026-11-23 in Berlin, paid, nothing shipped. */
    private ObjectNode order() {
        ObjectNode order = MessagesTestSystem.sample("orders-create");
        order.put("order_status_url", STATUS_URL);
        return order;
    }

    private ObjectNode updated(ObjectNode order, String updatedAt) {
        order.put("updated_at", updatedAt);
        return order;
    }

    private void deliveredOn(String happenedAt) {
        ObjectNode shipped = updated(order(), "2026-11-24T15:00:00+01:00");
        shipped.put("fulfillment_status", "fulfilled");
        system.deliverWebhook("orders/updated", shipped);
        ObjectNode fulfillment = MessagesTestSystem.sample("fulfillments-create");
        fulfillment.put("order_id", 5001001);
        system.deliverWebhook("fulfillments/create", fulfillment);
        ObjectNode event = MessagesTestSystem.sample("fulfillment-events-create");
        event.put("order_id", 5001001);
        event.put("fulfillment_id", fulfillment.get("id").asLong());
        event.put("status", "delivered");
        event.put("happened_at", happenedAt);
        event.putNull("estimated_delivery_at");
        system.deliverWebhook("fulfillment_events/create", event);
    }

    /** Posts the request, sends, and returns the text of the one mail that arrives, with LF line ends. */
    private String answerTo(ObjectNode request) throws Exception {
        system.postAndSend(request);
        MimeMessage[] received = system.smtp.getReceivedMessages();
        assertEquals(1, received.length);
        return ((String) ((Multipart) received[0].getContent()).getBodyPart(0).getContent()).replace("\r\n", "\n");
    }

    private List<SlaEvent> slaEvents() {
        return system.conversations.slaEvents(system.shop, new ConversationId(system.outboxMessages().get(0).conversationId()));
    }

    @Test
    void aRefundQuestionGetsTheRefundsWithAmountsAndDatesAndTheShopsNote() throws Exception {
        system.clock.set(Instant.parse("2026-11-26T10:00:00Z"));
        system.deliverWebhook("orders/create", order());
        system.deliverSampleWebhook("refunds/create", "refunds-create");
        system.deliverWebhook("orders/updated", updated(order(), "2026-11-25T14:00:05+01:00").put("financial_status", "partially_refunded"));

        String text = answerTo(system.message("r-1", "Hallo, wann bekomme ich meine Rückerstattung für Bestellung #1001? Gruß Anna"));

        assertTrue(text.contains("Ihre Bestellung #1001: Ein Teil des Betrags wurde erstattet.\n- 9,90 EUR, erstattet am Mittwoch, 25. November 2026\n"), text);
        assertTrue(text.contains("Erstattungen gehen immer auf das ursprüngliche Zahlungsmittel."), text);
        assertEquals(OutboxKind.ACK, system.outboxMessages().get(0).kind());
    }

    @Test
    void aRefundThatArrivedBeforeItsOrderIsKeptAndAnsweredInEnglish() throws Exception {
        system.clock.set(Instant.parse("2026-11-26T10:00:00Z"));
        system.deliverSampleWebhook("refunds/create", "refunds-create");
        ObjectNode order = updated(order(), "2026-11-25T14:00:05+01:00").put("financial_status", "partially_refunded");
        order.put("customer_locale", "en");
        system.deliverWebhook("orders/updated", order);

        String text = answerTo(system.message("r-2", "Hi, where is my refund for order #1001?"));

        assertTrue(text.contains("Your order #1001: part of the amount has been refunded.\n- 9.90 EUR, refunded on Wednesday, 25 November 2026\n"), text);
    }

    @Test
    void aReturnWithinTheWindowGetsTheLastDayAndTheReturnLink() throws Exception {
        system.clock.set(Instant.parse("2026-11-30T10:00:00Z"));
        deliveredOn("2026-11-26T13:05:00+01:00");

        String text = answerTo(system.message("r-3", "Ich möchte meine Bestellung #1001 zurücksenden, die Schuhe sind zu klein."));

        assertTrue(text.contains("Rücksendung Ihrer Bestellung #1001: Sie können sie bis Donnerstag, 10. Dezember 2026 zurücksenden"
                + " (14 Tage ab der Zustellung am Donnerstag, 26. November 2026).\nHier starten Sie Ihre Rücksendung: https://demo-shop.example/pages/ruecksendung"), text);
    }

    @Test
    void aReturnAfterTheWindowSaysWhenItEndedAndAPersonLooks() throws Exception {
        system.clock.set(Instant.parse("2026-12-14T10:00:00Z"));
        deliveredOn("2026-11-26T13:05:00+01:00");

        String text = answerTo(system.message("r-4", "Ich möchte meine Bestellung #1001 zurücksenden."));

        assertTrue(text.contains("Die Rückgabefrist von 14 Tagen ist am Donnerstag, 10. Dezember 2026 abgelaufen. Unser Team prüft Ihr Anliegen persönlich."), text);
    }

    @Test
    void aCancellationBeforeShippingIsStillPossibleAndTheConversationBecomesUrgent() throws Exception {
        system.clock.set(Instant.parse("2026-11-24T10:00:00Z"));
        system.deliverWebhook("orders/create", order());

        String text = answerTo(system.message("r-5", "Bitte stornieren Sie meine Bestellung #1001, ich habe mich vertan."));

        assertTrue(text.contains("Ihre Bestellung #1001: Sie ist noch nicht versandt, daher kann sie noch storniert werden."
                + " Unser Team kümmert sich vorrangig darum, bevor das Paket das Lager verlässt."), text);
        assertTrue(slaEvents().stream().anyMatch(e -> e.type() == SlaEventType.PRIORITY_CHANGED && e.priority() == Priority.URGENT),
                slaEvents().toString());
        // Under a shop's policies, the stored log selects the one for urgent conversations from the first message on.
        var urgent = new SlaPolicy("urgent", new SlaMatch(Set.of(), Set.of(Priority.URGENT), Set.of(), null, Set.of()),
                Map.of(SlaClockKind.FIRST_RESPONSE, new SlaTarget(Duration.ofMinutes(30), TimeBasis.CALENDAR)), true);
        var standard = new SlaPolicy("standard", SlaMatch.EVERYTHING,
                Map.of(SlaClockKind.FIRST_RESPONSE, new SlaTarget(Duration.ofHours(4), TimeBasis.BUSINESS)), false);
        var report = new SlaClocks(new SlaPolicies(List.of(urgent, standard)), system.config.shop(system.shop).orElseThrow().calendar())
                .evaluate(Channel.EMAIL, slaEvents(), system.clock.instant());
        assertEquals("urgent", report.policy().orElseThrow().policy().name());
    }

    @Test
    void anAddressChangeAfterShippingIsNoLongerPossibleAndNotUrgent() throws Exception {
        system.clock.set(Instant.parse("2026-11-30T10:00:00Z"));
        deliveredOn("2026-11-26T13:05:00+01:00");

        String text = answerTo(system.message("r-6", "Können Sie bitte die Lieferadresse meiner Bestellung #1001 ändern? Neue Adresse: Hauptstraße 5"));

        assertTrue(text.contains("Ihre Bestellung #1001: Sie hat unser Lager bereits verlassen, daher können wir die Lieferadresse nicht mehr ändern"), text);
        assertFalse(slaEvents().stream().anyMatch(e -> e.type() == SlaEventType.PRIORITY_CHANGED), slaEvents().toString());
    }

    @Test
    void anInvoiceQuestionGetsTheOrderStatusPage() throws Exception {
        system.clock.set(Instant.parse("2026-11-24T10:00:00Z"));
        system.deliverWebhook("orders/create", order());

        String text = answerTo(system.message("r-7", "Können Sie mir bitte die Rechnung zu meiner Bestellung #1001 schicken?"));

        assertTrue(text.contains("Ihre Rechnung zur Bestellung #1001 finden Sie auf Ihrer Bestellstatus-Seite: " + STATUS_URL), text);
    }

    @Test
    void aCancellationWithoutNumberIsAnsweredForTheSendersOnlyUnshippedOrder() throws Exception {
        system.clock.set(Instant.parse("2026-11-24T10:00:00Z"));
        system.deliverWebhook("orders/create", order());

        String text = answerTo(system.message("r-11", "Hallo, ich möchte meine Bestellung bitte stornieren. Danke, Anna"));

        assertTrue(text.contains("Ihre Bestellung #1001: Sie ist noch nicht versandt, daher kann sie noch storniert werden."), text);
        assertEquals("5001001", system.outboxMessages().get(0).orderId());
    }

    @Test
    void aCancellationWithoutNumberIsNotGuessedAmongSeveralOpenOrders() throws Exception {
        system.clock.set(Instant.parse("2026-11-24T10:00:00Z"));
        twoOpenOrders();

        String text = answerTo(system.message("r-12", "Hallo, ich möchte meine Bestellung bitte stornieren. Danke, Anna"));

        assertFalse(text.contains("#100"), text);
        assertFalse(text.contains("storniert"), text);
        assertFalse(slaEvents().stream().anyMatch(e -> e.type() == SlaEventType.PRIORITY_CHANGED), slaEvents().toString());
    }

    /** Anna's second order #1002, placed beside #1001, so a request naming no order could mean either. */
    private void twoOpenOrders() {
        system.deliverWebhook("orders/create", order());
        ObjectNode second = order();
        second.put("id", 5001002);
        second.put("name", "#1002");
        system.deliverWebhook("orders/create", second);
    }

    @Test
    void aCancellationNamingOnlyABareNumberIsAnsweredForThatStoredOrder() throws Exception {
        // given two open orders of Anna's, so that only the number can say which one is meant
        system.clock.set(Instant.parse("2026-11-24T10:00:00Z"));
        twoOpenOrders();

        // when she asks to cancel one by its bare number
        String text = answerTo(system.message("r-13", "Hallo, bitte 1002 stornieren, hab doppelt bestellt. Anna"));

        // then the answer is about that order, and the conversation carries it
        assertTrue(text.contains("Ihre Bestellung #1002: Sie ist noch nicht versandt, daher kann sie noch storniert werden."), text);
        assertEquals("5001002", system.outboxMessages().get(0).orderId());
        assertTrue(slaEvents().stream().anyMatch(e -> e.type() == SlaEventType.PRIORITY_CHANGED && e.priority() == Priority.URGENT),
                slaEvents().toString());
    }

    @Test
    void aRefundRequestWithTheBareNumberOnlyInItsSubjectIsAnsweredForThatOrder() throws Exception {
        // given Anna's two orders, the first partly refunded
        system.clock.set(Instant.parse("2026-11-26T10:00:00Z"));
        twoOpenOrders();
        system.deliverSampleWebhook("refunds/create", "refunds-create");
        system.deliverWebhook("orders/updated", updated(order(), "2026-11-25T14:00:05+01:00").put("financial_status", "partially_refunded"));

        // when she writes a long mail about the refund with the number only in the subject
        ObjectNode request = system.message("r-14", """
                Guten Tag,

                Sie hatten mir zugesagt, einen Teil des Kaufpreises zu erstatten, weil ein Teil gefehlt hat.
                Ich sehe auf meinem Konto aber noch nichts. Ist die Rückerstattung schon veranlasst worden?

                Mit freundlichen Grüßen
                Anna Beispiel
                """);
        request.put("subject", "Rückerstattung 1001");
        String text = answerTo(request);

        // then the answer gives that order's refund
        assertTrue(text.contains("Ihre Bestellung #1001: Ein Teil des Betrags wurde erstattet."), text);
    }

    @Test
    void anInvoiceRequestNamingTheOrderAfterAuftragIsAnswered() throws Exception {
        // given Anna's two open orders
        system.clock.set(Instant.parse("2026-11-24T10:00:00Z"));
        twoOpenOrders();

        // when she asks for the invoice of one, named bare after "Auftrag"
        String text = answerTo(system.message("r-15", "Rechnung zu Auftrag 1002 bitte"));

        // then the answer points to that order's status page
        assertTrue(text.contains("Ihre Rechnung zur Bestellung #1002 finden Sie auf Ihrer Bestellstatus-Seite: " + STATUS_URL), text);
    }

    @Test
    void aSenderWhoseAddressIsNotOnTheOrderGetsNoDetailsAndNoUrgency() throws Exception {
        system.clock.set(Instant.parse("2026-11-26T10:00:00Z"));
        system.deliverWebhook("orders/create", order());
        system.deliverSampleWebhook("refunds/create", "refunds-create");
        ObjectNode refund = system.message("r-8", "Wann bekomme ich meine Rückerstattung für Bestellung #1001?");
        refund.putObject("from").put("email", "mallory@example.org");
        ObjectNode invoice = system.message("r-9", "Bitte schicken Sie mir die Rechnung zu Bestellung #1001.");
        invoice.putObject("from").put("email", "mallory@example.org");
        ObjectNode cancel = system.message("r-10", "Bitte stornieren Sie meine Bestellung #1001.");
        cancel.putObject("from").put("email", "mallory@example.org");

        system.postAndSend(refund);
        system.postAndSend(invoice);
        JsonNode cancelled = system.postAndSend(cancel);

        for (MimeMessage mail : system.smtp.getReceivedMessages()) {
            String text = (String) ((Multipart) mail.getContent()).getBodyPart(0).getContent();
            assertFalse(text.contains("#1001"), text);
            assertFalse(text.contains("9,90"), text);
            assertFalse(text.contains(STATUS_URL), text);
            assertFalse(text.contains("storniert"), text);
        }
        assertEquals(3, system.smtp.getReceivedMessages().length);
        assertFalse(system.conversations.slaEvents(system.shop, new ConversationId(cancelled.get("conversation_id").asText())).stream()
                .anyMatch(e -> e.type() == SlaEventType.PRIORITY_CHANGED));
    }
}
