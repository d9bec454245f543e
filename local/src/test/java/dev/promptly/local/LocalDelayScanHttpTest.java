package dev.promptly.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The delay scan through the local runner's routes with the shipped example configuration (Berlin,
 * two business days to ship): the sample order #1001, placed Monday 23 November 2026, is late from
 * midnight after Wednesday 25 November.
 */
class LocalDelayScanHttpTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SHOP = LocalRunnerClient.SHOP;
    private static LocalRunnerClient runner;

    @BeforeAll
    static void start() throws Exception {
        runner = LocalRunnerClient.start(new LocalOptions(0, null, null, null, 0, false));
    }

    @AfterAll
    static void stop() {
        runner.close();
    }

    @BeforeEach
    void reset() throws Exception {
        post("/local/reset", "");
    }

    private static HttpResponse<String> post(String path, String body) throws Exception {
        return runner.post(path, body);
    }

    private static JsonNode get(String path) throws Exception {
        return runner.get(path);
    }

    private static void orderArrives() throws Exception {
        runner.webhook("orders/create", LocalRunnerClient.shopifySample("orders-create"), "local-delay-1");
    }

    @Test
    void theDelayScanJobWritesANoticeThatShowsInTheOutboxAndOnTheOrder() throws Exception {
        orderArrives();
        assertEquals("2026-11-25T23:00:00Z", get("/local/orders/" + SHOP + "/5001001").get("delay").get("next_check_at").asText());

        post("/local/clock", "{\"now\": \"2026-11-26T09:00:00Z\"}");
        var run = post("/local/jobs/delay-scan/run", "");

        assertEquals(200, run.statusCode(), run.body());
        JsonNode report = JSON.readTree(run.body());
        assertEquals("delay-scan", report.get("job").asText());
        assertEquals(1, report.get("due").asInt());
        assertEquals(1, report.get("notices").asInt());
        List<JsonNode> notices = runner.outbox("delay_notice");
        assertEquals(1, notices.size());
        JsonNode notice = notices.get(0);
        assertEquals("anna.beispiel@example.com", notice.get("to").asText());
        assertEquals("Ihre Bestellung #1001 verspätet sich", notice.get("subject").asText());
        assertEquals("auto-generated", notice.get("headers").get("Auto-Submitted").asText());
        assertEquals("5001001", notice.get("order_id").asText());
        assertTrue(notice.get("text").asText().contains("noch nicht verschickt"), notice.get("text").asText());
        JsonNode delay = get("/local/orders/" + SHOP + "/5001001").get("delay");
        assertTrue(delay.get("late").asBoolean());
        assertEquals("not_shipped", delay.get("delays").get(0).get("stage").asText());
        assertEquals("notice", delay.get("notices").get(0).get("outcome").asText());

        JsonNode again = JSON.readTree(post("/local/jobs/delay-scan/run", "").body());
        assertEquals(0, again.get("notices").asInt());
        assertEquals(1, runner.outbox("delay_notice").size());
    }

    @Test
    void atNightTheJobHoldsTheNoticeUntilTheMorning() throws Exception {
        orderArrives();
        post("/local/clock", "{\"now\": \"2026-11-25T23:30:00Z\"}");

        JsonNode night = JSON.readTree(post("/local/jobs/delay-scan/run", "").body());

        assertEquals(1, night.get("held_for_send_window").asInt());
        assertEquals(List.of(), runner.outbox("delay_notice"));
        assertEquals("2026-11-26T07:00:00Z", get("/local/orders/" + SHOP + "/5001001").get("delay").get("next_check_at").asText());
    }

    @Test
    void aBodyOtherThanAReleaseIsRefused() throws Exception {
        var response = post("/local/jobs/delay-scan/run", "{\"release\": true}");

        assertEquals(400, response.statusCode());
        assertTrue(response.body().contains("release_breaker"), response.body());
    }
}
