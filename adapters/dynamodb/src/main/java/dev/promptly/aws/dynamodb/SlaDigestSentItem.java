package dev.promptly.aws.dynamodb;

import software.amazon.awssdk.enhanced.dynamodb.TableSchema;

/**
 * A digest head once sent, as a view of {@link SlaDigestItem}'s item: updated with nulls not ignored, it
 * records when and takes the digest out of the {@code SlaDue} index, leaving its line count and TTL.
 */
public record SlaDigestSentItem(String pk, String sk, String slaDueShard, String slaDueAt, String sentAt) implements TableItem {
    public static final TableSchema<SlaDigestSentItem> SCHEMA = ItemSchema.keyed(SlaDigestSentItem.class, v -> new SlaDigestSentItem(
                    v.get(PromptlyTable.PK), v.get(PromptlyTable.SK), v.get(PromptlyTable.SLA_DUE_SHARD), v.get(PromptlyTable.SLA_DUE_AT), v.get("sentAt")))
            .add(String.class, PromptlyTable.SLA_DUE_SHARD, SlaDigestSentItem::slaDueShard)
            .add(String.class, PromptlyTable.SLA_DUE_AT, SlaDigestSentItem::slaDueAt)
            .add(String.class, "sentAt", SlaDigestSentItem::sentAt)
            .build();
}
