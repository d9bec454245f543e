package dev.promptly.aws.dynamodb;

import software.amazon.awssdk.enhanced.dynamodb.TableSchema;

/**
 * An {@link OrderItem}'s next delay check, as a view of that item: updated with nulls not ignored, it puts
 * the order in the sparse {@code DelayDue} index or (both null) takes it out, leaving the order as written.
 */
public record OrderDelayCheckItem(String pk, String sk, String delayDueShard, String delayDueAt) implements TableItem {
    public static final TableSchema<OrderDelayCheckItem> SCHEMA = ItemSchema.keyed(OrderDelayCheckItem.class, v -> new OrderDelayCheckItem(
                    v.get(PromptlyTable.PK), v.get(PromptlyTable.SK), v.get(PromptlyTable.DELAY_DUE_SHARD), v.get(PromptlyTable.DELAY_DUE_AT)))
            .add(String.class, PromptlyTable.DELAY_DUE_SHARD, OrderDelayCheckItem::delayDueShard)
            .add(String.class, PromptlyTable.DELAY_DUE_AT, OrderDelayCheckItem::delayDueAt)
            .build();
}
