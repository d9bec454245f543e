package dev.promptly.aws.dynamodb;

import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.atomicCounter;

import software.amazon.awssdk.enhanced.dynamodb.TableSchema;

/**
 * A reply budget's counter for one sender and day, or one shop and hour ({@code BUDGET#…}): {@code n}
 * replies so far, counted up by one per update (an atomic counter, starting at 1; the record's value is never written).
 */
public record BudgetCounterItem(String pk, String sk, Long n, Long expiresAt) implements TableItem {
    public static final TableSchema<BudgetCounterItem> SCHEMA = ItemSchema.keyed(BudgetCounterItem.class, v -> new BudgetCounterItem(
                    v.get(PromptlyTable.PK), v.get(PromptlyTable.SK), v.get("n"), v.get(PromptlyTable.TTL)))
            .add(Long.class, "n", BudgetCounterItem::n, atomicCounter(1, 1))
            .add(Long.class, PromptlyTable.TTL, BudgetCounterItem::expiresAt)
            .build();
}
