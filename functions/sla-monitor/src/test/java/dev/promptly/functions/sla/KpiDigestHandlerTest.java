package dev.promptly.functions.sla;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.promptly.aws.AwsClients;
import dev.promptly.aws.dynamodb.DynamoKpiStore;
import dev.promptly.aws.dynamodb.DynamoOutboxStore;
import dev.promptly.aws.dynamodb.PromptlyTable;
import dev.promptly.config.ConfigParser;
import dev.promptly.config.PromptlyConfig;
import dev.promptly.core.ShopDomain;
import dev.promptly.core.kpi.CsatTally;
import dev.promptly.core.kpi.DailyKpis;
import dev.promptly.core.kpi.KpiCounts;
import dev.promptly.core.kpi.KpiSlice;
import dev.promptly.core.kpi.ResponseTimes;
import dev.promptly.core.kpi.SlaAttainment;
import dev.promptly.core.outbox.OutboxKind;
import dev.promptly.core.outbox.OutboxMessage;
import dev.promptly.dynamodblocal.EmbeddedDynamoDb;
import dev.promptly.log.JsonLog;
import dev.promptly.testing.MovableClock;
import dev.promptly.wiring.Deployment;
import dev.promptly.wiring.PromptlyEnvironment;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The weekly KPI digest through the SLA monitor's handler, invoked with the digest schedule's input, against KPI days
 * saved in DynamoDB Local: due on Monday at each shop's opening in its zone, written in its language, once.
 */
class KpiDigestHandlerTest {
    private static final String TABLE = "promptly-kpi-digest-test";
    private static final Map<String, String> DEPLOYED = Map.of(PromptlyTable.TABLE_NAME_ENV, TABLE, PromptlyEnvironment.CONFIG_FILE, "unused.json");
    private static final EmbeddedDynamoDb DYNAMO = EmbeddedDynamoDb.inMemory(List.of(PromptlyTable.createTableRequest(TABLE)));
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final byte[] DIGEST_INPUT = "{\"job\": \"kpi_digest\"}".getBytes(StandardCharsets.UTF_8);
    /** Monday 2026-12-07, 09:00 in Berlin (UTC+1): the Berlin shop opens. New York (UTC-5) opens at 14:00 UTC. */
    private static final Instant BERLIN_OPENING = Instant.parse("2026-12-07T08:00:00Z");
    private static final Instant NEW_YORK_OPENING = Instant.parse("2026-12-07T14:00:00Z");

    private final String id = UUID.randomUUID().toString().substring(0, 8);
    private final ShopDomain berlin = new ShopDomain("digest-de-" + id + ".myshopify.com");
    private final ShopDomain newYork = new ShopDomain("digest-en-" + id + ".myshopify.com");
    private final MovableClock clock = new MovableClock(BERLIN_OPENING);
    private final DynamoDbClient client = DYNAMO.newClient();
    private final DynamoOutboxStore outbox = new DynamoOutboxStore(client, TABLE);
    private final ByteArrayOutputStream logs = new ByteArrayOutputStream();
    private final PromptlyConfig config = ConfigParser.parse("""
            {"shops": {"%s": {
              "name": "Demo Shop", "languages": ["de", "en"], "time_zone": "Europe/Berlin", "support_email": "support@demo-shop.example",
              "secrets": {"shopify_webhook": "literal:w", "messages": "literal:m", "agent_token": "literal:a"},
              "business_hours": {"weekly": {"monday": ["09:00-18:00"], "tuesday": ["09:00-18:00"]}}, "handling_time_business_days": 2,
              "sla": {"first_response": "PT4H", "alerts": {"targets": {"lead": {"email": "lead@demo-shop.example"}},
                      "stages": [{"stage": "breach", "notify": ["lead"]}]}}
            }, "%s": {
              "name": "Empire Goods", "languages": ["en"], "time_zone": "America/New_York", "support_email": "help@empire.example",
              "secrets": {"shopify_webhook": "literal:w2", "messages": "literal:m2", "agent_token": "literal:a2"},
              "business_hours": {"weekly": {"monday": ["09:00-17:00"]}}, "sla": {"first_response": "PT4H"}, "handling_time_business_days": 2
            }}}""".formatted(berlin.value(), newYork.value()), "test", true);

    private SlaMonitorHandler handler() {
        return new SlaMonitorHandler(Deployment.builder().awsAdapters(DEPLOYED, new AwsClients(false)).dynamoDb(client, TABLE).config(config)
                .secrets(ref -> ref.name()).clock(clock)
                .logs(function -> new JsonLog(function, new PrintStream(logs, true, StandardCharsets.UTF_8), clock)).build());
    }

