package dev.promptly.functions.whatsapp;

import static dev.promptly.functions.whatsapp.WhatsAppTestSystem.ANNA;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.promptly.app.outbox.OutboxSender.Result;
import dev.promptly.core.outbox.OutboxKind;
import dev.promptly.core.outbox.OutboxMessage;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Slice 3: a delay notice, outside any customer service window, goes as the shop's approved template or by e-mail. */
class WhatsAppDelayNoticeTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TEMPLATE = ", \"delay_template\": {\"name\": \"order_delay_notice\", \"languages\": {\"de\": \"de\", \"en\": \"en_US\"}}";

    private static List<OutboxMessage> notices(WhatsAppTestSystem system) {
        return system.outboxMessages().stream().filter(m -> m.kind() == OutboxKind.DELAY_NOTICE).toList();
    }

    /** Anna asked something unrelated on WhatsApp two days ago; her order #1001 has not shipped in time. */
    private static void annaWroteAndHerOrderIsLate(WhatsAppTestSystem system) {
        system.storeUnshippedSampleOrder();
        system.post(system.text(ANNA, system.wamid(), "Hallo, habt ihr das Shirt auch in L?"));
        system.clock.advance(Duration.ofDays(2));
    }

    @Test
    void aCustomerWhoWritesOnWhatsAppGetsTheApprovedTemplateWithOrderAndShop() throws Exception {
        try (var system = new WhatsAppTestSystem(TEMPLATE)) {
            annaWroteAndHerOrderIsLate(system);

            system.scanForDelays();
            OutboxMessage notice = notices(system).get(0);
            Result result = system.sender.deliver(system.shop, notice.id());

            assertEquals("whatsapp", notice.channel());
            assertEquals("+49301234567", notice.to());
            assertEquals(Result.SENT, result);
            var request = system.graphApi.received().get(system.graphApi.received().size() - 1);
            assertEquals("/v21.0/100000000000001/messages", request.path());
            assertEquals(JSON.readTree("""
                    {"messaging_product": "whatsapp", "recipient_type": "individual", "to": "+49301234567", "type": "template",
                     "template": {"name": "order_delay_notice", "language": {"code": "de"},
                       "components": [{"type": "body", "parameters": [{"type": "text", "text": "#1001"}, {"type": "text", "text": "Demo Shop"}]}]}}"""),
                    request.body());
        }
    }

    @Test
    void withoutATemplateTheNoticeGoesByEmailAndNothingByWhatsApp() {
        try (var system = new WhatsAppTestSystem()) {
            annaWroteAndHerOrderIsLate(system);

            system.scanForDelays();

            List<OutboxMessage> notices = notices(system);
            assertEquals(1, notices.size());
            assertEquals("email", notices.get(0).channel());
            assertEquals("anna.beispiel@example.com", notices.get(0).to());
            assertTrue(system.outboxMessages().stream().noneMatch(m -> m.kind() == OutboxKind.DELAY_NOTICE && "whatsapp".equals(m.channel())));
        }
    }

    @Test
    void aCustomerWhoNeverWroteOnWhatsAppIsToldByEmailEvenWithATemplate() {
        try (var system = new WhatsAppTestSystem(TEMPLATE)) {
            system.storeUnshippedSampleOrder();
            system.clock.advance(Duration.ofDays(2));

            system.scanForDelays();

            assertEquals(List.of("email"), notices(system).stream().map(OutboxMessage::channel).toList());
        }
    }
}
