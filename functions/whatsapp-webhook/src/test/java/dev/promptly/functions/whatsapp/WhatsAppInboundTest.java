package dev.promptly.functions.whatsapp;

import static dev.promptly.functions.whatsapp.WhatsAppTestSystem.ANNA;
import static dev.promptly.functions.whatsapp.WhatsAppTestSystem.JSON;
import static dev.promptly.functions.whatsapp.WhatsAppTestSystem.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.promptly.core.message.Channel;
import dev.promptly.core.message.Conversation;
import dev.promptly.core.message.ConversationId;
import dev.promptly.core.outbox.OutboxMessage;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Slice 2: customer messages from WhatsApp become messages of conversations threaded by their WhatsApp id. */
class WhatsAppInboundTest {
    private static final String STRANGER = "4915112345678";

    private final WhatsAppTestSystem system = new WhatsAppTestSystem();

    @AfterEach
    void close() {
        system.close();
    }

    private Conversation conversationOf(String messageId) {
        ConversationId id = system.conversations.conversationOfMessage(system.shop, messageId).orElseThrow();
        return system.conversations.load(system.shop, id).orElseThrow().conversation();
    }

    private List<JsonNode> messagesOf(Conversation conversation) {
        return system.conversations.messages(system.shop, conversation.id());
    }

    @Test
    void aTextMessageOpensAWhatsAppConversationOfTheSendersVerifiedNumber() {
        String id = system.wamid();

        var response = system.post(system.text(STRANGER, id, "Hallo, habt ihr das Shirt auch in L?"));

        assertEquals(200, response.getStatusCode(), response.getBody());
        assertEquals(1, json(response).path("recorded").asInt());
        Conversation conversation = conversationOf(id);
        assertEquals(Channel.WHATSAPP, conversation.channel());
        assertEquals("+" + STRANGER, conversation.customer().phone());
        assertNull(conversation.customer().email());
        assertEquals("Anna", conversation.customer().name());
        assertEquals("Hallo, habt ihr das Shirt auch in L?", messagesOf(conversation).get(0).path("text").asText());
        assertEquals("whatsapp", messagesOf(conversation).get(0).path("channel").asText());
    }

    @Test
    void aRedeliveryOfTheSameMessageIdChangesNothing() {
        var notification = system.text(STRANGER, system.wamid(), "Hallo?");
        system.post(notification);
        int items = system.storedItems();
        List<OutboxMessage> outbox = system.outboxMessages();

        system.clock.advance(Duration.ofMinutes(5));
        var again = system.post(notification);

        assertEquals(200, again.getStatusCode());
        assertEquals(JSON.createObjectNode().put("recorded", 0).put("duplicates", 1).put("statuses", 0).put("skipped", 0)
                .put("statuses_applied", 0).put("statuses_unknown", 0), json(again));
        assertEquals(items, system.storedItems());
        assertEquals(outbox, system.outboxMessages());
    }

    @Test
    void laterMessagesFromTheSameWhatsAppIdContinueTheConversation() {
        String first = system.wamid();
        String second = system.wamid();
        system.post(system.text(STRANGER, first, "Hallo, habt ihr das Shirt auch in L?"));

        system.clock.advance(Duration.ofHours(2));
        system.post(system.text(STRANGER, second, "Und in Blau?"));
        String other = system.wamid();
        system.post(system.text("4917700000001", other, "Hallo, eine andere Frage"));

        Conversation conversation = conversationOf(first);
        assertEquals(conversation.id(), conversationOf(second).id());
        assertEquals(2, messagesOf(conversation).size());
        assertFalse(conversation.id().equals(conversationOf(other).id()), "another number opens its own conversation");
    }

    @Test
    void aButtonReplyIsRecordedWithTheButtonsTitle() {
        String id = system.wamid();
        var interactive = JSON.createObjectNode().put("type", "button_reply");
        interactive.putObject("button_reply").put("id", "track-order").put("title", "Sendung verfolgen");

        system.post(system.notification(STRANGER, id, "interactive", interactive));

        assertEquals("Sendung verfolgen", messagesOf(conversationOf(id)).get(0).path("text").asText());
    }

    @Test
    void aMediaMessageIsRecordedWithoutItsContent() {
        String id = system.wamid();
        var image = JSON.createObjectNode().put("caption", "Das Paket kam so an").put("mime_type", "image/jpeg")
                .put("sha256", "81d3bd8a8db4868c9520ed47186e8b7c5789e61ff79f7f834be6950b808a90d3").put("id", "2754859441498128");

        var response = system.post(system.notification(STRANGER, id, "image", image));

        assertEquals(1, json(response).path("recorded").asInt());
        JsonNode message = messagesOf(conversationOf(id)).get(0);
        assertEquals("", message.path("text").asText());
        assertEquals("whatsapp-image", message.path("attachments").get(0).path("filename").asText());
        assertEquals("image/jpeg", message.path("attachments").get(0).path("content_type").asText());
        assertFalse(message.toString().contains("Das Paket") || message.toString().contains("2754859441498128"), "no caption, no media id");
    }

    @Test
    void aReactionIsNotACustomerMessage() {
        var reaction = JSON.createObjectNode().put("message_id", "wamid.ours").put("emoji", "\uD83D\uDC4D");
        int before = system.storedItems();

        var response = system.post(system.notification(STRANGER, system.wamid(), "reaction", reaction));

        assertEquals(JSON.createObjectNode().put("recorded", 0).put("duplicates", 0).put("statuses", 0).put("skipped", 1)
                .put("statuses_applied", 0).put("statuses_unknown", 0), json(response));
        assertEquals(before, system.storedItems());
    }

    @Test
    void theSendersWhatsAppNumberUnlocksTheDetailsOfOrdersStoredWithThatNumber() {
        system.storeShippedSampleOrder();
        String id = system.wamid();

        system.post(system.text(ANNA, id, "Hallo, wo bleibt meine Bestellung?"));

        OutboxMessage answer = system.outboxMessages().stream().filter(m -> m.conversationId().equals(conversationOf(id).id().value()))
                .findFirst().orElseThrow();
        assertEquals("whatsapp", answer.channel());
        assertTrue(answer.text().contains("00340434161234567890"), answer.text());
        assertEquals("5001001", conversationOf(id).orderId());
    }

    @Test
    void aNumberTypedIntoTheTextUnlocksNothing() {
        system.storeShippedSampleOrder();
        String id = system.wamid();

        system.post(system.text(STRANGER, id, "Wo bleibt Bestellung #1001? Meine Nummer ist +49 30 1234567."));

        OutboxMessage answer = system.outboxMessages().stream().filter(m -> m.conversationId().equals(conversationOf(id).id().value()))
                .findFirst().orElseThrow();
        assertFalse(answer.text().contains("00340434161234567890") || answer.text().contains("DHL"), answer.text());
        assertNull(conversationOf(id).orderId());
    }
}
