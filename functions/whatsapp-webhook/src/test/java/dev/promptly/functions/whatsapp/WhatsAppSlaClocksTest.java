package dev.promptly.functions.whatsapp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.promptly.app.port.SlaStore.DueItem;
import dev.promptly.aws.dynamodb.DynamoSlaStore;
import dev.promptly.core.message.ConversationId;
import dev.promptly.core.sla.SlaEvent;
import dev.promptly.core.sla.SlaEventType;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A WhatsApp conversation runs the same SLA clocks as a mail: the customer's message starts them, a follow-up resumes them. */
class WhatsAppSlaClocksTest {
    private static final String CUSTOMER = "4915112345678";

    private final WhatsAppTestSystem system = new WhatsAppTestSystem();
    private final DynamoSlaStore slas = new DynamoSlaStore(system.client, WhatsAppTestSystem.TABLE);

    @AfterEach
    void close() {
        system.close();
    }

    @Test
    void aWhatsAppMessageStartsTheFirstResponseClockAndItsAcknowledgementDoesNotStopIt() {
        // given: Friday 27 November 2026, 11:00 in Berlin, within business hours (first response PT4H)
        String id = system.wamid();

        // when
        system.post(system.text(CUSTOMER, id, "Hallo, habt ihr das Shirt auch in L?"));

        // then: the message and the automatic reply are in the log, and the conversation waits in the due index
        ConversationId conversation = system.conversations.conversationOfMessage(system.shop, id).orElseThrow();
        List<SlaEventType> types = slas.events(system.shop, conversation).stream().map(SlaEvent::type).toList();
        assertEquals(SlaEventType.CUSTOMER_MESSAGE, types.get(0), types.toString());
        assertTrue(types.contains(SlaEventType.AUTO_REPLY), "the acknowledgement is recorded, never as a response: " + types);
        assertTrue(dueBy(Duration.ofHours(5)).contains(conversation), "the first-response clock runs and has a checkpoint");
    }

    @Test
    void aFollowUpOnWhatsAppIsAnotherCustomerMessageOnTheSameClocks() {
        // given
        String first = system.wamid();
        system.post(system.text(CUSTOMER, first, "Hallo, habt ihr das Shirt auch in L?"));
        ConversationId conversation = system.conversations.conversationOfMessage(system.shop, first).orElseThrow();
        system.clock.advance(Duration.ofMinutes(30));

        // when
        system.post(system.text(CUSTOMER, system.wamid(), "Und in Blau?"));

        // then
        long customerMessages = slas.events(system.shop, conversation).stream()
                .filter(e -> e.type() == SlaEventType.CUSTOMER_MESSAGE).count();
        assertEquals(2, customerMessages);
    }

    private List<ConversationId> dueBy(Duration ahead) {
        return slas.due(system.clock.instant().plus(ahead), 100).stream().filter(d -> d.shop().equals(system.shop))
                .map(DueItem::conversation).flatMap(Optional::stream).toList();
    }
}
