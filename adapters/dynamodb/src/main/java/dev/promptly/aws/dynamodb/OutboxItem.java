package dev.promptly.aws.dynamodb;

import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.secondaryPartitionKey;
import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.secondarySortKey;

import software.amazon.awssdk.enhanced.dynamodb.TableSchema;

/**
 * An outbox record as stored (see {@link OutboxItems} for how a message maps to it). {@code leaseUntil} is
 * set only by a sender's claim; {@code outboxDueShard}/{@code outboxDueAt} only while the record is pending.
 */
public record OutboxItem(String pk, String sk, String kind, String status, String channel, String createdAt, Integer attempts,
                         String conversationId, String orderId, String outboxDueShard, String outboxDueAt, String leaseUntil,
                         String sentAt, String lastError, String providerMessageId, String doc, Long expiresAt) implements TableItem {

    public static final TableSchema<OutboxItem> SCHEMA = ItemSchema.keyed(OutboxItem.class, v -> new OutboxItem(
                    v.get(PromptlyTable.PK), v.get(PromptlyTable.SK), v.get("kind"), v.get("status"), v.get("channel"),
                    v.get(PromptlyTable.CREATED_AT), v.get("attempts"), v.get("conversationId"), v.get("orderId"),
                    v.get(PromptlyTable.OUTBOX_DUE_SHARD), v.get(PromptlyTable.OUTBOX_DUE_AT), v.get("leaseUntil"), v.get("sentAt"),
                    v.get("lastError"), v.get("providerMessageId"), v.get("doc"), v.get(PromptlyTable.TTL)))
            .add(String.class, "kind", OutboxItem::kind)
            .add(String.class, "status", OutboxItem::status)
            .add(String.class, "channel", OutboxItem::channel)
            .add(String.class, PromptlyTable.CREATED_AT, OutboxItem::createdAt)
            .add(Integer.class, "attempts", OutboxItem::attempts)
            .add(String.class, "conversationId", OutboxItem::conversationId)
            .add(String.class, "orderId", OutboxItem::orderId)
            .add(String.class, PromptlyTable.OUTBOX_DUE_SHARD, OutboxItem::outboxDueShard, secondaryPartitionKey(PromptlyTable.OUTBOX_DUE))
            .add(String.class, PromptlyTable.OUTBOX_DUE_AT, OutboxItem::outboxDueAt, secondarySortKey(PromptlyTable.OUTBOX_DUE))
            .add(String.class, "leaseUntil", OutboxItem::leaseUntil)
            .add(String.class, "sentAt", OutboxItem::sentAt)
            .add(String.class, "lastError", OutboxItem::lastError)
            .add(String.class, "providerMessageId", OutboxItem::providerMessageId)
            .add(String.class, "doc", OutboxItem::doc)
            .add(Long.class, PromptlyTable.TTL, OutboxItem::expiresAt)
            .build();
}
