package dev.promptly.shopify.admin;

import static dev.promptly.shopify.admin.GraphQlStandIn.orderNode;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.promptly.app.delay.DelayScan;
import dev.promptly.app.delay.DelayScanReport;
import dev.promptly.app.delay.GoodwillCodes;
import dev.promptly.app.port.GoodwillStore;
import dev.promptly.app.shopify.AdminOrderWriter;
import dev.promptly.aws.dynamodb.DynamoConversationStore;
import dev.promptly.aws.dynamodb.DynamoDelayStore;
import dev.promptly.aws.dynamodb.DynamoGoodwillStore;
import dev.promptly.aws.dynamodb.DynamoOrderStore;
import dev.promptly.aws.dynamodb.DynamoOutboxStore;
import dev.promptly.aws.dynamodb.PromptlyTable;
import dev.promptly.config.PromptlyConfig;
import dev.promptly.core.ShopDomain;
import dev.promptly.core.delay.DelayStage;
import dev.promptly.core.outbox.OutboxKind;
import dev.promptly.core.outbox.OutboxMessage;
import dev.promptly.dynamodblocal.EmbeddedDynamoDb;
import dev.promptly.log.JsonLog;
import dev.promptly.testing.FaultInjector;
import dev.promptly.testing.MovableClock;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Goodwill codes on delay notices end to end (issue 17): orders stored as the Admin API gives them, the
 * real delay scan over DynamoDB Local, the Admin API client against the GraphQL stand-in, which checks path,
 * version and token and answers {@code discountCodeBasicCreate} as Shopify documents it
 * (https://shopify.dev/docs/api/admin-graphql/latest/mutations/discountCodeBasicCreate): the created
 * {@code codeDiscountNode}, {@code userErrors} (e.g. {@code TAKEN} for a code the shop has), throttling.
 *
 * <p>The orders were placed Tuesday 1 December 2026; with two business days to ship they are late from
 * Friday 4 December; the scans run Monday 7 December, 09:00 in Berlin. Each order totals 59.90 EUR.
 */
class GoodwillCodesEndToEndTest {
    private static final String TABLE = "promptly-goodwill-test";
    private static final EmbeddedDynamoDb DYNAMO = EmbeddedDynamoDb.inMemory(List.of(PromptlyTable.createTableRequest(TABLE)));
    private static final ShopDomain SHOP = new ShopDomain(AdminTestConfig.SHOP);
    private static final String CREATED = """
            {"data":{"discountCodeBasicCreate":{"codeDiscountNode":{"id":"gid://shopify/DiscountCodeNode/%d"},"userErrors":[]}},
             "extensions":{"cost":{"requestedQueryCost":10,"actualQueryCost":10,
               "throttleStatus":{"maximumAvailable":2000.0,"currentlyAvailable":1990,"restoreRate":100.0}}}}""";
    private static final String TAKEN = """
            {"data":{"discountCodeBasicCreate":{"codeDiscountNode":null,
              "userErrors":[{"field":["basicCodeDiscount","code"],"code":"TAKEN","message":"Code must be unique. Please try a different code."}]}}}""";
    private static final String GOODWILL = """
            , "goodwill": {"stages": {"not_shipped": {"percentage": 10, "minimum_order_value": "20.00"},
                                      "carrier_exception": {"amount": "5.00"}},
               "valid_days": 30, "monthly_budget": {"max_codes": %d, "max_value": "%s"}, "on_api_failure": "%s"}""";

    private final FaultInjector faults = new FaultInjector();
    private final DynamoDbClient client = DYNAMO.newClient();
    private final MovableClock clock = new MovableClock(Instant.parse("2026-12-07T08:00:00Z"));
    private final ByteArrayOutputStream logged = new ByteArrayOutputStream();
    private final JsonLog log = new JsonLog("delay-scan", new PrintStream(logged, true, StandardCharsets.UTF_8), clock);
    private final DynamoOrderStore orders = new DynamoOrderStore(client, TABLE);
    private final DynamoGoodwillStore goodwill = new DynamoGoodwillStore(client, TABLE);
    private final DynamoOutboxStore outbox = new DynamoOutboxStore(client, TABLE);
    /** Codes Shopify has created, as the stand-in keeps them: code to the customer it is limited to. */
    private final Map<String, String> shopifyCodes = new ConcurrentHashMap<>();
    private final AtomicInteger discountIds = new AtomicInteger(100);
    private final List<Duration> pauses = new java.util.concurrent.CopyOnWriteArrayList<>();
    private GraphQlStandIn standIn;
    private PromptlyConfig config = configWith(100, "500.00", "send_without_code", "");

    @BeforeEach
    void start() throws Exception {
        DYNAMO.reset();
        standIn = new GraphQlStandIn(AdminTestConfig.TOKEN);
        standIn.answer(this::shopify);
    }

    @AfterEach
    void stop() {
        standIn.close();
        faults.clear();
    }

    private static PromptlyConfig configWith(int maxCodes, String maxValue, String onFailure, String delayNotices) {
        return AdminTestConfig.config(GOODWILL.formatted(maxCodes, maxValue, onFailure) + delayNotices);
    }

    /** Shopify as documented: a new code is created (once per shop: a code it has is TAKEN). */
    private GraphQlStandIn.Reply shopify(GraphQlStandIn.Call call) {
        JsonNode input = call.variables().path("basicCodeDiscount");
        String customer = input.path("context").path("customers").path("add").path(0).asText();
        if (shopifyCodes.putIfAbsent(input.path("code").asText(), customer) != null) {
            return GraphQlStandIn.Reply.ok(TAKEN);
        }
        return GraphQlStandIn.Reply.ok(CREATED.formatted(discountIds.incrementAndGet()));
    }

    private DelayScan scan(String codePrefix, DynamoDbClient delayClient, Duration callTimeout) {
        var graphQl = new AdminGraphQl(HttpClient.newHttpClient(), shop -> standIn.baseUri(), shop -> AdminTestConfig.TOKEN,
                callTimeout, Duration.ofSeconds(5), 3, clock, pauses::add);
        AtomicInteger n = new AtomicInteger();
        var codes = new GoodwillCodes(new ShopifyAdminClient(config, graphQl), goodwill, () -> codePrefix + n.incrementAndGet(), log);
        return DelayScan.standard(config, orders, new DynamoConversationStore(client, TABLE), new DynamoDelayStore(delayClient, TABLE),
                clock, log).withGoodwill(codes);
    }

    private DelayScan scan() {
        return scan("SORRY-TEST", client, Duration.ofSeconds(2));
    }

    /** A late, unshipped order of customer {@code 70xx} in {@code locale}, stored as the Admin API gives it. */
    private void lateOrder(String id, String locale) {
        String node = orderNode(id, "#" + id, "buyer" + id + "@example.com", "2026-12-01T10:00:00Z", "")
                .replace("\"customerLocale\":\"de\"", "\"customerLocale\":\"" + locale + "\"")
                .replace("\"legacyResourceId\":\"7001\"", "\"legacyResourceId\":\"70" + id + "\"");
        JsonNode parsed;
        try {
            parsed = GraphQlStandIn.JSON.readTree("[" + node + "]");
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
        new AdminOrderWriter(orders, clock).store(config.shop(SHOP).orElseThrow(), AdminOrders.orders(SHOP, parsed).get(0));
    }

    private List<OutboxMessage> outbox(OutboxKind kind) {
        return outbox.list(SHOP).stream().filter(m -> m.kind() == kind).toList();
    }

    private List<GraphQlStandIn.Call> discountCalls() {
        return standIn.calls().stream().filter(c -> c.query().contains("discountCodeBasicCreate")).toList();
    }

    @Test
    void aLateOrdersNoticeNamesACodeCreatedForItsCustomerAsShopifyDocuments() {
        lateOrder("11", "de");

        DelayScanReport report = scan().run(100, () -> true);

        GraphQlStandIn.Call call = discountCalls().get(0);
        assertTrue(call.query().contains("mutation PromptlyGoodwillCode($basicCodeDiscount: DiscountCodeBasicInput!)"), call.query());
        assertTrue(call.query().contains("discountCodeBasicCreate(basicCodeDiscount: $basicCodeDiscount)"), call.query());
        assertTrue(call.query().contains("userErrors { field code message }"), call.query());
        JsonNode input = call.variables().path("basicCodeDiscount");
        assertEquals("SORRY-TEST1", input.path("code").asText());
        assertEquals("gid://shopify/Customer/7011", input.path("context").path("customers").path("add").get(0).asText());
        assertEquals(1, input.path("context").path("customers").path("add").size(), "limited to the order's customer alone");
        assertEquals(1, input.path("usageLimit").asInt());
        assertTrue(input.path("appliesOncePerCustomer").asBoolean());
        assertEquals("2026-12-07T08:00:00Z", input.path("startsAt").asText());
        assertEquals("2027-01-06T08:00:00Z", input.path("endsAt").asText(), "valid 30 days");
        assertEquals(0.1, input.path("customerGets").path("value").path("percentage").asDouble());
        assertEquals("20.00", input.path("minimumRequirement").path("subtotal").path("greaterThanOrEqualToSubtotal").asText());
        OutboxMessage notice = outbox(OutboxKind.DELAY_NOTICE).get(0);
        assertTrue(notice.text().contains("schenken wir Ihnen 10 % Rabatt auf Ihre nächste Bestellung ab 20,00 EUR, mit dem Code: SORRY-TEST1\n"
                + "Er gilt einmal, bis Mittwoch, 6. Januar 2027."), notice.text());
        assertTrue(notice.html().contains("<strong>SORRY-TEST1</strong>"), notice.html());
        GoodwillStore.GoodwillCode stored = goodwill.find(SHOP, "11", DelayStage.NOT_SHIPPED).orElseThrow();
        assertEquals(GoodwillStore.State.CREATED, stored.state());
        assertEquals("gid://shopify/DiscountCodeNode/101", stored.discountId());
        assertEquals(1, report.goodwill().codes());
        var budget = report.goodwill().budgets().get(0);
        assertEquals("2026-12", budget.month());
        assertEquals(1, budget.usedCodes());
        assertEquals(0, new BigDecimal("5.99").compareTo(budget.usedValue()), "10 % of the late order's 59.90 EUR");
        assertFalse(logged.toString(StandardCharsets.UTF_8).contains("SORRY-TEST1"), "codes stay out of the logs");
    }

    @Test
    void anEnglishNoticeNamesTheCodeInEnglish() {
        lateOrder("12", "en");

        scan().run(100, () -> true);

        OutboxMessage notice = outbox(OutboxKind.DELAY_NOTICE).get(0);
        assertTrue(notice.text().contains("here is a code for 10% off your next order of 20.00 EUR or more: SORRY-TEST1\n"
                + "It can be used once, until Wednesday, 6 January 2027."), notice.text());
    }

    @Test
    void aNoticeWhoseDecisionFailedAfterItsCodeWasCreatedNamesTheSameCodeNextRunWithoutASecondCall() {
        lateOrder("11", "de");
        DynamoDbClient faulty = DYNAMO.clientBuilder().overrideConfiguration(c -> c.addExecutionInterceptor(faults)).build();
        faults.failNext("TransactWriteItems", FaultInjector.Phase.BEFORE);

        DelayScanReport failed = scan("SORRY-TEST", faulty, Duration.ofSeconds(2)).run(100, () -> true);
        clock.advance(Duration.ofMinutes(15));
        DelayScanReport retried = scan("SORRY-OTHER", faulty, Duration.ofSeconds(2)).run(100, () -> true);

        assertEquals(1, failed.failed());
        assertEquals(1, retried.notices());
        assertEquals(1, discountCalls().size(), "the code recorded as created is reused");
        assertTrue(outbox(OutboxKind.DELAY_NOTICE).get(0).text().contains("SORRY-TEST1"));
        assertEquals(1, goodwill.used(SHOP, "2026-12").codes());
    }

    @Test
    void aCodeWhoseAnswerWasLostIsAskedForAgainWithTheSameCodeAndNotCreatedTwice() {
        config = configWith(100, "500.00", "wait", "");
        lateOrder("11", "de");
        // Shopify creates the code, but its answer comes after the client gave up.
        standIn.answer(call -> {
            GraphQlStandIn.Reply reply = shopify(call);
            return new GraphQlStandIn.Reply(reply.status(), reply.body(), null, discountCalls().size() == 1 ? 1500 : 0);
        });

        DelayScanReport lost = scan("SORRY-TEST", client, Duration.ofMillis(300)).run(100, () -> true);
        clock.advance(Duration.ofMinutes(15));
        DelayScanReport retried = scan("SORRY-OTHER", client, Duration.ofMillis(300)).run(100, () -> true);

        assertEquals(1, lost.goodwill().waiting(), "the notice waits for its code");
        assertEquals(1, retried.goodwill().codes());
        assertEquals(List.of("SORRY-TEST1", "SORRY-TEST1"), discountCalls().stream()
                .map(c -> c.variables().path("basicCodeDiscount").path("code").asText()).toList());
        assertEquals(Set.of("SORRY-TEST1"), shopifyCodes.keySet(), "Shopify has one code");
        assertTrue(outbox(OutboxKind.DELAY_NOTICE).get(0).text().contains("SORRY-TEST1"));
        assertEquals(GoodwillStore.State.CREATED, goodwill.find(SHOP, "11", DelayStage.NOT_SHIPPED).orElseThrow().state());
    }

    @Test
    void twoConcurrentScansCreateOneCodePerOrderAndNeverPassTheMonthlyBudget() throws Exception {
        config = configWith(3, "500.00", "send_without_code", "");
        for (int i = 11; i <= 16; i++) {
            lateOrder(Integer.toString(i), "de");
        }
        standIn.answer(call -> {
            GraphQlStandIn.Reply reply = shopify(call);
            return new GraphQlStandIn.Reply(reply.status(), reply.body(), null, 50);
        });
        DelayScan first = scan("SORRY-A", client, Duration.ofSeconds(2));
        DelayScan second = scan("SORRY-B", client, Duration.ofSeconds(2));
        ExecutorService pool = Executors.newFixedThreadPool(2);
        CountDownLatch go = new CountDownLatch(1);

        List<Future<DelayScanReport>> runs = new ArrayList<>();
        for (DelayScan scan : List.of(first, second)) {
            runs.add(pool.submit(() -> {
                go.await();
                return scan.run(100, () -> true);
            }));
        }
        go.countDown();
        for (Future<DelayScanReport> run : runs) {
            run.get();
        }
        pool.shutdown();
        clock.advance(Duration.ofMinutes(15));
        scan("SORRY-C", client, Duration.ofSeconds(2)).run(100, () -> true);

        List<OutboxMessage> notices = outbox(OutboxKind.DELAY_NOTICE);
        assertEquals(6, notices.size(), "one notice per order");
        assertEquals(6, notices.stream().map(OutboxMessage::orderId).distinct().count());
        assertEquals(3, notices.stream().filter(n -> n.text().contains("mit dem Code")).count(), "the budget holds three codes");
        assertEquals(3, shopifyCodes.size(), "Shopify was asked for three codes, no more");
        assertEquals(3, goodwill.used(SHOP, "2026-12").codes());
    }

    @Test
    void theValueBudgetStopsCodesBeforeTheCountDoes() {
        config = configWith(100, "12.00", "send_without_code", "");
        lateOrder("11", "de");
        lateOrder("12", "de");
        lateOrder("13", "de");

        DelayScanReport report = scan().run(100, () -> true);

        assertEquals(2, report.goodwill().codes(), "two codes of 5.99 fit into 12.00, a third does not");
        assertEquals(1, report.goodwill().overBudget());
        assertEquals(3, report.notices());
        assertEquals(0, new BigDecimal("11.98").compareTo(goodwill.used(SHOP, "2026-12").value()));
    }

    @Test
    void noticesHeldByTheCircuitBreakerGetNoCode() {
        config = configWith(100, "500.00", "send_without_code", ", \"delay_notices\": {\"circuit_breaker\": {\"max_notices\": 1}}");
        lateOrder("11", "de");
        lateOrder("12", "de");

        DelayScanReport report = scan().run(100, () -> true);

        assertEquals(2, report.heldByBreaker());
        assertTrue(discountCalls().isEmpty(), "no code is created for a held notice");
        assertTrue(goodwill.find(SHOP, "11", DelayStage.NOT_SHIPPED).isEmpty());
        assertEquals(0, goodwill.used(SHOP, "2026-12").codes());
        assertTrue(outbox(OutboxKind.DELAY_NOTICE).isEmpty());
    }

    @Test
    void whenShopifyFailsTheNoticeGoesWithoutACodeAndTheTeamIsToldOnce() {
        lateOrder("11", "de");
        standIn.answer(call -> new GraphQlStandIn.Reply(503, "{\"errors\":\"Service Unavailable\"}", null, 0));

        DelayScanReport report = scan().run(100, () -> true);

        assertEquals(1, report.notices());
        assertEquals(1, report.goodwill().withoutCode());
        assertFalse(outbox(OutboxKind.DELAY_NOTICE).get(0).text().contains("Code"));
        List<OutboxMessage> notes = outbox(OutboxKind.NOTE);
        assertEquals(1, notes.size());
        assertEquals("support@shop.example", notes.get(0).to());
        assertEquals("[Promptly] Goodwill code not created for order #11", notes.get(0).subject());
        assertTrue(notes.get(0).text().contains("HTTP 503"), notes.get(0).text());
        assertEquals(GoodwillStore.State.FAILED, goodwill.find(SHOP, "11", DelayStage.NOT_SHIPPED).orElseThrow().state());
        assertEquals(0, goodwill.used(SHOP, "2026-12").codes(), "the budget is given back");
    }

    @Test
    void userErrorsLeaveTheNoticeWithoutACodeAndNameTheErrorCodeToTheTeam() {
        lateOrder("11", "de");
        standIn.answer(call -> GraphQlStandIn.Reply.ok("""
                {"data":{"discountCodeBasicCreate":{"codeDiscountNode":null,
                  "userErrors":[{"field":["basicCodeDiscount","context","customers","add"],"code":"INVALID","message":"Customer does not exist"}]}}}"""));

        scan().run(100, () -> true);

        assertEquals(1, outbox(OutboxKind.DELAY_NOTICE).size());
        assertTrue(outbox(OutboxKind.NOTE).get(0).text().contains("user errors [INVALID]"), outbox(OutboxKind.NOTE).get(0).text());
    }

    @Test
    void aWrongTokenIsRefusedByTheStandInAndTreatedAsAFailure() {
        lateOrder("11", "de");
        var graphQl = new AdminGraphQl(HttpClient.newHttpClient(), shop -> standIn.baseUri(), shop -> "shpat_wrong",
                Duration.ofSeconds(2), Duration.ofSeconds(1), 2, clock, pauses::add);
        var codes = new GoodwillCodes(new ShopifyAdminClient(config, graphQl), goodwill, () -> "SORRY-X", log);
        DelayScan scan = DelayScan.standard(config, orders, new DynamoConversationStore(client, TABLE), new DynamoDelayStore(client, TABLE),
                clock, log).withGoodwill(codes);

        scan.run(100, () -> true);

        assertTrue(standIn.calls().isEmpty(), "the stand-in accepted no call without the shop's X-Shopify-Access-Token");
        assertTrue(outbox(OutboxKind.NOTE).get(0).text().contains("HTTP 401"), outbox(OutboxKind.NOTE).get(0).text());
        assertEquals(1, outbox(OutboxKind.DELAY_NOTICE).size());
    }

    @Test
    void withWaitingTheNoticeWaitsForItsCodeADayAtMostAndTheTeamIsToldOnce() {
        config = configWith(100, "500.00", "wait", "");
        lateOrder("11", "de");
        standIn.answer(call -> new GraphQlStandIn.Reply(502, "{\"errors\":\"Bad Gateway\"}", null, 0));

        DelayScanReport first = scan().run(100, () -> true);
        clock.advance(Duration.ofMinutes(15));
        DelayScanReport second = scan().run(100, () -> true);
        clock.advance(Duration.ofHours(24));
        DelayScanReport last = scan().run(100, () -> true);

        assertEquals(1, first.goodwill().waiting());
        assertEquals(0, first.notices());
        assertEquals(1, second.goodwill().waiting());
        assertEquals(1, last.notices());
        assertEquals(1, last.goodwill().withoutCode());
        assertEquals(1, outbox(OutboxKind.NOTE).size(), "one note per order and stage");
        assertTrue(outbox(OutboxKind.NOTE).get(0).text().contains("waits for the code"), outbox(OutboxKind.NOTE).get(0).text());
        assertEquals(Set.of("SORRY-TEST1"), discountCalls().stream().map(c -> c.variables().path("basicCodeDiscount").path("code").asText())
                .collect(java.util.stream.Collectors.toSet()), "every attempt asks for the same code");
        assertEquals(0, goodwill.used(SHOP, "2026-12").codes());
    }

    @Test
    void aThrottledCallWaitsForTheBucketAndThenCreatesTheCode() {
        lateOrder("11", "de");
        AtomicInteger calls = new AtomicInteger();
        Function<GraphQlStandIn.Call, GraphQlStandIn.Reply> throttledOnce = call -> calls.incrementAndGet() == 1
                ? GraphQlStandIn.Reply.ok(GraphQlStandIn.throttledAnswer(10, 0, 100.0)) : shopify(call);
        standIn.answer(throttledOnce::apply);

        DelayScanReport report = scan().run(100, () -> true);

        assertEquals(List.of(Duration.ofMillis(100)), pauses, "(10 requested - 0 available) / 100 per second");
        assertEquals(1, report.goodwill().codes());
        assertEquals(Set.of("SORRY-TEST1"), shopifyCodes.keySet());
    }

    @Test
    void aStageWithoutACodeAndAShopWithoutAdminAccessSendTheNoticeAsBefore() {
        config = AdminTestConfig.config();
        lateOrder("11", "de");

        DelayScanReport report = scan().run(100, () -> true);

        assertEquals(1, report.notices());
        assertTrue(discountCalls().isEmpty());
        assertTrue(report.goodwill().budgets().isEmpty(), "no budget for a shop without codes");
        assertFalse(outbox(OutboxKind.DELAY_NOTICE).get(0).text().contains("Code"));
    }

    @Test
    void aCodeAnotherDiscountHasOnTheFirstAttemptIsNeverTakenForOurs() {
        config = configWith(100, "500.00", "wait", "");
        lateOrder("11", "de");
        shopifyCodes.put("SORRY-TEST1", "gid://shopify/Customer/1");

        DelayScanReport report = scan().run(100, () -> true);

        assertEquals(1, report.notices(), "even with waiting on, the notice goes at once: asking again would meet the same code");
        assertEquals(1, report.goodwill().withoutCode());
        assertFalse(outbox(OutboxKind.DELAY_NOTICE).get(0).text().contains("SORRY-TEST1"));
        assertTrue(outbox(OutboxKind.NOTE).get(0).text().contains("code_taken"), outbox(OutboxKind.NOTE).get(0).text());
        assertEquals(GoodwillStore.State.FAILED, goodwill.find(SHOP, "11", DelayStage.NOT_SHIPPED).orElseThrow().state());
    }
}
