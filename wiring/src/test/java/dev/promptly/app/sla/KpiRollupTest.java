package dev.promptly.app.sla;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.promptly.app.kpi.KpiRollup;
import dev.promptly.aws.dynamodb.CsatItem;
import dev.promptly.aws.dynamodb.DynamoCsatStore;
import dev.promptly.aws.dynamodb.DynamoKpiSources;
import dev.promptly.aws.dynamodb.DynamoKpiStore;
import dev.promptly.aws.dynamodb.DynamoOrderStore;
import dev.promptly.aws.dynamodb.OutboxItem;
import dev.promptly.aws.dynamodb.PromptlyTable;
import dev.promptly.core.ShopDomain;
import dev.promptly.core.error.InvalidInputException;
import dev.promptly.core.error.UnknownShopException;
import dev.promptly.core.kpi.CsatTally;
import dev.promptly.core.kpi.DailyKpis;
import dev.promptly.core.kpi.KpiCounts;
import dev.promptly.core.kpi.KpiSlice;
import dev.promptly.core.kpi.ResponseTimes;
import dev.promptly.core.kpi.SlaAttainment;
import dev.promptly.core.message.Channel;
import dev.promptly.core.message.Conversation;
import dev.promptly.core.message.ConversationId;
import dev.promptly.core.message.InboundMessage;
import dev.promptly.core.message.Sender;
import dev.promptly.log.JsonLog;
import dev.promptly.testing.MovableClock;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The KPI rollup ({@link KpiRollup}) over the real stores in DynamoDB Local: conversations written by the message intake
 * and the agent activity use case, a fresh shop per test (Europe/Berlin, weekdays 09:00–18:00), a clock the test moves.
 */
