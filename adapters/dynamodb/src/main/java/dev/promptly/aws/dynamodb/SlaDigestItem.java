package dev.promptly.aws.dynamodb;

import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.atomicCounter;

import software.amazon.awssdk.enhanced.dynamodb.TableSchema;

/**
 * The head of the digest of held alerts sent at one opening ({@code SLADIGEST#<opening>}), as a line adds
 * to it: in the {@code SlaDue} index at the opening, and {@code lines} counted up by one per update (an
 * atomic counter: the enhanced client's update adds to it, starting at 1, and never writes the record's value).
 */
public record SlaDigestItem(String pk, String sk, String slaDueShard, String slaDueAt, Long lines, Long expiresAt) implements TableItem {
    public static final TableSchema<SlaDigestItem> SCHEMA = ItemSchema.keyed(SlaDigestItem.class, v -> new SlaDigestItem(
                    v.get(PromptlyTable.PK), v.get(PromptlyTable.SK), v.get(PromptlyTable.SLA_DUE_SHARD), v.get(PromptlyTable.SLA_DUE_AT), v.get("lines"), v.get(PromptlyTable.TTL)))
            .add(String.class, PromptlyTable.SLA_DUE_SHARD, SlaDigestItem::slaDueShard)
            .add(String.class, PromptlyTable.SLA_DUE_AT, SlaDigestItem::slaDueAt)
            .add(Long.class, "lines", SlaDigestItem::lines, atomicCounter(1, 1))
            .add(Long.class, PromptlyTable.TTL, SlaDigestItem::expiresAt)
            .build();
}
