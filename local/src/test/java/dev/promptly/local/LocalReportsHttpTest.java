package dev.promptly.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.promptly.aws.dynamodb.DynamoKpiStore;
import dev.promptly.core.ShopDomain;
import dev.promptly.core.kpi.CsatTally;
import dev.promptly.core.kpi.DailyKpis;
import dev.promptly.core.kpi.KpiCounts;
import dev.promptly.core.kpi.KpiSlice;
import dev.promptly.core.kpi.ResponseTimes;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The local runner serves {@code GET /reports/{shop}} through the deployed handler, as JSON and as CSV, and runs the
 * weekly KPI digest through the SLA monitor's handler with the digest schedule's input.
 */
class LocalReportsHttpTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void theRunnerServesTheShopsReportWithItsAgentTokenAsJsonAndCsv() throws Exception {
        try (var runner = LocalRunnerClient.start(new LocalOptions(0, null, null, null, 0, false))) {
            // given a stored KPI day of the example shop
            var kpis = new DynamoKpiStore(runner.system().tableClient(), LocalSystem.tableName(),
                    Clock.fixed(LocalRunnerClient.TEST_START, ZoneOffset.UTC));
            kpis.save(DailyKpis.empty(new ShopDomain(LocalRunnerClient.SHOP), LocalDate.parse("2026-11-17")).plus(new KpiSlice("email", "de", "wismo"),
                    new KpiCounts(3, ResponseTimes.NONE.with(Duration.ofMinutes(20), Duration.ofMinutes(20)), ResponseTimes.NONE, ResponseTimes.NONE,
                            Map.of(), 1, 1, 2, 2, 0, 0, 0, 0, CsatTally.NONE)));
            var http = HttpClient.newHttpClient();
            var path = "/reports/" + LocalRunnerClient.SHOP + "?from=2026-11-16&to=2026-11-22&group=week";

            // when
            var json = http.send(HttpRequest.newBuilder(runner.uri(path)).header("Authorization", "Bearer local-agent-token").GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            var csv = http.send(HttpRequest.newBuilder(runner.uri(path)).header("Authorization", "Bearer local-agent-token")
                    .header("Accept", "text/csv").GET().build(), HttpResponse.BodyHandlers.ofString());
            var anonymous = http.send(HttpRequest.newBuilder(runner.uri(path)).GET().build(), HttpResponse.BodyHandlers.ofString());

            // then
            assertEquals(200, json.statusCode(), json.body());
            JsonNode report = JSON.readTree(json.body());
            assertEquals(1, report.get("periods").size());
            assertEquals(3, report.at("/periods/0/conversations").asLong());
            assertEquals(0.6667, report.at("/totals/automation/rate").asDouble());
            assertEquals(200, csv.statusCode(), csv.body());
            assertEquals("text/csv; charset=utf-8", csv.headers().firstValue("Content-Type").orElse(""));
            assertTrue(csv.body().split("\r\n")[1].startsWith("2026-11-16,2026-11-22,3,"), csv.body());
            assertEquals(401, anonymous.statusCode());
        }
    }

    @Test
    void theKpiDigestJobSendsLastWeeksDigestOnceOnMondayAtTheShopsOpening() throws Exception {
        // the runner's clock starts on Monday 2026-11-23 at 10:00 in Berlin, an hour after the example shop opened
        try (var runner = LocalRunnerClient.start(new LocalOptions(0, null, null, null, 0, false))) {
            new DynamoKpiStore(runner.system().tableClient(), LocalSystem.tableName(), Clock.fixed(LocalRunnerClient.TEST_START, ZoneOffset.UTC))
                    .save(DailyKpis.empty(new ShopDomain(LocalRunnerClient.SHOP), LocalDate.parse("2026-11-18"))
                            .plus(new KpiSlice("email", "de", "wismo"), new KpiCounts(7, ResponseTimes.NONE, ResponseTimes.NONE, ResponseTimes.NONE,
                                    Map.of(), 0, 0, 0, 0, 0, 0, 0, 0, CsatTally.NONE)));

            JsonNode first = JSON.readTree(runner.post("/local/jobs/kpi-digest/run", "").body());
            JsonNode again = JSON.readTree(runner.post("/local/jobs/kpi-digest/run", "").body());
            JsonNode outbox = runner.get("/local/outbox");

            assertEquals("kpi-digest", first.get("job").asText());
            assertEquals(1, first.get("sent").asInt(), first.toString());
            assertEquals(0, again.get("sent").asInt(), again.toString());
            assertEquals(1, again.get("already_sent").asInt());
            var digests = new java.util.ArrayList<JsonNode>();
            outbox.forEach(m -> {
                if (m.get("kind").asText().equals("kpi_digest")) {
                    digests.add(m);
                }
            });
            assertEquals(1, digests.size(), outbox.toString());
            assertTrue(digests.get(0).get("subject").asText().contains("7 Gespräche"), digests.get(0).get("subject").asText());
            assertTrue(digests.get(0).get("html").asText().contains("class=\"chart\""));
        }
    }
}
