package dev.promptly.functions.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.promptly.aws.AwsClients;
import dev.promptly.aws.dynamodb.DynamoKpiStore;
import dev.promptly.aws.dynamodb.PromptlyTable;
import dev.promptly.config.ConfigParser;
import dev.promptly.config.PromptlyConfig;
import dev.promptly.core.ShopDomain;
import dev.promptly.core.kpi.CsatTally;
import dev.promptly.core.kpi.DailyKpis;
import dev.promptly.core.kpi.DurationHistogram;
import dev.promptly.core.kpi.KpiCounts;
import dev.promptly.core.kpi.KpiSlice;
import dev.promptly.core.kpi.ResponseTimes;
import dev.promptly.core.kpi.SlaAttainment;
import dev.promptly.dynamodblocal.EmbeddedDynamoDb;
import dev.promptly.log.JsonLog;
import dev.promptly.wiring.Deployment;
import dev.promptly.wiring.PromptlyEnvironment;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** {@code GET /reports/{shop}} over API Gateway events, against KPI days saved in DynamoDB Local. */
class KpiReportsHandlerTest {
    private static final String TABLE = "promptly-reports-test";
    private static final Map<String, String> DEPLOYED = Map.of(PromptlyTable.TABLE_NAME_ENV, TABLE, PromptlyEnvironment.CONFIG_FILE, "unused.json");
    private static final EmbeddedDynamoDb DYNAMO = EmbeddedDynamoDb.inMemory(List.of(PromptlyTable.createTableRequest(TABLE)));
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TOKEN = "report-agent-token";
    private static final String WRONG = "Authorization: must be \"Bearer <the shop's agent token>\"";

    private final ShopDomain shop = new ShopDomain("reports-" + UUID.randomUUID().toString().substring(0, 8) + ".myshopify.com");
    private final ShopDomain otherShop = new ShopDomain("reports-other-" + UUID.randomUUID().toString().substring(0, 8) + ".myshopify.com");
    private final Clock clock = Clock.fixed(Instant.parse("2026-12-09T09:30:00Z"), ZoneOffset.UTC);
    private final DynamoDbClient client = DYNAMO.newClient();
    private final DynamoKpiStore kpis = new DynamoKpiStore(client, TABLE, clock);
    private final ByteArrayOutputStream logs = new ByteArrayOutputStream();
    private final PromptlyConfig config = ConfigParser.parse("""
            {"shops": {"%s": {
              "name": "Demo Shop", "languages": ["de", "en"], "time_zone": "Europe/Berlin", "support_email": "support@demo-shop.example",
              "secrets": {"shopify_webhook": "literal:w", "messages": "literal:m", "agent_token": "literal:%s"},
              "business_hours": {"weekly": {"monday": ["09:00-18:00"]}}, "sla": {"first_response": "PT4H"}, "handling_time_business_days": 2
            }, "%s": {
              "name": "Other Shop", "languages": ["en"], "time_zone": "Europe/London", "support_email": "support@other-shop.example",
              "secrets": {"shopify_webhook": "literal:w2", "messages": "literal:m2", "agent_token": "literal:other-token"},
              "business_hours": {"weekly": {"monday": ["09:00-18:00"]}}, "sla": {"first_response": "PT4H"}, "handling_time_business_days": 2
            }}}""".formatted(shop.value(), TOKEN, otherShop.value()), "test", true);
    private final ConversationEventsHandler handler = new ConversationEventsHandler(Deployment.builder().awsAdapters(DEPLOYED, new AwsClients(false))
            .dynamoDb(client, TABLE).config(config).secrets(ref -> ref.name()).clock(clock)
            .logs(function -> new JsonLog(function, new PrintStream(logs, true, StandardCharsets.UTF_8), clock)).build());