class KpiRollupTest {
    /** The intake, the agent activity use case and the stores of the SLA tests, with a policy for every clock. */
    private final SlaTestSystem system = new SlaTestSystem("""
            {"first_response": "PT4H", "policies": [
               {"name": "standard", "first_response": "PT4H", "next_response": "PT4H", "resolution": "P2D"}]}""");
    private final ShopDomain shop = system.shop;
    private final MovableClock clock = system.clock;
    private final ByteArrayOutputStream logs = system.logs;
    private final List<String> kpiReads = new CopyOnWriteArrayList<>();
    /** The KPI store on a client that notes each request, to count what reading a month costs. */
    private final DynamoKpiStore kpis = new DynamoKpiStore(SlaTestSystem.DYNAMO.clientBuilder().overrideConfiguration(c -> c.addExecutionInterceptor(
            new ExecutionInterceptor() {
                @Override
                public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
                    kpiReads.add(attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME));
                }
            })).build(), SlaTestSystem.TABLE, clock);
    private final KpiRollup rollup = new KpiRollup(system.config, system.conversations, system.sla,
            new DynamoKpiSources(system.client, SlaTestSystem.TABLE), new DynamoCsatStore(system.client, SlaTestSystem.TABLE),
            new DynamoOrderStore(system.client, SlaTestSystem.TABLE), kpis,
            new JsonLog("kpi-rollup", new PrintStream(logs, true, StandardCharsets.UTF_8), clock));

    private static Instant berlin(String local) {
        return SlaTestSystem.berlin(local);
    }

    private ConversationId message(String messageId) {
        return system.message(messageId);
    }

    private void team(ConversationId id, String type) {
        system.agents.record(null, "Bearer " + SlaTestSystem.TOKEN, id.ticket(), ("{\"type\": \"" + type + "\"}").getBytes(StandardCharsets.UTF_8));
    }

    private Conversation conversation(ConversationId id) {
        return system.conversations.load(shop, id).orElseThrow().conversation();
    }

    private String storedDoc(LocalDate day) {
        return system.client.getItem(r -> r.tableName(SlaTestSystem.TABLE).key(Map.of(PromptlyTable.PK, AttributeValue.fromS(shop.value()),
                PromptlyTable.SK, AttributeValue.fromS("KPIDAY#" + day))).consistentRead(true)).item().get("doc").s();
    }

    @Test
    void aDayOfScriptedConversationsIsStoredWithItsExactKpisAndARerunStoresTheSameItem() {
        // Wednesday: Anna writes at 10:00, the team answers at 11:00 and solves at 12:00; she rates it 5.
        var answered = message("m1");
        clock.set(berlin("2026-11-25T11:00"));
        team(answered, "agent_replied");
        clock.set(berlin("2026-11-25T12:00"));
        team(answered, "solved");
        DynamoDbEnhancedClient.builder().dynamoDbClient(system.client).build().table(SlaTestSystem.TABLE, CsatItem.SCHEMA).putItem(new CsatItem(shop.value(),
                "CSAT#" + answered.value(), answered.value(), berlin("2026-11-25T13:00").toString(), 5, berlin("2026-11-25T14:00").toString(),
                null, 2_000_000_000L));
        // At 14:00 another conversation opens that only the acknowledgement ever answers.
        clock.set(berlin("2026-11-25T14:00"));
        var alone = message("m2");
        // Thursday's conversation counts on Thursday.
        clock.set(berlin("2026-11-26T09:30"));
        message("m3");
        clock.set(berlin("2026-12-03T12:00"));

        KpiRollup.DayReport report = rollup.rollup(shop, LocalDate.parse("2026-11-25"), clock.instant());
        String first = storedDoc(LocalDate.parse("2026-11-25"));
        rollup.rollup(shop, LocalDate.parse("2026-11-25"), clock.instant());

        assertEquals(new KpiRollup.DayReport(shop, LocalDate.parse("2026-11-25"), 2, 0, false), report);
        assertEquals(first, storedDoc(LocalDate.parse("2026-11-25")), "a rerun stores the same day");
        var slice = new KpiSlice("chat", conversation(answered).language(), conversation(answered).intent());
        assertEquals(conversation(alone).intent(), slice.intent());
        var expected = DailyKpis.empty(shop, LocalDate.parse("2026-11-25")).plus(slice, new KpiCounts(2,
                ResponseTimes.NONE.with(Duration.ofHours(1), Duration.ofHours(1)), ResponseTimes.NONE,
                ResponseTimes.NONE.with(Duration.ofHours(2), Duration.ofHours(2)),
                Map.of("standard/first_response", new SlaAttainment(1, 1, 0, 0), "standard/resolution", new SlaAttainment(1, 1, 0, 0)),
                1, 1, 1, 0, 0, 0, 0, 0, new CsatTally(1, List.of(0L, 0L, 0L, 0L, 1L))));
        assertEquals(List.of(expected), kpis.days(shop, LocalDate.parse("2026-11-25"), LocalDate.parse("2026-11-25")));
        assertTrue(logs.toString(StandardCharsets.UTF_8).lines().noneMatch(l -> l.contains("anna") || l.contains("Gutschein")),
                "no personal data in the log");
    }

    /** A delay notice as the sender leaves it: written at {@code createdAt} (UTC), sent at {@code sentAt}. */
    private void sentDelayNotice(String orderId, String channel, String createdAt, String sentAt) {
        String id = createdAt.replace("-", "").replace(":", "").replace("Z", ".000Z") + "-" + orderId + "-delay_notice";
        DynamoDbEnhancedClient.builder().dynamoDbClient(system.client).build().table(SlaTestSystem.TABLE, OutboxItem.SCHEMA).putItem(
                new OutboxItem(shop.value(), "OUTBOX#" + id, "delay_notice", "sent", channel, createdAt, 1, null, orderId, null, null, null,
                        sentAt, null, null, "{}", 2_000_000_000L));
    }

    @Test
    void aDelayNoticeCountsOnItsSendingDayAsPreventedOrAnywayByWhatTheCustomerWroteAboutTheOrder() throws Exception {
        // Anna's order #1001 (customer locale en-GB) is late; she is told by mail, another customer over WhatsApp.
        var body = (com.fasterxml.jackson.databind.node.ObjectNode) new com.fasterxml.jackson.databind.ObjectMapper().readTree(
                java.nio.file.Files.readString(java.nio.file.Path.of("..", "events", "shopify-bodies", "orders-create.json")));
        body.put("customer_locale", "en-GB");
        var order = dev.promptly.core.shopify.ShopifyPayloads.order(shop, body);
        new DynamoOrderStore(system.client, SlaTestSystem.TABLE).write(shop, new DynamoOrderStore.Receipt("w1", "orders/create", "applied",
                clock.instant()), java.util.Optional.of(order), java.util.Optional.empty(), 365, null);
        sentDelayNotice(order.orderId(), "email", "2026-11-24T22:00:00Z", "2026-11-25T07:00:00Z");
        sentDelayNotice("5009999", "whatsapp", "2026-11-25T08:00:00Z", "2026-11-25T08:00:02Z");
        // Two days later Anna writes about #1001 anyway.
        clock.set(berlin("2026-11-27T10:00"));
        var asked = system.intake.accept(new InboundMessage(shop, Channel.EMAIL, "late-1", new Sender("Anna Beispiel", "anna.beispiel@example.com",
                null), "Bestellung #1001", "Hallo, wo bleibt Bestellung #1001?", List.of(), null, clock.instant(), Map.of(), null, List.of(),
                false)).conversation();
        clock.set(berlin("2026-12-03T12:00"));

        KpiRollup.DayReport report = rollup.rollup(shop, LocalDate.parse("2026-11-25"), clock.instant());

        assertEquals(order.orderId(), system.conversations.load(shop, asked).orElseThrow().conversation().orderId());
        assertEquals(2, report.notices());
        DailyKpis day = kpis.days(shop, LocalDate.parse("2026-11-25"), LocalDate.parse("2026-11-25")).get(0);
        KpiCounts mail = day.slices().get(new KpiSlice("email", "en", null));
        KpiCounts whatsapp = day.slices().get(new KpiSlice("whatsapp", "de", null));
        assertEquals(List.of(1L, 0L, 1L), List.of(mail.delayNotices(), mail.contactsPrevented(), mail.contactsAnyway()));
        assertEquals(List.of(1L, 1L, 0L), List.of(whatsapp.delayNotices(), whatsapp.contactsPrevented(), whatsapp.contactsAnyway()),
                "an order Promptly does not know is told in the shop's first language");
    }

    @Test
    void aMonthRecomputedIsReadBackWithOneQueryOfAtMost31Items() {
        message("m1");
        clock.set(berlin("2026-12-07T09:00"));

        KpiRollup.RunReport report = rollup.recompute(shop, LocalDate.parse("2026-11-01"), LocalDate.parse("2026-11-30"), clock.instant(),
                () -> true);
        kpiReads.clear();
        List<DailyKpis> month = kpis.days(shop, LocalDate.parse("2026-11-01"), LocalDate.parse("2026-11-30"));

        assertEquals(30, report.days());
        assertEquals(1, report.conversations());
        assertEquals(30, month.size());
        assertEquals(List.of("Query"), kpiReads);
        assertEquals(1, month.stream().mapToLong(d -> d.total().conversations()).sum());
    }

    @Test
    void theScheduledRunRecomputesTodayAndTheEightDaysBeforeInTheShopsZone() {
        clock.set(berlin("2026-12-07T00:30"));

        KpiRollup.RunReport report = rollup.run(clock.instant(), () -> true);

        assertEquals(9, report.days());
        List<DailyKpis> stored = kpis.days(shop, LocalDate.parse("2026-11-01"), LocalDate.parse("2026-12-31"));
        assertEquals(LocalDate.parse("2026-11-29"), stored.get(0).day());
        assertEquals(LocalDate.parse("2026-12-07"), stored.get(stored.size() - 1).day(), "already Monday in Berlin, still Sunday in UTC");
    }

    @Test
    void theScheduledRunReadsTheNineDaysOpeningsAndNoticesWithOneQueryEachAndStoresInOneBatchWhatDayByDayRollupsStore() {
        message("m1");
        clock.set(berlin("2026-11-27T09:30"));
        message("m2");
        clock.set(berlin("2026-12-01T12:00"));
        List<String> sourceReads = new CopyOnWriteArrayList<>();
        var counted = new KpiRollup(system.config, system.conversations, system.sla, new DynamoKpiSources(
                SlaTestSystem.DYNAMO.clientBuilder().overrideConfiguration(c -> c.addExecutionInterceptor(new ExecutionInterceptor() {
                    @Override
                    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
                        sourceReads.add(attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME));
                    }
                })).build(), SlaTestSystem.TABLE), new DynamoCsatStore(system.client, SlaTestSystem.TABLE),
                new DynamoOrderStore(system.client, SlaTestSystem.TABLE), kpis, new JsonLog("kpi-rollup", new PrintStream(logs, true,
                StandardCharsets.UTF_8), clock));

        kpiReads.clear();
        KpiRollup.RunReport report = counted.run(clock.instant(), () -> true);
        List<String> writes = List.copyOf(kpiReads);
        List<String> docs = LocalDate.parse("2026-11-23").datesUntil(LocalDate.parse("2026-12-02")).map(this::storedDoc).toList();
        LocalDate.parse("2026-11-23").datesUntil(LocalDate.parse("2026-12-02")).forEach(day -> rollup.rollup(shop, day, clock.instant()));

        assertEquals(List.of(9, 2), List.of(report.days(), report.conversations()));
        // The openings and the notices of the nine days, then each conversation's alert stages (not 9 + 9 + 2).
        assertEquals(List.of("Query", "Query", "Query", "Query"), sourceReads);
        assertEquals(List.of("BatchWriteItem"), writes, "the nine days stored in one request (not nine PutItems)");
        assertEquals(docs, LocalDate.parse("2026-11-23").datesUntil(LocalDate.parse("2026-12-02")).map(this::storedDoc).toList(),
                "each day as a rollup of that day alone stores it");
    }

    @Test
    void aRunOutOfTimeLeavesTheRestForTheNextRunAndSaysSo() {
        var calls = new int[1];

        KpiRollup.RunReport report = rollup.run(clock.instant(), () -> calls[0]++ < 3);

        assertEquals(3, report.days());
        assertEquals(6, report.daysLeft());
        assertTrue(logs.toString(StandardCharsets.UTF_8).contains("\"event\":\"kpi_rollup.run_capped\""), logs.toString(StandardCharsets.UTF_8));
    }

    @Test
    void aRangeTooLongReversedInTheFutureOrOfAnUnknownShopIsRefusedAndStoresNothing() {
        Instant now = clock.instant();

        var tooLong = assertThrows(InvalidInputException.class,
                () -> rollup.recompute(shop, LocalDate.parse("2025-01-01"), LocalDate.parse("2026-02-05"), now, () -> true));
        assertThrows(InvalidInputException.class,
                () -> rollup.recompute(shop, LocalDate.parse("2026-11-20"), LocalDate.parse("2026-11-10"), now, () -> true));
        assertThrows(InvalidInputException.class,
                () -> rollup.recompute(shop, LocalDate.parse("2026-11-20"), LocalDate.parse("2026-11-26"), now, () -> true));
        assertThrows(UnknownShopException.class, () -> rollup.recompute(new ShopDomain("stranger.myshopify.com"),
                LocalDate.parse("2026-11-20"), LocalDate.parse("2026-11-21"), now, () -> true));

        assertEquals("kpi_rollup.to: a range spans at most 400 days", tooLong.getMessage());
        assertEquals(List.of(), kpis.days(shop, LocalDate.parse("2025-01-01"), LocalDate.parse("2026-12-31")));
    }
}
