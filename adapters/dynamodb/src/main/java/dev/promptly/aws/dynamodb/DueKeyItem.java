package dev.promptly.aws.dynamodb;

import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.secondaryPartitionKey;
import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.secondarySortKey;

import software.amazon.awssdk.enhanced.dynamodb.TableSchema;

/**
 * An entry of a sparse due index as projected (keys only): the item's table key, the shard and the due
 * time. One schema per index, since each index keys on attributes of its own names.
 */
public record DueKeyItem(String pk, String sk, String shard, String dueAt) implements TableItem {
    public static final TableSchema<DueKeyItem> DELAY_DUE = schema(PromptlyTable.DELAY_DUE, PromptlyTable.DELAY_DUE_SHARD, PromptlyTable.DELAY_DUE_AT);
    public static final TableSchema<DueKeyItem> SLA_DUE = schema(PromptlyTable.SLA_DUE, PromptlyTable.SLA_DUE_SHARD, PromptlyTable.SLA_DUE_AT);
    public static final TableSchema<DueKeyItem> OUTBOX_DUE = schema(PromptlyTable.OUTBOX_DUE, PromptlyTable.OUTBOX_DUE_SHARD,
            PromptlyTable.OUTBOX_DUE_AT);

    private static TableSchema<DueKeyItem> schema(String index, String shardAttribute, String dueAttribute) {
        return ItemSchema.keyed(DueKeyItem.class, v -> new DueKeyItem(v.get(PromptlyTable.PK), v.get(PromptlyTable.SK), v.get(shardAttribute),
                        v.get(dueAttribute)))
                .add(String.class, shardAttribute, DueKeyItem::shard, secondaryPartitionKey(index))
                .add(String.class, dueAttribute, DueKeyItem::dueAt, secondarySortKey(index))
                .build();
    }
}
