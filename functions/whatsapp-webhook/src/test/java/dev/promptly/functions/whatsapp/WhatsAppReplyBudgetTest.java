package dev.promptly.functions.whatsapp;

import static dev.promptly.functions.whatsapp.WhatsAppTestSystem.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.promptly.app.inbound.IntakeResult;
import dev.promptly.app.port.ConversationStore.AckDecision;
import dev.promptly.core.message.ConversationId;
import dev.promptly.core.outbox.OutboxKind;
import dev.promptly.core.outbox.OutboxMessage;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The reply budgets hold for WhatsApp as for mail: a WhatsApp sender is counted as {@code phone:<digits>} of
 * the number WhatsApp verified, the shop's hourly budget and the new senders' share of it are one budget
 * across channels, and the team is told once per spent budget. Through the signed webhook, the real intake,
 * DynamoDB Local and the outbox sender to the Graph API stand-in, whose requests are the automatic replies.
 */
class WhatsAppReplyBudgetTest {
    private static final String STRANGER = "4915112345678";

    private WhatsAppTestSystem system;

    @AfterEach
    void close() {
        system.close();
    }

    /** {@code waId} writes {@code text} on WhatsApp (a fresh message id); returns its conversation. */
    private ConversationId writes(String waId, String text) {
        String id = system.wamid();
        var response = system.post(system.text(waId, id, text));
        assertEquals(200, response.getStatusCode(), response.getBody());
        assertEquals(1, json(response).path("recorded").asInt(), response.getBody());
        return system.conversations.conversationOfMessage(system.shop, id).orElseThrow();
    }

    /** A message relayed through {@code POST /messages} on {@code channel} from {@code from} (email or phone). */
    private IntakeResult relayed(String channel, String messageId, String fromKey, String fromValue) {
        ObjectNode body = WhatsAppTestSystem.JSON.createObjectNode().put("shop", system.shop.value()).put("channel", channel)
                .put("message_id", messageId).put("text", "Hallo, habt ihr das Shirt auch in L?");
        body.putObject("from").put(fromKey, fromValue);
        return system.relay(body);
    }

    private String reasonOf(ConversationId conversation) {
        return system.conversations.ackDecision(system.shop, conversation).map(AckDecision::reason).orElseThrow();
    }

    private List<OutboxMessage> budgetAlerts() {
        return system.outboxMessages().stream().filter(m -> m.kind() == OutboxKind.BUDGET_ALERT).toList();
    }

    private int graphApiSends() {
        system.sendWhatsAppMessages();
        return system.graphApi.received().size();
    }

    @Test
    void aFloodFromOneNumberGetsAtMostTheSenderBudgetOfRepliesCountedUnderItsVerifiedNumber() {
        // given: a sender budget of one reply a day, already spent today by the same number relayed
        // through POST /messages, written differently (spaces) but with the same digits
        system = new WhatsAppTestSystem("", ", \"auto_reply_budget\": {\"per_sender_per_day\": 1}");
        IntakeResult relayedFirst = relayed("whatsapp", "relay-1", "phone", "+49 151 1234 5678");
        assertTrue(relayedFirst.acknowledgement().isPresent(), "the relayed message spent the number's one reply");

        // when: the number floods the shop's WhatsApp webhook
        ConversationId conversation = writes(STRANGER, "Hallo?");
        for (int i = 0; i < 20; i++) {
            system.clock.advance(Duration.ofSeconds(30));
            writes(STRANGER, "Hallo? Nachricht " + i);
        }

        // then: no automatic WhatsApp reply, every message recorded for the team, and the team told once
        assertEquals(0, graphApiSends());
        assertEquals("sender_budget_exhausted", reasonOf(conversation));
        assertEquals(21, system.conversations.load(system.shop, conversation).orElseThrow().conversation().messageCount());
        assertEquals(1, budgetAlerts().size(), system.outboxMessages().toString());
        assertTrue(budgetAlerts().get(0).subject().contains("(sender budget reached)"), budgetAlerts().get(0).subject());
        assertTrue(!system.logText().contains("1234 5678") && !system.logText().contains(STRANGER), "no phone number in the logs");
    }

    @Test
    void aFloodFromOneNumberWithItsBudgetLeftIsOneConversationWithOneReply() {
        // given
        system = new WhatsAppTestSystem("", ", \"auto_reply_budget\": {\"per_sender_per_day\": 3}");

        // when
        ConversationId conversation = writes(STRANGER, "Hallo?");
        for (int i = 0; i < 20; i++) {
            system.clock.advance(Duration.ofSeconds(30));
            assertEquals(conversation, writes(STRANGER, "Hallo? Nachricht " + i));
        }

        // then: the follow-ups on WhatsApp's thread get no reply of their own, so no budget runs out
        assertEquals(1, graphApiSends());
        assertEquals(0, budgetAlerts().size());
    }

