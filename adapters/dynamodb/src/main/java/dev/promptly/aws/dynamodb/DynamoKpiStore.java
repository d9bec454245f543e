package dev.promptly.aws.dynamodb;

import dev.promptly.app.port.KpiStore;
import dev.promptly.core.ShopDomain;
import dev.promptly.core.kpi.DailyKpis;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Objects;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import software.amazon.awssdk.enhanced.dynamodb.Key;
import software.amazon.awssdk.enhanced.dynamodb.model.QueryConditional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * {@link KpiStore} as {@link KpiDayItem}s: one PutItem per day saved, one Query of {@code KPIDAY#<from>} to
 * {@code KPIDAY#<to>} per report (a month is ~31 small items, one request).
 */
public final class DynamoKpiStore implements KpiStore {
    /** KPI days are counts without personal data; two years keep a year-on-year comparison possible. */
    private static final int KEEP_DAYS = 2 * 366;

    private final DynamoDbTable<KpiDayItem> items;
    private final Clock clock;

    public DynamoKpiStore(DynamoDbClient client, String tableName, Clock clock) {
        this.items = DynamoDbEnhancedClient.builder().dynamoDbClient(Objects.requireNonNull(client, "client")).build()
                .table(tableName, DeferredSchema.of(() -> KpiDayItem.SCHEMA));
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public void save(DailyKpis day) {
        long expiresAt = day.day().plusDays(KEEP_DAYS).atStartOfDay(ZoneOffset.UTC).toEpochSecond();
        items.putItem(new KpiDayItem(day.shop().value(), KpiDayItem.sk(day.day()), clock.instant().toString(), KpiDocuments.write(day),
                expiresAt));
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
