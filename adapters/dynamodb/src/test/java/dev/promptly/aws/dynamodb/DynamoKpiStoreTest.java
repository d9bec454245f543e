package dev.promptly.aws.dynamodb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.promptly.core.ShopDomain;
import dev.promptly.core.kpi.CsatTally;
import dev.promptly.core.kpi.DailyKpis;
import dev.promptly.core.kpi.KpiCounts;
import dev.promptly.core.kpi.KpiSlice;
import dev.promptly.core.kpi.ResponseTimes;
import dev.promptly.core.kpi.SlaAttainment;
import dev.promptly.dynamodblocal.EmbeddedDynamoDb;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkResponse;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;

/** KPI days against DynamoDB Local: what is saved reads back whole, a range reads only its days, a save replaces. */
class DynamoKpiStoreTest {
    private static final String TABLE = "promptly-kpi-store-test";
    private static final EmbeddedDynamoDb DYNAMO = EmbeddedDynamoDb.inMemory(List.of(PromptlyTable.createTableRequest(TABLE)));

    private final DynamoKpiStore store = new DynamoKpiStore(DYNAMO.newClient(), TABLE,
            Clock.fixed(Instant.parse("2026-12-08T01:00:00Z"), ZoneOffset.UTC));
    private final ShopDomain shop = new ShopDomain("kpi-store.myshopify.com");

    private static KpiCounts counts(long conversations) {
        return new KpiCounts(conversations, ResponseTimes.NONE.with(Duration.ofMinutes(12), Duration.ofMinutes(7)), ResponseTimes.NONE,
                ResponseTimes.NONE.with(Duration.ofHours(5), Duration.ofHours(2)),
                Map.of("vip/first_response", new SlaAttainment(conversations, 1, 2, 1)), 3, 2, 1, 4, 1, 6, 4, 1,
                CsatTally.NONE.withSurveySent().withSurveySent().withRating(5));
    }

    @Test
    void aSavedDayReadsBackWithEverySliceAndCount() {
        var ownShop = new ShopDomain("kpi-store-roundtrip.myshopify.com");
        var day = DailyKpis.empty(ownShop, LocalDate.parse("2026-12-07")).plus(new KpiSlice("email", "de", "wismo"), counts(5))
                .plus(new KpiSlice("whatsapp", "en", null), counts(2));

        store.save(day);

        assertEquals(List.of(day), store.days(ownShop, LocalDate.parse("2026-12-01"), LocalDate.parse("2026-12-31")));
    }

    @Test
    void aRangeReadsOnlyItsOwnDaysOfItsOwnShopAndASaveReplacesTheDay() {
        for (String date : List.of("2026-11-30", "2026-12-01", "2026-12-02", "2026-12-03")) {
            store.save(DailyKpis.empty(shop, LocalDate.parse(date)).plus(new KpiSlice("email", "en", "other"), counts(1)));
        }
        store.save(DailyKpis.empty(new ShopDomain("other-shop.myshopify.com"), LocalDate.parse("2026-12-02"))
                .plus(new KpiSlice("email", "en", "other"), counts(9)));
        var recomputed = DailyKpis.empty(shop, LocalDate.parse("2026-12-02")).plus(new KpiSlice("email", "en", "other"), counts(7));
        store.save(recomputed);

        List<DailyKpis> days = store.days(shop, LocalDate.parse("2026-12-01"), LocalDate.parse("2026-12-02"));

        assertEquals(List.of(LocalDate.parse("2026-12-01"), LocalDate.parse("2026-12-02")), days.stream().map(DailyKpis::day).toList());
        assertEquals(7, days.get(1).total().conversations(), "the later save replaced the day");
    }

    /**
     * A store on a client that notes each BatchWriteItem's number of puts and answers the first {@code unprocessedAnswers}
     * of them as DynamoDB answers a throttled table: every put back as unprocessed (they were written all the same, and
     * a put sent again replaces its day with the same item).
     */
    private static DynamoKpiStore throttled(List<Integer> putsPerRequest, int unprocessedAnswers) {
        return new DynamoKpiStore(DYNAMO.clientBuilder().overrideConfiguration(c -> c.addExecutionInterceptor(new ExecutionInterceptor() {
            @Override
            public SdkResponse modifyResponse(Context.ModifyResponse context, ExecutionAttributes attributes) {
                if (!(context.request() instanceof BatchWriteItemRequest request)) {
                    return context.response();
                }
                putsPerRequest.add(request.requestItems().values().stream().mapToInt(List::size).sum());
                return putsPerRequest.size() <= unprocessedAnswers
                        ? ((BatchWriteItemResponse) context.response()).toBuilder().unprocessedItems(request.requestItems()).build()
                        : context.response();
            }
        })).build(), TABLE, Clock.fixed(Instant.parse("2026-12-08T01:00:00Z"), ZoneOffset.UTC));
    }

    private static List<DailyKpis> month(ShopDomain shop) {
        List<DailyKpis> days = new ArrayList<>();
        LocalDate.parse("2026-11-01").datesUntil(LocalDate.parse("2026-12-01"))
                .forEach(day -> days.add(DailyKpis.empty(shop, day).plus(new KpiSlice("email", "en", "other"), counts(day.getDayOfMonth()))));
        return days;
    }

    @Test
    void daysSavedTogetherGoInBatchesOf25AndReadBackAsSavedOneByOne() {
        var ownShop = new ShopDomain("kpi-store-batches.myshopify.com");
        List<Integer> puts = new CopyOnWriteArrayList<>();

        throttled(puts, 0).saveAll(month(ownShop));

        assertEquals(List.of(25, 5), puts);
        assertEquals(month(ownShop), store.days(ownShop, LocalDate.parse("2026-11-01"), LocalDate.parse("2026-11-30")));
    }

    @Test
    void putsLeftUnprocessedAreSentAgainAndAfterTheLastAttemptTheSaveFails() {
        var ownShop = new ShopDomain("kpi-store-throttled.myshopify.com");
        List<Integer> retried = new CopyOnWriteArrayList<>();
        List<Integer> refused = new CopyOnWriteArrayList<>();
        List<DailyKpis> days = month(ownShop).subList(0, 3);

        throttled(retried, 2).saveAll(days);
        var e = assertThrows(IllegalStateException.class, () -> throttled(refused, Integer.MAX_VALUE).saveAll(days));

        assertEquals(List.of(3, 3, 3), retried);
        assertEquals(days, store.days(ownShop, LocalDate.parse("2026-11-01"), LocalDate.parse("2026-11-30")));
        assertEquals(DynamoKpiStore.BATCH_ATTEMPTS, refused.size());
        assertEquals("3 KPI days left unprocessed after 6 BatchWriteItem requests", e.getMessage());
    }
}
