package dev.promptly.aws.dynamodb;

import software.amazon.awssdk.enhanced.dynamodb.TableSchema;

/**
 * The attributes of an {@link OutboxItem} a delivery outcome rewrites, as a view of that item: updated with
 * nulls not ignored, it sets what has a value and removes the rest (the lease always; the due attributes
 * once the record is no longer pending; a delivery state reported for an earlier send), leaving the message
 * itself, its counters and TTL as written.
 */
public record OutboxOutcomeItem(String pk, String sk, String status, String lastError, String sentAt, String providerMessageId,
                                String leaseUntil, String outboxDueShard, String outboxDueAt, String deliveryState,
                                String deliveryStateAt) implements TableItem {

    public static final TableSchema<OutboxOutcomeItem> SCHEMA = ItemSchema.keyed(OutboxOutcomeItem.class, v -> new OutboxOutcomeItem(
                    v.get(PromptlyTable.PK), v.get(PromptlyTable.SK), v.get("status"), v.get("lastError"), v.get("sentAt"),
                    v.get("providerMessageId"), v.get("leaseUntil"), v.get(PromptlyTable.OUTBOX_DUE_SHARD), v.get(PromptlyTable.OUTBOX_DUE_AT),
                    v.get("deliveryState"), v.get("deliveryStateAt")))
            .add(String.class, "status", OutboxOutcomeItem::status)
            .add(String.class, "lastError", OutboxOutcomeItem::lastError)
            .add(String.class, "sentAt", OutboxOutcomeItem::sentAt)
            .add(String.class, "providerMessageId", OutboxOutcomeItem::providerMessageId)
            .add(String.class, "leaseUntil", OutboxOutcomeItem::leaseUntil)
            .add(String.class, PromptlyTable.OUTBOX_DUE_SHARD, OutboxOutcomeItem::outboxDueShard)
            .add(String.class, PromptlyTable.OUTBOX_DUE_AT, OutboxOutcomeItem::outboxDueAt)
            .add(String.class, "deliveryState", OutboxOutcomeItem::deliveryState)
            .add(String.class, "deliveryStateAt", OutboxOutcomeItem::deliveryStateAt)
            .build();
}
