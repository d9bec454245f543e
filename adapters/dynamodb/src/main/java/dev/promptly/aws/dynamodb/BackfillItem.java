package dev.promptly.aws.dynamodb;

import software.amazon.awssdk.enhanced.dynamodb.TableSchema;

/**
 * A shop's backfill state ({@code sk} = {@code BACKFILL}): the request ({@code days}, {@code since}), the
 * end cursor of the last page stored, counts, times (ISO-8601) and whether it is complete.
 */
public record BackfillItem(String pk, String sk, Integer days, String since, String cursor, Long orders, Long pages, String startedAt,
                           String updatedAt, Boolean complete, Long expiresAt) implements TableItem {
    static final String SK = "BACKFILL";

    public static final TableSchema<BackfillItem> SCHEMA = ItemSchema.keyed(BackfillItem.class, v -> new BackfillItem(
                    v.get(PromptlyTable.PK), v.get(PromptlyTable.SK), v.get("days"), v.get("since"), v.get("cursor"), v.get("orders"),
                    v.get("pages"), v.get("startedAt"), v.get("updatedAt"), v.get("complete"), v.get(PromptlyTable.TTL)))
            .add(Integer.class, "days", BackfillItem::days)
            .add(String.class, "since", BackfillItem::since)
            .add(String.class, "cursor", BackfillItem::cursor)
            .add(Long.class, "orders", BackfillItem::orders)
            .add(Long.class, "pages", BackfillItem::pages)
            .add(String.class, "startedAt", BackfillItem::startedAt)
            .add(String.class, "updatedAt", BackfillItem::updatedAt)
            .add(Boolean.class, "complete", BackfillItem::complete)
            .add(Long.class, PromptlyTable.TTL, BackfillItem::expiresAt)
            .build();
}
