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
     * The days in BatchWriteItems of up to 25 puts (each put replaces its day as PutItem does), the puts DynamoDB returns
     * unprocessed sent again after a pause ({@link BatchWrites}), at most {@link #BATCH_ATTEMPTS} requests per batch.
     *
     * @throws IllegalStateException when DynamoDB still leaves puts unprocessed after the last attempt
     */
    @Override
    public void saveAll(List<DailyKpis> days) {
        List<KpiDayItem> puts = new ArrayList<>(days.size());
        for (DailyKpis day : days) {
            puts.add(item(day));
        }
        BatchWrites.write(enhanced, items, KpiDayItem.class, puts, WriteBatch.Builder::addPutItem, BatchWriteResult::unprocessedPutItemsForTable,
                BATCH_ATTEMPTS, left -> new IllegalStateException(left + " KPI days left unprocessed after " + BATCH_ATTEMPTS + " BatchWriteItem requests"),
                "retrying unprocessed KPI days");
    }

    private KpiDayItem item(DailyKpis day) {
        long expiresAt = day.day().plusDays(KEEP_DAYS).atStartOfDay(ZoneOffset.UTC).toEpochSecond();
        return new KpiDayItem(day.shop().value(), KpiDayItem.sk(day.day()), clock.instant().toString(), KpiDocuments.write(day), expiresAt);
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
