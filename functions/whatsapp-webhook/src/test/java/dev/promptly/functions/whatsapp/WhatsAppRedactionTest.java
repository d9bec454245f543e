package dev.promptly.functions.whatsapp;

import static dev.promptly.functions.whatsapp.WhatsAppTestSystem.ANNA;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.promptly.core.message.ConversationId;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Slice 6: customers/redact erases a WhatsApp conversation about one of the customer's orders and the
 * answers to it, as for mail; and one about no order when WhatsApp verified it came from the request's
 * phone number, with that number's opt-out. A number typed or relayed alone never matches
 * (CustomerPrivacyRequestTest).
 */
class WhatsAppRedactionTest {
    private final WhatsAppTestSystem system = new WhatsAppTestSystem();

    @AfterEach
    void close() {
        system.close();
    }

    private void assertErased(ConversationId conversation) {
        assertTrue(system.conversations.load(system.shop, conversation).isEmpty(), "the conversation is erased");
        assertTrue(system.conversations.messages(system.shop, conversation).isEmpty(), "its messages are erased");
        assertTrue(system.outboxMessages().stream().noneMatch(m -> conversation.value().equals(m.conversationId())),
                "the answers to it are erased");
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

        assertErased(conversation);
    }

    @Test
    void customersRedactRemovesAWhatsAppConversationAboutNoOrderFromTheirVerifiedNumberAndItsOptOut() {
        String id = system.wamid();
        system.post(system.text(ANNA, id, "STOP"));
        ConversationId conversation = system.conversations.conversationOfMessage(system.shop, id).orElseThrow();
        assertEquals(null, system.conversations.load(system.shop, conversation).orElseThrow().conversation().orderId());
        assertTrue(system.optOuts.optedOut(system.shop, ANNA));

        system.clock.advance(Duration.ofDays(1));
        system.deliverCustomersRedact();

        assertErased(conversation);
        assertFalse(system.optOuts.optedOut(system.shop, ANNA), "the number's opt-out item is removed");
    }

    @Test
    void aWhatsAppConversationFromAnotherVerifiedNumberStaysWithItsOptOut() {
        String other = "4915112345678";
        String id = system.wamid();
        system.post(system.text(other, id, "STOP"));
        ConversationId conversation = system.conversations.conversationOfMessage(system.shop, id).orElseThrow();

        system.deliverCustomersRedact();

        assertTrue(system.conversations.load(system.shop, conversation).isPresent(), "not the customer's: it stays");
        assertTrue(system.optOuts.optedOut(system.shop, other));
    }
}
