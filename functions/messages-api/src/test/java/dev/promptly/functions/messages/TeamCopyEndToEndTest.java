package dev.promptly.functions.messages;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.promptly.core.outbox.OutboxKind;
import dev.promptly.core.outbox.OutboxMessage;
import jakarta.mail.internet.MimeMessage;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Mailbox mode: the team's copy of a customer message, through the real handler, DynamoDB Local and GreenMail. */
class TeamCopyEndToEndTest {
    static final String TEAM = ", \"team\": {\"copy_to\": \"team@demo-shop.example\", \"addresses\": [\"support@demo-shop.example\"]}";

    private MessagesTestSystem system = new MessagesTestSystem(TEAM);

    @AfterEach
    void close() {
        system.close();
    }

    @Test
    void aCustomerMessageReachesTheTeamMailboxOnceWithReplyToThreadingAndFacts() throws Exception {
        // Friday 2026-11-27, 17:59 in Berlin; Anna answers an earlier mail of hers.
        ObjectNode body = system.message("m-1@mail.example.com", "Hallo, was kostet der Versand nach Österreich? Viele Grüße");
        body.put("in_reply_to", "<earlier@mail.example.com>");

        JsonNode answer = system.postAndSend(body);

        MimeMessage copy = toTeam();
        String ticket = answer.get("ticket").asText();
        assertEquals("anna.beispiel@example.com", copy.getReplyTo()[0].toString());
        assertEquals("Anna Beispiel via Demo Shop <support@demo-shop.example>", copy.getFrom()[0].toString());
        assertEquals("[" + ticket + "] Frage zu meiner Bestellung", copy.getSubject());
        assertEquals("<m-1@mail.example.com>", copy.getHeader("In-Reply-To")[0]);
        assertEquals("<earlier@mail.example.com> <m-1@mail.example.com>", copy.getHeader("References")[0]);
        assertEquals(system.shop.value(), copy.getHeader("X-Promptly-Loop")[0]);
        assertEquals("auto-generated", copy.getHeader("Auto-Submitted")[0]);
        String text = ((String) copy.getContent()).replace("\r\n", "\n");
        assertTrue(text.startsWith("Promptly · Ticket " + ticket + " · Anna Beispiel <anna.beispiel@example.com>\n"), text);
        // A shipping-cost question is a pre-purchase question, not "where is my order?".
        assertTrue(text.contains("Sprache de · Anliegen pre_purchase · Bestellung keine zugeordnet\n"), text);
        assertTrue(text.contains("Automatisch gesendet: Eingangsbestätigung\n"), text);
        // Four business hours from Friday 17:59 (closing at 18:00): Monday 12:59.
        assertTrue(text.contains("Antwort fällig: 2026-11-30 12:59 CET\n"), text);
        assertTrue(text.endsWith("Hallo, was kostet der Versand nach Österreich? Viele Grüße\n")
                || text.endsWith("Hallo, was kostet der Versand nach Österreich? Viele Grüße"), text);
        assertEquals(1, copies().size());
        assertEquals(answer.get("conversation_id").asText(), copies().get(0).conversationId());
    }

    @Test
    void aRedeliveredMessageGetsNoSecondCopy() throws Exception {
        ObjectNode body = system.message("m-2@mail.example.com", "Wo bleibt meine Bestellung?");
        system.postAndSend(body);

        JsonNode again = system.postAndSend(body);

        assertTrue(again.get("duplicate").asBoolean());
        assertEquals(1, copies().size());
        assertEquals(1, Arrays.stream(system.smtp.getReceivedMessages()).filter(TeamCopyEndToEndTest::isToTeam).count());
    }

    @Test
    void aFollowUpOfTheCustomerIsCopiedToo() throws Exception {
        JsonNode first = system.postAndSend(system.message("m-3@mail.example.com", "Erste Frage"));
        ObjectNode next = system.message("m-4@mail.example.com", "Noch eine Frage");
        next.put("in_reply_to", "m-3@mail.example.com");

        JsonNode answer = system.postAndSend(next);

        assertEquals(first.get("conversation_id").asText(), answer.get("conversation_id").asText());
        assertEquals(2, copies().size());
    }

    @Test
    void mailTheLoopGuardRefusesIsNotCopiedButCounted() throws Exception {
        ObjectNode body = system.message("ooo@mail.example.com", "Ich bin bis Montag nicht im Büro.");
        body.putObject("headers").put("Auto-Submitted", "auto-replied");

        system.postAndSend(body);

        assertTrue(copies().isEmpty());
        assertEquals(0, Arrays.stream(system.smtp.getReceivedMessages()).filter(TeamCopyEndToEndTest::isToTeam).count());
        String withheld = system.logText().lines().filter(l -> l.contains("\"team_copy.withheld\"")).findFirst().orElseThrow();
        assertTrue(withheld.contains("\"reason\":\"auto_submitted\"") && withheld.contains("\"withheldTotal\":1"), withheld);
        assertFalse(withheld.contains("anna"), withheld);
    }

    @Test
    void aShopWithoutATeamMailboxGetsNoCopy() throws Exception {
        system.close();
        system = new MessagesTestSystem();

        system.postAndSend(system.message("m-5@mail.example.com", "Hallo"));

        assertTrue(copies().isEmpty());
        assertEquals(1, system.smtp.getReceivedMessages().length);
    }

    @Test
    void aMessageIdThatLooksLikeAHelpdeskOneStillReachesTheTeam() throws Exception {
        // given a sender who chose a message id in the domain Promptly gives helpdesk messages
        system.postAndSend(system.message("forged@helpdesk.promptly.invalid", "Wo bleibt meine Bestellung?"));

        // then the team gets its copy all the same: only the helpdesk path says the team has seen a message
        assertEquals(1, copies().size());
    }

    @Test
    void aMessageThatCameThroughTheHelpdeskGetsNoCopy() {
        var intake = dev.promptly.app.inbound.MessageIntake.standard(system.config, system.conversations, system.orders, system.clock,
                new dev.promptly.log.JsonLog("test", new java.io.PrintStream(java.io.OutputStream.nullOutputStream()), system.clock));
        var message = new dev.promptly.core.message.InboundMessage(system.shop, dev.promptly.core.message.Channel.EMAIL,
                "zendesk-4711-1@helpdesk.promptly.invalid", new dev.promptly.core.message.Sender("Anna", "anna@example.com", null),
                "Lieferung", "Wo bleibt meine Bestellung?", List.of(), null, system.clock.instant(), java.util.Map.of(), null, List.of(),
                false);

        var result = intake.acceptFromHelpdesk(message);

        assertTrue(result.newConversation());
        assertTrue(copies().isEmpty(), "the team sees it in the helpdesk already");
    }

    private List<OutboxMessage> copies() {
        return system.outboxMessages().stream().filter(m -> m.kind() == OutboxKind.TEAM_COPY).toList();
    }

    private MimeMessage toTeam() {
        return Arrays.stream(system.smtp.getReceivedMessages()).filter(TeamCopyEndToEndTest::isToTeam).findFirst().orElseThrow();
    }

    private static boolean isToTeam(MimeMessage mail) {
        try {
            return "team@demo-shop.example".equals(mail.getAllRecipients()[0].toString());
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }
}
