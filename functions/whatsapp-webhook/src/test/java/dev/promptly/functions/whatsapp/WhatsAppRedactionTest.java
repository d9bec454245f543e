package dev.promptly.functions.whatsapp;

import static dev.promptly.functions.whatsapp.WhatsAppTestSystem.ANNA;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.promptly.core.message.ConversationId;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Slice 6: customers/redact erases a WhatsApp conversation about one of the customer's orders and the
 * answers to it, as for mail. (A WhatsApp conversation about no order is matched by the customer's e-mail
 * only, which WhatsApp does not give, so it is not erased: CustomerPrivacyRequest never matches by phone.)
 */
class WhatsAppRedactionTest {
    private final WhatsAppTestSystem system = new WhatsAppTestSystem();

    @AfterEach
    void close() {
        system.close();
    }

    @Test
    void customersRedactRemovesTheWhatsAppConversationAboutTheirOrderItsMessagesAndItsAnswers() {
        system.storeShippedSampleOrder();
        String id = system.wamid();
        system.post(system.text(ANNA, id, "Hallo, wo bleibt meine Bestellung?"));
        ConversationId conversation = system.conversations.conversationOfMessage(system.shop, id).orElseThrow();
        assertEquals(1, system.conversations.messages(system.shop, conversation).size());
        assertTrue(system.outboxMessages().stream().anyMatch(m -> conversation.value().equals(m.conversationId())));

        system.clock.advance(Duration.ofDays(1));
        system.deliverCustomersRedact();

        assertTrue(system.conversations.load(system.shop, conversation).isEmpty(), "the conversation is erased");
        assertTrue(system.conversations.messages(system.shop, conversation).isEmpty(), "its messages are erased");
        assertTrue(system.outboxMessages().stream().noneMatch(m -> conversation.value().equals(m.conversationId())),
                "the answers to it are erased");
    }
}