    private static KpiCounts counts(long conversations, long automated, Duration firstResponse, int rating) {
        return new KpiCounts(conversations, ResponseTimes.NONE.with(firstResponse, firstResponse), ResponseTimes.NONE, ResponseTimes.NONE,
                Map.of("standard/first_response", new SlaAttainment(conversations - 1, 1, 0, 1)), 0, 0, automated, 1, 0, 0, 0, 0,
                CsatTally.NONE.withSurveySent().withRating(rating));
    }

    /** Last week (from Monday 2026-11-30): 5 conversations, 2 automated; the week before: 3, 0 automated. */
    private void saveTwoWeeks(ShopDomain shop) {
        var kpis = new DynamoKpiStore(client, TABLE, clock);
        kpis.save(DailyKpis.empty(shop, LocalDate.parse("2026-11-23")).plus(new KpiSlice("email", "de", "wismo"), counts(3, 0, Duration.ofHours(2), 3)));
        kpis.save(DailyKpis.empty(shop, LocalDate.parse("2026-11-30")).plus(new KpiSlice("email", "de", "wismo"), counts(4, 2, Duration.ofMinutes(30), 5)));
        kpis.save(DailyKpis.empty(shop, LocalDate.parse("2026-12-02")).plus(new KpiSlice("whatsapp", "de", "return"), counts(1, 0, Duration.ofMinutes(30), 5)));
    }

    private JsonNode run(SlaMonitorHandler handler) throws Exception {
        var answer = new ByteArrayOutputStream();
        handler.handleRequest(new ByteArrayInputStream(DIGEST_INPUT), answer, null);
        return JSON.readTree(answer.toByteArray());
    }

    private List<OutboxMessage> digests(ShopDomain shop) {
        return outbox.list(shop).stream().filter(m -> m.kind() == OutboxKind.KPI_DIGEST).sorted(Comparator.comparing(OutboxMessage::to)).toList();
    }

    @Test
    void onMondayAtItsOpeningAShopsTeamGetsLastWeeksKpisAgainstTheWeekBeforeInTheShopsLanguage() throws Exception {
        // given two weeks of KPIs
        saveTwoWeeks(berlin);
        saveTwoWeeks(newYork);

        // when the digest runs at 09:00 in Berlin (03:00 in New York)
        JsonNode answer = run(handler());

        // then the Berlin shop's team and its e-mail alert target get the German digest; New York's is not due yet
        assertEquals(1, answer.get("due").asInt(), answer.toString());
        assertEquals(1, answer.get("sent").asInt());
        List<OutboxMessage> sent = digests(berlin);
        assertEquals(List.of("lead@demo-shop.example", "support@demo-shop.example"), sent.stream().map(OutboxMessage::to).toList());
        assertTrue(digests(newYork).isEmpty());
        OutboxMessage digest = sent.get(1);
        assertEquals("email", digest.channel());
        assertEquals("auto-generated", digest.headers().get("Auto-Submitted"));
        assertEquals("[Promptly] Demo Shop, Woche ab 30.11.2026: 5 Gespräche (▲ +2)", digest.subject());
        assertTrue(digest.text().contains("Gespräche: 5 (Vorwoche: 3, ▲ +2)"), digest.text());
        assertTrue(digest.text().contains("Allein von Promptly beantwortet: 40 % (Vorwoche: 0 %, ▲ +40 Pp.)"), digest.text());
        // durations come from the rollups' log-bucket histograms: within 5 % (two hours read as 2 h 4 min)
        assertTrue(digest.text().contains("Erste Antwort, Median: 30 min (Vorwoche: 2 h 4 min, ▼ −1 h 34 min)"), digest.text());
        assertTrue(digest.text().contains("Verzögerungshinweise gesendet: 0 (Vorwoche: 0, ±0)"), digest.text());
        assertTrue(digest.text().contains("Lösung, Median: – (Vorwoche: –)\n"), "no change shown without figures:\n" + digest.text());
        assertTrue(digest.text().contains("Kundenzufriedenheit (1 bis 5): 5,0 (Vorwoche: 3,0, ▲ +2,0)"), digest.text());
        assertTrue(digest.text().contains("Mo.  #################### 4 / 3\nDi.                       0 / 0\nMi.  #####                1 / 0"),
                "a text bar per day:\n" + digest.text());
        assertTrue(digest.text().contains("wismo   #################### 4\nreturn  #####                1"), "conversations by topic:\n" + digest.text());
        // the HTML part: the comparison table and the bar charts as inline-styled tables and divs, nothing a mail client blocks
        String html = digest.html();
        assertTrue(html.contains("<html lang=\"de\">"));
        assertTrue(html.contains("color:#1a7f37;white-space:nowrap;\">▲ +40 Pp.</td>"), "an improvement in green:\n" + html);
        assertTrue(html.contains("color:#1a7f37;white-space:nowrap;\">▼ −1 h 34 min</td>"), "a shorter first response is better:\n" + html);
        assertEquals(2, html.split("class=\"chart\"", -1).length - 1, "two charts");
        assertTrue(html.contains("background-color:#3b6fd8;height:10px;width:100%;"), "Monday's bar, the longest");
        assertTrue(html.contains("background-color:#3b6fd8;height:10px;width:25%;"), "Wednesday's: 1 of 4");
        for (String blocked : List.of("<svg", "<script", "<img", "http://", "https://")) {
            assertFalse(html.contains(blocked), blocked);
        }
        String log = logs.toString(StandardCharsets.UTF_8);
        assertFalse(log.contains("support@demo-shop.example") || log.contains("lead@"), "no addresses in logs: " + log);
    }

