package dev.promptly.functions.messages;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.promptly.core.message.ConversationId;
import dev.promptly.core.outbox.OutboxKind;
import dev.promptly.core.sla.SlaEventType;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Mailbox mode: relayed copies of the team's replies ({@code POST /messages} with {@code to}) drive the clocks. */
class TeamReplyEndToEndTest {
    private final MessagesTestSystem system = new MessagesTestSystem(TeamCopyEndToEndTest.TEAM);

    @AfterEach
    void close() {
        system.close();
    }

    @Test
    void aRelayedTeamReplyStopsTheFirstResponseClockAndIsNeverAcknowledged() throws Exception {
        ConversationId conversation = customerWrites("m-1@mail.example.com");
        int mailsBefore = system.smtp.getReceivedMessages().length;
        system.clock.advance(Duration.ofMinutes(20));

        JsonNode answer = system.postAndSend(teamReply("r-1@demo-shop.example", "m-1@mail.example.com"));

        assertEquals(conversation.value(), answer.get("conversation_id").asText());
        assertFalse(answer.get("duplicate").asBoolean());
        assertEquals(1, agentReplies(conversation));
        JsonNode firstResponse = system.agents.view(system.shop, conversation).orElseThrow().get("clocks").get(0);
        assertEquals("satisfied", firstResponse.get("state").asText(), firstResponse.toString());
        assertEquals(mailsBefore, system.smtp.getReceivedMessages().length, "no acknowledgement, no team copy of the team's own mail");
        assertEquals(1, system.outboxMessages().stream().filter(m -> m.kind() != OutboxKind.TEAM_COPY).count(), "the customer's answer only");
    }

    @Test
    void theSameReplyArrivingTwiceCountsOnce() throws Exception {
        ConversationId conversation = customerWrites("m-2@mail.example.com");
        system.postAndSend(teamReply("r-2@demo-shop.example", "m-2@mail.example.com"));

        JsonNode again = system.postAndSend(teamReply("r-2@demo-shop.example", "m-2@mail.example.com"));

        assertTrue(again.get("duplicate").asBoolean());
        assertEquals(1, agentReplies(conversation));
    }

    @Test
    void aRelayedReplyWithoutMessageIdIsKnownByItsConversationAndText() throws Exception {
        ConversationId conversation = customerWrites("m-3@mail.example.com");
        ObjectNode reply = teamReply("unused", "m-3@mail.example.com");
        reply.remove("message_id");
        system.postAndSend(reply);
        reply.put("text", "  Hallo Anna,\n\nIhr Paket ist unterwegs.  ");

        JsonNode again = system.postAndSend(reply);

        assertTrue(again.get("duplicate").asBoolean());
        assertEquals(1, agentReplies(conversation));
    }

    @Test
    void theTicketInTheSubjectThreadsAReplyWithoutThreadingHeaders() throws Exception {
        ConversationId conversation = customerWrites("m-4@mail.example.com");
        ObjectNode reply = teamReply("r-4@demo-shop.example", null);
        reply.put("subject", "Re: [" + conversation.ticket() + "] Frage zu meiner Bestellung");

        JsonNode answer = system.postAndSend(reply);

        assertEquals(conversation.value(), answer.get("conversation_id").asText());
        assertEquals(1, agentReplies(conversation));
    }

    @Test
    void aReplyToAConversationPromptlyDoesNotKnowIsIgnoredAndCounted() throws Exception {
        int itemsBefore = system.storedItems();

        JsonNode answer = system.postAndSend(teamReply("r-5@demo-shop.example", "never-seen@mail.example.com"));

        assertTrue(answer.get("conversation_id").isNull(), answer.toString());
        assertEquals("unknown_conversation", answer.get("ignored").asText());
        assertEquals(itemsBefore, system.storedItems());
        assertEquals(0, system.smtp.getReceivedMessages().length);
        String ignored = system.logText().lines().filter(l -> l.contains("\"team_reply.ignored\"")).findFirst().orElseThrow();
        assertTrue(ignored.contains("\"unknownConversationsTotal\":1"), ignored);
        assertFalse(ignored.contains("anna") || ignored.contains("support@"), ignored);
    }

    @Test
    void aRelayedReplyToTheTeamWithTheCustomerInCcOrBccIsTheTeamsReply() throws Exception {
        // Given a customer's message, and the team's reply addressed to the team with the customer in cc, then in bcc
        ConversationId conversation = customerWrites("m-cc@mail.example.com");
        ObjectNode cc = teamReply("r-cc@demo-shop.example", "m-cc@mail.example.com");
        cc.putArray("to").add("support@demo-shop.example");
        cc.putArray("cc").add("Anna.Beispiel@example.com");
        ObjectNode bcc = teamReply("r-bcc@demo-shop.example", "m-cc@mail.example.com");
        bcc.putArray("to").add("support@demo-shop.example");
        bcc.putArray("bcc").add("anna.beispiel@example.com");

        // When the relay posts them
        JsonNode first = system.postAndSend(cc);
        JsonNode second = system.postAndSend(bcc);

        // Then both are the team's replies on that conversation
        assertEquals(conversation.value(), first.get("conversation_id").asText());
        assertEquals(conversation.value(), second.get("conversation_id").asText());
        assertEquals(2, agentReplies(conversation));
    }

    @Test
    void aCcThatIsNoAddressIsRefusedNamingIt() {
        ObjectNode reply = teamReply("r-cc2@demo-shop.example", "m-x@mail.example.com");
        reply.putArray("cc").add("anna");

        var response = system.post(reply);

        assertEquals(400, response.getStatusCode());
        assertTrue(response.getBody().contains("cc[0]"), response.getBody());
    }

    @Test
    void aCustomerMessageWithoutMessageIdIsStillRefused() {
        ObjectNode body = system.message("unused", "Hallo");
        body.remove("message_id");
        body.putArray("to").add("support@demo-shop.example");

        var response = system.post(body);

        assertEquals(400, response.getStatusCode());
        assertTrue(response.getBody().contains("message_id"), response.getBody());
    }

    private ConversationId customerWrites(String messageId) {
        return new ConversationId(system.postAndSend(system.message(messageId, "Wo ist mein Paket?")).get("conversation_id").asText());
    }

    private ObjectNode teamReply(String messageId, String inReplyTo) {
        ObjectNode reply = system.message(messageId, "Hallo Anna,\nIhr Paket ist unterwegs.");
        reply.putObject("from").put("name", "Demo Shop Support").put("email", "Support@demo-shop.example");
        reply.putArray("to").add("anna.beispiel@example.com");
        reply.put("subject", "Re: Frage zu meiner Bestellung");
        if (inReplyTo != null) {
            reply.put("in_reply_to", inReplyTo);
        }
        return reply;
    }

    private long agentReplies(ConversationId conversation) {
        return system.slas.events(system.shop, conversation).stream().filter(e -> e.type() == SlaEventType.AGENT_REPLIED).count();
    }
}
