package dev.promptly.aws.dynamodb;

import software.amazon.awssdk.enhanced.dynamodb.TableSchema;

/**
 * One shop-day of KPIs ({@code KPIDAY#<yyyy-MM-dd>}, the day in the shop's zone): the slices as JSON in {@code doc}
 * (see {@link KpiDocuments}), when they were computed, and an expiry two years on. No personal data: counts only.
 */
public record KpiDayItem(String pk, String sk, String computedAt, String doc, Long expiresAt) implements TableItem {
    static final String SK_PREFIX = "KPIDAY#";

    public static final TableSchema<KpiDayItem> SCHEMA = ItemSchema.keyed(KpiDayItem.class, v -> new KpiDayItem(
                    v.get(PromptlyTable.PK), v.get(PromptlyTable.SK), v.get("computedAt"), v.get("doc"), v.get(PromptlyTable.TTL)))
            .add(String.class, "computedAt", KpiDayItem::computedAt)
            .add(String.class, "doc", KpiDayItem::doc)
            .add(Long.class, PromptlyTable.TTL, KpiDayItem::expiresAt)
            .build();

    static String sk(java.time.LocalDate day) {
        return SK_PREFIX + day;
    }
}