    @Test
    void theNewYorkShopGetsItsDigestInEnglishAtNineInNewYork() throws Exception {
        saveTwoWeeks(newYork);
        clock.set(NEW_YORK_OPENING);

        JsonNode answer = run(handler());

        assertEquals(2, answer.get("sent").asInt(), "15:00 in Berlin: the Berlin shop's digest is still due that day too: " + answer);
        OutboxMessage digest = digests(newYork).get(0);
        assertEquals("help@empire.example", digest.to());
        assertEquals("[Promptly] Empire Goods, week of Nov 30, 2026: 5 conversations (▲ +2)", digest.subject());
        assertTrue(digest.text().contains("Answered by Promptly alone: 40% (week before: 0%, ▲ +40 pp)"), digest.text());
        assertTrue(digest.html().contains("<html lang=\"en\">"));
    }

    @Test
    void noDigestIsSentBeforeMondaysOpeningNorOnOtherDays() throws Exception {
        saveTwoWeeks(berlin);
        var handler = handler();

        for (String at : List.of("2026-12-07T07:59:00Z", "2026-12-06T10:00:00Z", "2026-12-08T08:00:00Z", "2026-12-10T12:00:00Z")) {
            clock.set(Instant.parse(at));
            JsonNode answer = run(handler);
            assertEquals(0, answer.get("sent").asInt(), at + ": " + answer);
        }

        assertTrue(digests(berlin).isEmpty());
    }

    @Test
    void aRerunLaterThatMondaySendsNothingAgain() throws Exception {
        saveTwoWeeks(berlin);
        var handler = handler();
        run(handler);

        clock.advance(Duration.ofHours(3));
        JsonNode again = run(handler);

        assertEquals(0, again.get("sent").asInt(), again.toString());
        assertEquals(1, again.get("already_sent").asInt());
        assertEquals(2, digests(berlin).size(), "still one digest to each of the two recipients");
    }

    @Test
    void twoRunsAtOnceSendTheWeeksDigestOnce() throws Exception {
        saveTwoWeeks(berlin);
        var first = handler();
        var second = handler();
        Callable<JsonNode> one = () -> run(first);
        Callable<JsonNode> other = () -> run(second);

        var pool = Executors.newFixedThreadPool(2);
        List<JsonNode> answers;
        try {
            answers = pool.invokeAll(List.of(one, other)).stream().map(f -> {
                try {
                    return f.get();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }).toList();
        } finally {
            pool.shutdown();
        }

        assertEquals(1, answers.stream().mapToInt(a -> a.get("sent").asInt()).sum(), answers.toString());
        assertEquals(1, answers.stream().mapToInt(a -> a.get("already_sent").asInt()).sum(), answers.toString());
        assertEquals(2, digests(berlin).size());
    }

    @Test
    void theSampleInputOfTheDigestScheduleRunsTheDigest() throws Exception {
        saveTwoWeeks(berlin);
        var answer = new ByteArrayOutputStream();

        handler().handleRequest(java.nio.file.Files.newInputStream(java.nio.file.Path.of("..", "..", "events", "sla-monitor", "kpi-digest.json")),
                answer, null);

        assertEquals(1, JSON.readTree(answer.toByteArray()).get("sent").asInt(), answer.toString(StandardCharsets.UTF_8));
    }

    @Test
    void theScheduledEventWithoutTheDigestInputStillRunsTheMonitor() throws Exception {
        var answer = new ByteArrayOutputStream();

        handler().handleRequest(new ByteArrayInputStream("{\"detail-type\": \"Scheduled Event\", \"detail\": {}}".getBytes(StandardCharsets.UTF_8)),
                answer, null);

        assertTrue(JSON.readTree(answer.toByteArray()).has("checkpoints_moved"), answer.toString(StandardCharsets.UTF_8));
    }
}
