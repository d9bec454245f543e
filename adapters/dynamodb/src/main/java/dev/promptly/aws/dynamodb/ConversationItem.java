package dev.promptly.aws.dynamodb;

import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.secondaryPartitionKey;
import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.secondarySortKey;

import software.amazon.awssdk.enhanced.dynamodb.TableSchema;

/**
 * A conversation as stored ({@code CONV#<id>}): status, channel and times at the top level, the customer
 * and the rest in the JSON {@code doc}; {@code version} guards concurrent writers. It carries its next SLA
 * checkpoint ({@code slaDueShard}/{@code slaDueAt}, the sparse {@code SlaDue} index) only while one is due.
 * Every write also stores {@code openingShop}/{@code openingAt}, derived from its key and opening time, which put it in
 * the {@code ConversationsByOpening} index (the KPI rollup's way to a day's conversations); reads ignore them.
 */
public record ConversationItem(String pk, String sk, Long version, String status, String channel, String openedAt, String lastMessageAt, String orderId, String slaDueShard, String slaDueAt, String doc, Long expiresAt) implements TableItem {
    public static final TableSchema<ConversationItem> SCHEMA = ItemSchema.keyed(ConversationItem.class, v -> new ConversationItem(
                    v.get(PromptlyTable.PK), v.get(PromptlyTable.SK), v.get("version"), v.get("status"), v.get("channel"), v.get("openedAt"), v.get("lastMessageAt"), v.get("orderId"), v.get(PromptlyTable.SLA_DUE_SHARD), v.get(PromptlyTable.SLA_DUE_AT), v.get("doc"), v.get(PromptlyTable.TTL)))
            .add(Long.class, "version", ConversationItem::version)
            .add(String.class, "status", ConversationItem::status)
            .add(String.class, "channel", ConversationItem::channel)
            .add(String.class, "openedAt", ConversationItem::openedAt)
            .add(String.class, "lastMessageAt", ConversationItem::lastMessageAt)
            .add(String.class, "orderId", ConversationItem::orderId)
            .add(String.class, PromptlyTable.SLA_DUE_SHARD, ConversationItem::slaDueShard, secondaryPartitionKey(PromptlyTable.SLA_DUE))
            .add(String.class, PromptlyTable.SLA_DUE_AT, ConversationItem::slaDueAt, secondarySortKey(PromptlyTable.SLA_DUE))
            .add(String.class, PromptlyTable.OPENING_SHOP, ConversationItem::openingShop, secondaryPartitionKey(PromptlyTable.CONVERSATIONS_BY_OPENING))
            .add(String.class, PromptlyTable.OPENING_AT, ConversationItem::openingAt, secondarySortKey(PromptlyTable.CONVERSATIONS_BY_OPENING))
            .add(String.class, "doc", ConversationItem::doc)
            .add(Long.class, PromptlyTable.TTL, ConversationItem::expiresAt)
            .build();

    /** The {@code ConversationsByOpening} partition: the shop (null for a key-only item read from an index). */
    public String openingShop() {
        return openedAt == null ? null : pk;
    }

    /** The {@code ConversationsByOpening} sort key: the opening time, fixed-width so strings sort as instants. */
    public String openingAt() {
        return openedAt == null ? null : PromptlyTable.sortable(java.time.Instant.parse(openedAt));
    }
}
