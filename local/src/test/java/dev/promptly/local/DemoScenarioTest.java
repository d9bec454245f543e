package dev.promptly.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code --demo} plays its scenario through the real routes and every job in it does its part. */
class DemoScenarioTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void theDemoShowsAnswersAPromiseALateOrderADelayNoticeAnSlaWarningNoReplyToAnAutoReplyAndAHelpdeskReply() throws Exception {
        try (LocalSystem system = LocalSystem.start(LocalRunnerClient.onTestClock(new LocalOptions(0, null, null, null, 0, true)))) {
            URI base = URI.create("http://127.0.0.1:" + system.port());
            ByteArrayOutputStream printed = new ByteArrayOutputStream();

            new DemoScenario(base, system.firstShop(), new PrintStream(printed, true, StandardCharsets.UTF_8)).play();

            String out = printed.toString(StandardCharsets.UTF_8);
            JsonNode all = JSON.readTree(HttpClient.newHttpClient().send(HttpRequest.newBuilder(base.resolve("/local/outbox")).build(),
                    HttpResponse.BodyHandlers.ofString()).body());
            // The example configuration copies each customer message to the team's mailbox; the rest is checked below.
            var outbox = JSON.createArrayNode();
            List<JsonNode> copies = new ArrayList<>();
            all.forEach(m -> {
                if (m.get("kind").asText().equals("team_copy")) {
                    copies.add(m);
                } else {
                    outbox.add(m);
                }
            });
            assertEquals(4, copies.size(), "one team copy per customer message, none of Erik's out-of-office reply nor of the helpdesk ticket (the team has it there)");
            assertTrue(copies.stream().allMatch(c -> c.get("to").asText().equals("team@demo-shop.example")), copies.toString());
            List<String> kinds = new ArrayList<>();
            outbox.forEach(m -> kinds.add(m.get("kind").asText() + ":" + m.get("to").asText()));
            assertEquals(List.of("wismo:anna.beispiel@example.com", "wismo:ben.sample@example.org", "wismo:carla.muster@example.net",
                    "ack:dora.kunde@example.com", "note:support@demo-shop.example", "delay_notice:felix.fruh@example.com",
                    "sla_alert:support@demo-shop.example", "sla_alert:support@demo-shop.example", "ack:greta.gross@example.com",
                    "helpdesk_note:" + kinds.get(9).substring("helpdesk_note:".length())), kinds, out);
            assertTrue(outbox.get(0).get("text").asText().contains("Wir versenden sie bis spätestens Mittwoch, 2. Dezember 2026."), outbox.get(0).toString());
            assertTrue(outbox.get(1).get("text").asText().contains("Our team is away") || outbox.get(1).get("text").asText().contains("on its way, expected on"),
                    outbox.get(1).toString());
            assertTrue(outbox.get(2).get("text").asText().contains("Das tut uns leid"), outbox.get(2).toString());
            assertTrue(out.contains("erik.urlaub@example.com wrote \"Abwesenheitsnotiz\": 202"), out);
            assertTrue(out.contains("1 delay notice(s), 1 note(s) for the team on open conversations"), out);
            assertTrue(outbox.get(5).get("subject").asText().startsWith("Ihre Bestellung #D"), outbox.get(5).toString());
            assertTrue(outbox.get(4).get("subject").asText().contains("Internal note: order #D"), outbox.get(4).toString());
            assertEquals(outbox.get(2).get("conversation_id"), outbox.get(4).get("conversation_id"), "the note is on Carla's conversation");
            assertTrue(out.contains("the SLA monitor ran (POST /local/jobs/sla-monitor/run): 2 alert(s)"), out);
            assertTrue(outbox.get(6).get("subject").asText().startsWith("SLA warning: First response for PR-"), outbox.get(6).toString());
            assertTrue(out.contains("agent_replied): 200, first response satisfied"), out);
            // Helpdesk mode: one note on Greta's Zendesk ticket, sent through the stand-in; the agent's reply there meets the clock
            assertTrue(kinds.get(9).startsWith("helpdesk_note:zendesk:"), kinds.toString());
            assertEquals("sent", outbox.get(9).get("status").asText(), outbox.get(9).toString());
            assertTrue(out.contains("[\"customer_message\"], 1 internal note(s) on the ticket"), out);
            assertTrue(out.contains("(agent_reply webhook): [\"agent_replied\"], first response satisfied"), out);
            assertTrue(out.contains("Zendesk redelivered that webhook: [\"duplicate\"] (nothing changed)"), out);
        }
    }
}
