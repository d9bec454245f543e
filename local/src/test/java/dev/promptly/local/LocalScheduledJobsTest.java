package dev.promptly.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.promptly.core.message.MessageSignature;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The local runner runs the scheduled jobs through their functions' handlers, wired by the same
 * {@code Deployment} as in Lambda: the outbox sweep's own log line (function {@code outbox-sweep}) and the
 * SLA monitor's report are what the handlers write and answer.
 */
class LocalScheduledJobsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void theOutboxSweepAndTheSlaMonitorRunThroughTheirHandlers() throws Exception {
        var logs = new ByteArrayOutputStream();
        try (var runner = LocalRunnerClient.start(new LocalOptions(0, null, null, null, 25, false),
                new PrintStream(logs, true, StandardCharsets.UTF_8))) {
            String body = JSON.createObjectNode().put("shop", LocalRunnerClient.SHOP).put("channel", "email").put("message_id", "jobs-1")
                    .put("text", "Hello, can I change the colour of my order?")
                    .set("from", JSON.createObjectNode().put("name", "Ben").put("email", "ben@example.org")).toString();
            var accepted = runner.post("/messages", body, "Content-Type", "application/json", "X-Promptly-Shop", LocalRunnerClient.SHOP,
                    "X-Promptly-Signature", MessageSignature.sign("local-messages-secret", body.getBytes(StandardCharsets.UTF_8)));
            var sweep = JSON.readTree(runner.post("/local/jobs/outbox-send/run", "").body());
            runner.post("/local/clock", "{\"advance\": \"PT3H30M\"}");
            var monitor = JSON.readTree(runner.post("/local/jobs/sla-monitor/run", "").body());
            String log = logs.toString(StandardCharsets.UTF_8);

            assertEquals(202, accepted.statusCode(), accepted.body());
            assertTrue(logged(log, "outbox-sweep", "outbox.sweep").stream().anyMatch(line -> line.get("due").asInt() == 1),
                    "the acknowledgement was sent by the sweep's handler:\n" + log);
            assertTrue(logged(log, "outbox-sweep", "outbox.delivered").stream().anyMatch(line -> line.get("kind").asText().equals("ack")), log);
            assertEquals(List.of("job", "due", "now"), fields(sweep));
            assertEquals(0, sweep.get("due").asInt(), "nothing left after the sweep that followed the message");
            assertEquals(List.of("job", "now", "due", "alerts", "already_recorded", "digests_sent", "checkpoints_moved", "checkpoints_cleared"),
                    fields(monitor));
            assertEquals(1, monitor.get("alerts").asInt(), monitor.toString());
            assertEquals(1, logged(log, "sla-monitor", "sla.monitor_run").size(), log);
        }
    }

    @Test
    void theKpiRollupRunsThroughItsHandlerHourlyOrForARangeAndRefusesABadRange() throws Exception {
        var logs = new ByteArrayOutputStream();
        try (var runner = LocalRunnerClient.start(new LocalOptions(0, null, null, null, 25, false),
                new PrintStream(logs, true, StandardCharsets.UTF_8))) {
            runner.post("/local/clock", "{\"now\": \"2026-12-07T10:00:00Z\"}");
            String body = JSON.createObjectNode().put("shop", LocalRunnerClient.SHOP).put("channel", "email").put("message_id", "kpi-1")
                    .put("text", "Hello, where is my order?")
                    .set("from", JSON.createObjectNode().put("name", "Ben").put("email", "ben@example.org")).toString();
            runner.post("/messages", body, "Content-Type", "application/json", "X-Promptly-Shop", LocalRunnerClient.SHOP,
                    "X-Promptly-Signature", MessageSignature.sign("local-messages-secret", body.getBytes(StandardCharsets.UTF_8)));

            var hourly = JSON.readTree(runner.post("/local/jobs/kpi-rollup/run", "").body());
            var range = JSON.readTree(runner.post("/local/jobs/kpi-rollup/run",
                    "{\"shop\": \"" + LocalRunnerClient.SHOP + "\", \"from\": \"2026-11-01\", \"to\": \"2026-11-30\"}").body());
            var refused = runner.post("/local/jobs/kpi-rollup/run",
                    "{\"kpi_rollup\": {\"shop\": \"" + LocalRunnerClient.SHOP + "\", \"from\": \"2026-12-01\", \"to\": \"2026-12-08\"}}");

            assertEquals(List.of("job", "now", "days", "conversations", "notices", "capped_days", "days_left", "complete"), fields(hourly));
            assertEquals(9, hourly.get("days").asInt(), hourly.toString());
            assertEquals(1, hourly.get("conversations").asInt(), "today's conversation: " + hourly);
            assertEquals(30, range.get("days").asInt(), range.toString());
            assertEquals(0, range.get("conversations").asInt(), range.toString());
            assertEquals(400, refused.statusCode());
            assertTrue(refused.body().contains("kpi_rollup.to: must not lie after today"), refused.body());
            assertEquals(1, logged(logs.toString(StandardCharsets.UTF_8), "kpi-rollup", "kpi_rollup.run").size());
        }
    }

    /** The log lines of {@code function} with {@code event}. */
    private static List<JsonNode> logged(String log, String function, String event) throws IOException {
        List<JsonNode> lines = new ArrayList<>();
        for (String line : log.split("\n")) {
            JsonNode json = JSON.readTree(line);
            if (json.path("function").asText().equals(function) && json.path("event").asText().equals(event)) {
                lines.add(json);
            }
        }
        return lines;
    }

    private static List<String> fields(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