    /** A slice's counts: {@code n} conversations answered in {@code firstResponse}, with every other KPI set. */
    private static KpiCounts counts(long n, Duration firstResponse, String slaPolicy) {
        return new KpiCounts(n, ResponseTimes.NONE.with(firstResponse, firstResponse.dividedBy(2)), ResponseTimes.NONE,
                ResponseTimes.NONE.with(Duration.ofHours(3), Duration.ofHours(1)), Map.of(slaPolicy + "/first_response", new SlaAttainment(3, 1, 1, 1)),
                2, 1, 1, 2, 1, 2, 1, 1, CsatTally.NONE.withSurveySent().withSurveySent().withRating(5).withRating(4));
    }

    private void saveFixtures() {
        // A week from Monday 2026-11-30 with email/de/wismo on Monday and whatsapp/en/return on Wednesday, and Tuesday 2026-12-08.
        kpis.save(DailyKpis.empty(shop, LocalDate.parse("2026-11-30")).plus(new KpiSlice("email", "de", "wismo"), counts(4, Duration.ofMinutes(10), "standard")));
        kpis.save(DailyKpis.empty(shop, LocalDate.parse("2026-12-02")).plus(new KpiSlice("whatsapp", "en", "return"), counts(1, Duration.ofMinutes(30), "standard")));
        kpis.save(DailyKpis.empty(shop, LocalDate.parse("2026-12-08")).plus(new KpiSlice("email", "en", "other"), counts(2, Duration.ofMinutes(10), "standard")));
        // The other shop's day is never part of this shop's report.
        kpis.save(DailyKpis.empty(otherShop, LocalDate.parse("2026-12-01")).plus(new KpiSlice("email", "en", "other"), counts(50, Duration.ofMinutes(1), "standard")));
    }

    private APIGatewayV2HTTPResponse get(String shopPath, String authorization, String accept, Map<String, String> query) {
        Map<String, String> headers = new HashMap<>();
        if (authorization != null) {
            headers.put("authorization", authorization);
        }
        if (accept != null) {
            headers.put("accept", accept);
        }
        return handler.handleRequest(APIGatewayV2HTTPEvent.builder().withPathParameters(Map.of("shop", shopPath)).withHeaders(headers)
                .withQueryStringParameters(query).withRequestContext(APIGatewayV2HTTPEvent.RequestContext.builder()
                        .withHttp(APIGatewayV2HTTPEvent.RequestContext.Http.builder().withMethod("GET").withPath("/reports/" + shopPath).build()).build())
                .build(), null);
    }

    private static String error(APIGatewayV2HTTPResponse response) throws Exception {
        return JSON.readTree(response.getBody()).get("error").asText();
    }

    private static long seconds(Duration d) {
        return Math.round(DurationHistogram.of(d).median().orElseThrow().toMillis() / 1000.0);
    }

    @Test
    void aReportWithoutTheShopsAgentTokenIs401AndTellsNothingAboutTheShop() throws Exception {
        // given stored days
        saveFixtures();
        Map<String, String> week = Map.of("from", "2026-11-30", "to", "2026-12-06");

        // when asked without a token, with a wrong one, with another shop's, for a shop not served here and for no shop domain
        var none = get(shop.value(), null, null, week);
        var wrong = get(shop.value(), "Bearer wrong", null, week);
        var othersToken = get(shop.value(), "Bearer other-token", null, week);
        var unknownShop = get("not-served.myshopify.com", "Bearer " + TOKEN, null, week);
        var notADomain = get("anna@example.com", "Bearer " + TOKEN, null, week);
        var badQueryNoToken = get(shop.value(), null, null, Map.of("from", "yesterday"));

        // then each is a 401; the wrong ones answer alike, whatever the shop
        assertEquals(401, none.getStatusCode());
        assertEquals("Authorization: is required (Bearer <the shop's agent token>)", error(none));
        assertEquals(401, badQueryNoToken.getStatusCode(), "the query is not looked at before the token");
        for (var refused : List.of(wrong, othersToken, unknownShop, notADomain)) {
            assertEquals(401, refused.getStatusCode());
            assertEquals(WRONG, error(refused));
            assertFalse(refused.getBody().contains("conversations"));
        }
        assertFalse(logs.toString(StandardCharsets.UTF_8).contains("anna@example.com"), "no personal data in logs");
    }