    @Test
    void aWhatsAppReplySpendsTheSenderBudgetOfItsNumberOnEveryChannel() {
        // given
        system = new WhatsAppTestSystem("", ", \"auto_reply_budget\": {\"per_sender_per_day\": 1}");
        writes(STRANGER, "Hallo, habt ihr das Shirt auch in L?");

        // when: the same number writes through the relay the same day, and the next day
        IntakeResult sameDay = relayed("whatsapp", "relay-2", "phone", "+4915112345678");
        int sends = graphApiSends();
        system.clock.advance(Duration.ofDays(1));
        IntakeResult nextDay = relayed("whatsapp", "relay-3", "phone", "+4915112345678");

        // then
        assertEquals(1, sends);
        assertEquals("sender_budget_exhausted", sameDay.noReplyReason());
        assertTrue(sameDay.acknowledgement().isEmpty());
        assertTrue(nextDay.acknowledgement().isPresent(), "a new day, a new budget");
    }

    @Test
    void mailAndWhatsAppShareTheShopsHourlyBudgetAndTheTeamIsToldOnce() {
        // given: three replies an hour for the whole shop, all of it open to new senders
        system = new WhatsAppTestSystem("", ", \"auto_reply_budget\": {\"per_shop_per_hour\": 3, \"new_sender_share\": 100}");
        assertTrue(relayed("email", "<mail-1@example.net>", "email", "erika@example.net").acknowledgement().isPresent());
        assertTrue(relayed("email", "<mail-2@example.net>", "email", "max@example.net").acknowledgement().isPresent());

        // when: three numbers write on WhatsApp, then another mail comes in, all within the hour
        ConversationId first = writes("4915100000001", "Hallo, habt ihr das Shirt auch in L?");
        ConversationId second = writes("4915100000002", "Hallo, habt ihr das Shirt auch in M?");
        ConversationId third = writes("4915100000003", "Hallo, habt ihr das Shirt auch in S?");
        IntakeResult mail = relayed("email", "<mail-3@example.net>", "email", "lena@example.net");

        // then: WhatsApp got the one reply the mails left; the mail after it none
        assertEquals(1, graphApiSends());
        assertEquals("+4915100000001", system.graphApi.received().get(0).body().path("to").asText());
        assertTrue(system.conversations.ackDecision(system.shop, first).orElseThrow().outboxId() != null);
        assertEquals("shop_budget_exhausted", reasonOf(second));
        assertEquals("shop_budget_exhausted", reasonOf(third));
        assertEquals("shop_budget_exhausted", mail.noReplyReason());
        assertEquals(1, budgetAlerts().size(), system.outboxMessages().toString());
        assertTrue(budgetAlerts().get(0).subject().contains("(shop budget reached)"), budgetAlerts().get(0).subject());

        // and: the next hour, WhatsApp is answered again
        system.clock.advance(Duration.ofHours(1));
        writes("4915100000004", "Hallo, habt ihr das Shirt auch in XL?");
        assertEquals(2, graphApiSends());
    }

    @Test
    void newNumbersUseOnlyTheirShareWhileAKnownCustomersNumberIsStillAnswered() {
        // given: four replies an hour, half of them for new senders; Anna's number is on her order
        system = new WhatsAppTestSystem("", ", \"auto_reply_budget\": {\"per_shop_per_hour\": 4}");
        system.storeShippedSampleOrder();

        // when: three numbers that never wrote or ordered, then Anna
        writes("4915100000001", "Hallo, habt ihr das Shirt auch in L?");
        writes("4915100000002", "Hallo, habt ihr das Shirt auch in M?");
        ConversationId third = writes("4915100000003", "Hallo, habt ihr das Shirt auch in S?");
        writes(WhatsAppTestSystem.ANNA, "Hallo, wo bleibt meine Bestellung?");

        // then
        assertEquals(3, graphApiSends());
        assertEquals("new_senders_budget_exhausted", reasonOf(third));
        assertEquals("+" + WhatsAppTestSystem.ANNA, system.graphApi.received().get(2).body().path("to").asText());
        assertEquals(1, budgetAlerts().size());
        assertTrue(budgetAlerts().get(0).subject().contains("(new senders budget reached)"), budgetAlerts().get(0).subject());
    }
}
