package dev.promptly.aws.dynamodb;

import dev.promptly.app.port.KpiStore;
import dev.promptly.core.ShopDomain;
import dev.promptly.core.kpi.DailyKpis;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import software.amazon.awssdk.enhanced.dynamodb.Key;
import software.amazon.awssdk.enhanced.dynamodb.model.BatchWriteResult;
import software.amazon.awssdk.enhanced.dynamodb.model.QueryConditional;
import software.amazon.awssdk.enhanced.dynamodb.model.WriteBatch;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * {@link KpiStore} as {@link KpiDayItem}s: one PutItem per day saved, or one BatchWriteItem per 25 days saved together,
 * one Query of {@code KPIDAY#<from>} to {@code KPIDAY#<to>} per report (a month is ~31 small items, one request).
 */
public final class DynamoKpiStore implements KpiStore {
    /** KPI days are counts without personal data; two years keep a year-on-year comparison possible. */
    private static final int KEEP_DAYS = 2 * 366;

    /** DynamoDB's most puts in one BatchWriteItem. */
    static final int BATCH = 25;
    /** Requests for the puts DynamoDB left unprocessed (throttled) before giving up, with a growing pause between them. */
    static final int BATCH_ATTEMPTS = 6;

    private final DynamoDbEnhancedClient enhanced;
    private final DynamoDbTable<KpiDayItem> items;
    private final Clock clock;

    public DynamoKpiStore(DynamoDbClient client, String tableName, Clock clock) {
        this.enhanced = DynamoDbEnhancedClient.builder().dynamoDbClient(Objects.requireNonNull(client, "client")).build();
        this.items = enhanced.table(tableName, DeferredSchema.of(() -> KpiDayItem.SCHEMA));
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public void save(DailyKpis day) {
        items.putItem(item(day));
    }

    /**
     * The days in BatchWriteItems of up to {@link #BATCH} puts (each put replaces its day as PutItem does); the puts
     * DynamoDB returns unprocessed are sent again after a pause, as
     * <a href="https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_BatchWriteItem.html">BatchWriteItem</a>
     * asks, at most {@link #BATCH_ATTEMPTS} requests per batch.
     *
     * @throws IllegalStateException when DynamoDB still leaves puts unprocessed after the last attempt
     */
    @Override
    public void saveAll(List<DailyKpis> days) {
        for (int from = 0; from < days.size(); from += BATCH) {
            List<KpiDayItem> pending = new ArrayList<>();
            for (DailyKpis day : days.subList(from, Math.min(days.size(), from + BATCH))) {
                pending.add(item(day));
            }
            for (int attempt = 1; !pending.isEmpty(); attempt++) {
                if (attempt > BATCH_ATTEMPTS) {
                    throw new IllegalStateException(pending.size() + " KPI days left unprocessed after " + BATCH_ATTEMPTS + " BatchWriteItem requests");
                }
                if (attempt > 1) {
                    pause(attempt);
                }
                WriteBatch.Builder<KpiDayItem> puts = WriteBatch.builder(KpiDayItem.class).mappedTableResource(items);
                pending.forEach(puts::addPutItem);
                WriteBatch batch = puts.build();
                BatchWriteResult result = enhanced.batchWriteItem(r -> r.addWriteBatch(batch));
                pending = new ArrayList<>(result.unprocessedPutItemsForTable(items));
            }
        }
    }

    private KpiDayItem item(DailyKpis day) {
        long expiresAt = day.day().plusDays(KEEP_DAYS).atStartOfDay(ZoneOffset.UTC).toEpochSecond();
        return new KpiDayItem(day.shop().value(), KpiDayItem.sk(day.day()), clock.instant().toString(), KpiDocuments.write(day), expiresAt);
    }

    /** 50, 100, 200… ms before the attempt: unprocessed puts mean the table is throttling. */
    private static void pause(int attempt) {
        try {
            Thread.sleep(50L << (attempt - 2));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while retrying unprocessed KPI days", e);
        }
    }

    @Override
    public List<DailyKpis> days(ShopDomain shop, LocalDate from, LocalDate to) {
        if (to.isBefore(from)) {
            return List.of();
        }
        QueryConditional range = QueryConditional.sortBetween(
                Key.builder().partitionValue(shop.value()).sortValue(KpiDayItem.sk(from)).build(),
                Key.builder().partitionValue(shop.value()).sortValue(KpiDayItem.sk(to)).build());
        return items.query(r -> r.queryConditional(range)).items().stream()
                .map(item -> KpiDocuments.read(DailyKpis.empty(shop, LocalDate.parse(item.sk().substring(KpiDayItem.SK_PREFIX.length()))),
                        item.doc()))
                .toList();
    }
}