    @Test
    void badQueriesAre400NamingTheParameter() throws Exception {
        String auth = "Bearer " + TOKEN;

        var missingFrom = get(shop.value(), auth, null, Map.of("to", "2026-12-06"));
        var badDate = get(shop.value(), auth, null, Map.of("from", "2026-11-31", "to", "2026-12-06"));
        var backwards = get(shop.value(), auth, null, Map.of("from", "2026-12-06", "to", "2026-11-30"));
        var tooLong = get(shop.value(), auth, null, Map.of("from", "2025-01-01", "to", "2026-12-06"));
        var badGroup = get(shop.value(), auth, null, Map.of("from", "2026-11-30", "to", "2026-12-06", "group", "month"));
        var badFilter = get(shop.value(), auth, null, Map.of("from", "2026-11-30", "to", "2026-12-06", "channel", "e mail"));
        var unknown = get(shop.value(), auth, null, Map.of("from", "2026-11-30", "to", "2026-12-06", "shop", "x"));

        assertEquals(List.of(400, 400, 400, 400, 400, 400, 400), List.of(missingFrom, badDate, backwards, tooLong, badGroup, badFilter, unknown)
                .stream().map(APIGatewayV2HTTPResponse::getStatusCode).toList());
        assertEquals("from: is required, a date such as 2026-11-30", error(missingFrom));
        assertEquals("from: must be a date such as 2026-11-30 (YYYY-MM-DD)", error(badDate));
        assertEquals("to: must not be before from (2026-12-06)", error(backwards));
        assertEquals("to: the range spans 705 days; a report covers at most 400", error(tooLong));
        assertEquals("group: must be day or week", error(badGroup));
        assertTrue(error(badFilter).startsWith("channel: must be a name such as email"), error(badFilter));
        assertTrue(error(unknown).startsWith("shop: unknown parameter"), error(unknown));
    }

