package dev.promptly.aws.dynamodb;

import software.amazon.awssdk.enhanced.dynamodb.TableSchema;

/**
 * A {@link ConversationItem}'s next SLA checkpoint, as a view of that item: updated with nulls not ignored,
 * it puts the conversation in the sparse {@code SlaDue} index or (both null) takes it out.
 */
public record ConversationCheckpointItem(String pk, String sk, String slaDueShard, String slaDueAt) implements TableItem {
    public static final TableSchema<ConversationCheckpointItem> SCHEMA = ItemSchema.keyed(ConversationCheckpointItem.class, v -> new ConversationCheckpointItem(
                    v.get(PromptlyTable.PK), v.get(PromptlyTable.SK), v.get(PromptlyTable.SLA_DUE_SHARD), v.get(PromptlyTable.SLA_DUE_AT)))
            .add(String.class, PromptlyTable.SLA_DUE_SHARD, ConversationCheckpointItem::slaDueShard)
            .add(String.class, PromptlyTable.SLA_DUE_AT, ConversationCheckpointItem::slaDueAt)
            .build();
}
