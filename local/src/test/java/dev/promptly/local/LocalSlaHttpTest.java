package dev.promptly.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.promptly.core.message.MessageSignature;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * SLA clocks through the local runner over real HTTP with the shipped example configuration (first response
 * in 4 business hours, warnings 60 and 15 minutes before to the support address): a message, the clock
 * moved on, the monitor run twice, the team's reply through {@code POST /conversations/{id}/events}.
 */
class LocalSlaHttpTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SHOP = LocalRunnerClient.SHOP;
    private static LocalRunnerClient runner;

    @BeforeAll
    static void start() throws Exception {
        runner = LocalRunnerClient.start(new LocalOptions(0, null, null, null, 25, false));
    }

    @AfterAll
    static void stop() {
        runner.close();
    }

    private static HttpResponse<String> post(String path, String body) throws Exception {
        return runner.post(path, body);
    }

    private static HttpResponse<String> event(String conversation, String token, String body) throws Exception {
        return runner.post("/conversations/" + conversation + "/events", body, "Authorization", "Bearer " + token,
                "Content-Type", "application/json");
    }

    @Test
    void aWarningComesOnceBeforeTheBreachAndTheTeamsReplySatisfiesTheClock() throws Exception {
        post("/local/reset", "");
        post("/local/clock", "{\"now\": \"2026-11-25T09:00:00Z\"}");
        String body = JSON.createObjectNode().put("shop", SHOP).put("channel", "chat").put("message_id", "sla-local-1")
                .put("session_id", "sla-local-session").put("text", "Hi, can I change the colour of my order?")
                .put("received_at", "2026-11-25T09:00:00Z").set("from", JSON.createObjectNode().put("name", "Ben").put("email", "ben@example.org"))
                .toString();
        var accepted = runner.post("/messages", body, "Content-Type", "application/json", "X-Promptly-Shop", SHOP,
                "X-Promptly-Signature", MessageSignature.sign("local-messages-secret", body.getBytes(StandardCharsets.UTF_8)));
        assertEquals(202, accepted.statusCode(), accepted.body());
        String conversation = JSON.readTree(accepted.body()).get("conversation_id").asText();

        post("/local/clock", "{\"advance\": \"PT3H30M\"}");
        var firstRun = JSON.readTree(post("/local/jobs/sla-monitor/run", "").body());
        var alertsAfterFirst = runner.outbox("sla_alert");
        var secondRun = JSON.readTree(post("/local/jobs/sla-monitor/run", "").body());
        var alertsAfterSecond = runner.outbox("sla_alert");
        var view = runner.get("/local/conversations/" + conversation);
        var wrongToken = event(conversation, "not-the-token", "{\"type\": \"agent_replied\"}");
        var replied = event(conversation, "local-agent-token", "{\"type\": \"agent_replied\"}");
        post("/local/clock", "{\"advance\": \"PT1H\"}");
        var afterReply = JSON.readTree(post("/local/jobs/sla-monitor/run", "").body());

        assertEquals("sla-monitor", firstRun.get("job").asText());
        assertEquals(1, firstRun.get("alerts").asInt(), firstRun.toString());
        assertEquals(1, alertsAfterFirst.size(), alertsAfterFirst.toString());
        JsonNode warning = alertsAfterFirst.get(0);
        assertTrue(warning.get("subject").asText().startsWith("SLA warning: First response for PR-" + conversation + " due in 30 min"),
                warning.get("subject").asText());
        assertEquals("support@demo-shop.example", warning.get("to").asText());
        assertEquals(conversation, warning.get("conversation_id").asText());
        assertEquals(0, secondRun.get("alerts").asInt(), secondRun.toString());
        assertEquals(1, alertsAfterSecond.size(), "a second run adds nothing");
        JsonNode sla = view.get("sla");
        assertEquals("running", sla.get("clocks").get(0).get("state").asText(), sla.toString());
        assertEquals("2026-11-25T13:00:00Z", sla.get("clocks").get(0).get("due_at").asText());
        assertEquals("default", sla.get("policy").get("name").asText());
        assertEquals("Europe/Berlin", sla.get("explain").get("calendar").get("zone").asText());
        assertEquals(401, wrongToken.statusCode());
        assertTrue(JSON.readTree(wrongToken.body()).get("error").asText().startsWith("Authorization:"));
        assertEquals(200, replied.statusCode(), replied.body());
        assertEquals("satisfied", JSON.readTree(replied.body()).get("clocks").get(0).get("state").asText());
        assertEquals(0, afterReply.get("alerts").asInt(), "a satisfied clock is not breached");
        assertEquals(1, runner.outbox("sla_alert").size());
    }
}