    @Test
    void aWeeklyReportSumsTheStoredDaysPerWeekWithTotalsAndBreakdowns() throws Exception {
        // given
        saveFixtures();

        // when
        var response = get(shop.value(), "Bearer " + TOKEN, "application/json", Map.of("from", "2026-11-30", "to", "2026-12-08", "group", "week"));

        // then two weeks, the second clipped to the range
        assertEquals(200, response.getStatusCode(), response.getBody());
        assertEquals("application/json", response.getHeaders().get("Content-Type"));
        JsonNode report = JSON.readTree(response.getBody());
        assertEquals("week", report.get("group").asText());
        JsonNode periods = report.get("periods");
        assertEquals(2, periods.size());
        JsonNode first = periods.get(0);
        assertEquals("2026-11-30", first.get("from").asText());
        assertEquals("2026-12-06", first.get("to").asText());
        assertEquals("2026-12-07", periods.get(1).get("from").asText());
        assertEquals("2026-12-08", periods.get(1).get("to").asText());
        assertEquals(5, first.get("conversations").asLong());
        assertEquals(2, periods.get(1).get("conversations").asLong());
        // two days of one answer each: 10 and 30 minutes calendar (5 and 15 business); the median is the lower one, p90 the higher
        assertEquals(2, first.at("/first_response/calendar/count").asLong());
        assertEquals(seconds(Duration.ofMinutes(10)), first.at("/first_response/calendar/median_seconds").asLong());
        assertEquals(seconds(Duration.ofMinutes(30)), first.at("/first_response/calendar/p90_seconds").asLong());
        assertEquals(seconds(Duration.ofMinutes(5)), first.at("/first_response/business/median_seconds").asLong());
        assertTrue(first.at("/next_response/calendar/median_seconds").isNull(), "no next responses: null, never NaN");
        assertEquals(seconds(Duration.ofHours(3)), first.at("/resolution/calendar/median_seconds").asLong());
        JsonNode sla = first.at("/sla/standard/first_response");
        assertEquals(List.of(6L, 2L, 2L, 2L), List.of(sla.get("met").asLong(), sla.get("missed").asLong(), sla.get("warnings").asLong(),
                sla.get("breaches").asLong()));
        assertEquals(0.75, sla.get("attainment").asDouble());
        assertEquals(0.5, first.at("/first_contact_resolution/rate").asDouble());
        assertEquals(2, first.at("/automation/automated").asLong());
        assertEquals(0.4, first.at("/automation/rate").asDouble());
        assertEquals(List.of(4L, 2L), List.of(first.at("/wismo/answers").asLong(), first.at("/wismo/asks").asLong()));
        assertEquals(List.of(4L, 2L, 2L), List.of(first.at("/delay_notices/sent").asLong(), first.at("/delay_notices/contacts_prevented").asLong(),
                first.at("/delay_notices/contacts_anyway").asLong()));
        assertEquals(0.5, first.at("/delay_notices/prevention_rate").asDouble());
        assertEquals(4.5, first.at("/csat/average").asDouble());
        assertEquals(List.of(0L, 0L, 0L, 2L, 2L), List.of(1, 2, 3, 4, 5).stream().map(r -> first.at("/csat/distribution/" + r).asLong()).toList());
        assertEquals(4, first.at("/csat/responses").asLong());
        assertEquals(4, first.at("/csat/surveys_sent").asLong());
        assertEquals(1.0, first.at("/csat/response_rate").asDouble());
        // totals over the whole range, and the breakdowns with the most conversations first
        assertEquals(7, report.at("/totals/conversations").asLong());
        assertEquals("2026-11-30", report.at("/totals/from").asText());
        JsonNode channels = report.at("/breakdown/channel");
        assertEquals(List.of("email", "whatsapp"), List.of(channels.get(0).get("value").asText(), channels.get(1).get("value").asText()));
        assertEquals(6, channels.get(0).get("conversations").asLong());
        assertEquals(0.3333, channels.get(0).get("automation_rate").asDouble(), "2 of 6 email conversations answered by Promptly alone");
        assertEquals(1.0, channels.get(1).get("automation_rate").asDouble());
        assertEquals(0.75, channels.get(0).get("first_response_sla_attainment").asDouble());
        assertEquals(3, report.at("/breakdown/intent").size());
        assertEquals(List.of("de", "en"), List.of(report.at("/breakdown/language/0/value").asText(), report.at("/breakdown/language/1/value").asText()));
    }

    @Test
    void filtersNarrowEveryFigureAndAPeriodWithoutDataHasNullRates() throws Exception {
        saveFixtures();

        var response = get(shop.value(), "Bearer " + TOKEN, null, Map.of("from", "2026-12-01", "to", "2026-12-03", "channel", "whatsapp"));

        JsonNode report = JSON.readTree(response.getBody());
        assertEquals(200, response.getStatusCode(), response.getBody());
        assertEquals("whatsapp", report.at("/filters/channel").asText());
        assertEquals(List.of(0L, 1L, 0L), List.of(0, 1, 2).stream().map(i -> report.get("periods").get(i).get("conversations").asLong()).toList());
        JsonNode empty = report.get("periods").get(0);
        for (String pointer : List.of("/automation/rate", "/first_contact_resolution/rate", "/csat/average", "/csat/response_rate",
                "/delay_notices/prevention_rate", "/sla/standard/first_response/attainment", "/first_response/calendar/median_seconds")) {
            assertTrue(empty.at(pointer).isNull(), pointer + " of a day without data: " + empty.at(pointer));
        }
        assertEquals(1, report.at("/totals/conversations").asLong());
        assertEquals(1, report.at("/breakdown/channel").size());
    }

