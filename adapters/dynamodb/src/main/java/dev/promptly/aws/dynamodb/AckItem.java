package dev.promptly.aws.dynamodb;

import software.amazon.awssdk.enhanced.dynamodb.TableSchema;

/** The acknowledgement decision of a conversation ({@code ACK#<conversation>}, written once): what, when, why, and its outbox record. */
public record AckItem(String pk, String sk, String outcome, String decidedAt, String reason, String outboxId, Long expiresAt) implements TableItem {
    public static final TableSchema<AckItem> SCHEMA = ItemSchema.keyed(AckItem.class, v -> new AckItem(
                    v.get(PromptlyTable.PK), v.get(PromptlyTable.SK), v.get("outcome"), v.get("decidedAt"), v.get("reason"), v.get("outboxId"), v.get(PromptlyTable.TTL)))
            .add(String.class, "outcome", AckItem::outcome)
            .add(String.class, "decidedAt", AckItem::decidedAt)
            .add(String.class, "reason", AckItem::reason)
            .add(String.class, "outboxId", AckItem::outboxId)
            .add(Long.class, PromptlyTable.TTL, AckItem::expiresAt)
            .build();
}