    @Test
    void withAcceptTextCsvTheReportIsCsvWithAHeaderAndOneRowPerPeriod() throws Exception {
        // given a day whose SLA policy name needs quoting in CSV
        kpis.save(DailyKpis.empty(shop, LocalDate.parse("2026-12-01")).plus(new KpiSlice("email", "de", "wismo"),
                counts(4, Duration.ofMinutes(10), "vip, \"gold\"")));

        // when
        var response = get(shop.value(), "Bearer " + TOKEN, "text/csv", Map.of("from", "2026-11-30", "to", "2026-12-02"));

        // then
        assertEquals(200, response.getStatusCode(), response.getBody());
        assertEquals("text/csv; charset=utf-8", response.getHeaders().get("Content-Type"));
        String csv = response.getBody();
        assertTrue(csv.endsWith("\r\n"));
        List<String> lines = List.of(csv.split("\r\n"));
        assertEquals(4, lines.size(), "a header and three days: " + csv);
        String header = lines.get(0);
        assertTrue(header.startsWith("from,to,conversations,first_response_calendar_count,first_response_calendar_median_seconds,"), header);
        assertTrue(header.contains(",\"sla_vip, \"\"gold\"\"_first_response_met\","), "quoted, quotes doubled: " + header);
        assertTrue(header.contains(",csat_distribution_5,"), header);
        assertTrue(lines.get(1).startsWith("2026-11-30,2026-11-30,0,0,,"), "an empty day: zero counts, empty undefined cells: " + lines.get(1));
        assertTrue(lines.get(2).startsWith("2026-12-01,2026-12-01,4,1,"), lines.get(2));
        assertFalse(csv.contains("NaN"));
        int columns = columns(header);
        for (String line : lines) {
            assertEquals(columns, columns(line), "every row has the header's columns: " + line);
        }
    }

    @Test
    void theSampleEventAsksTheLocalShopsReportAsCsv() throws Exception {
        JsonNode sample = JSON.readTree(java.nio.file.Files.readString(java.nio.file.Path.of("..", "..", "events", "conversation-events",
                "report-week.json")));

        assertEquals("GET /reports/{shop}", sample.get("routeKey").asText());
        assertEquals("demo-shop.myshopify.com", sample.at("/pathParameters/shop").asText());
        assertEquals("Bearer local-agent-token", sample.at("/headers/authorization").asText());
        assertEquals("text/csv", sample.at("/headers/accept").asText());
        assertEquals("week", sample.at("/queryStringParameters/group").asText());
    }

    /** Counts the fields of a CSV line, commas inside quotes not splitting. */
    private static int columns(String line) {
        int count = 1;
        boolean quoted = false;
        for (char c : line.toCharArray()) {
            if (c == '"') {
                quoted = !quoted;
            } else if (c == ',' && !quoted) {
                count++;
            }
        }
        return count;
    }

    @Test
    void aStreamInvocationOfARecordedReportRequestAnswersTheCsvAsTheTypedMethod() throws Exception {
        // Given stored days and a recorded GET for the week as CSV (header names as a client spells them)
        saveFixtures();
        byte[] event = new String(getClass().getResourceAsStream("/http-events/report-week-csv.json").readAllBytes(), StandardCharsets.UTF_8)
                .replace("{{shop}}", shop.value()).replace("{{token}}", TOKEN).getBytes(StandardCharsets.UTF_8);

        // When Lambda invokes the stream method, and the typed method gets the same request
        var out = new java.io.ByteArrayOutputStream();
        handler.handleRequest(new java.io.ByteArrayInputStream(event), out, null);
        var typed = handler.handleRequest(new ObjectMapper().configure(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
                .readValue(event, APIGatewayV2HTTPEvent.class), null);

        // Then the stream method answers the CSV, as the typed method does
        JsonNode answer = JSON.readTree(out.toByteArray());
        assertEquals(200, answer.path("statusCode").asInt(), answer.toString());
        assertTrue(answer.path("headers").path("Content-Type").asText().startsWith("text/csv"), answer.toString());
        var typedAnswer = new java.io.ByteArrayOutputStream();
        dev.promptly.edge.HttpEventCodec.write(typed, typedAnswer);
        assertEquals(JSON.readTree(typedAnswer.toByteArray()), answer);
    }
}
