package dev.promptly.aws.dynamodb;

import software.amazon.awssdk.enhanced.dynamodb.TableSchema;

/** One delay notice decided ({@code DELAY#<order>#<stage>…}, written once): when, what was done, and its outbox record if any. */
public record DelayNoticeItem(String pk, String sk, String decidedAt, String outcome, String outboxId,
                              Long expiresAt) implements TableItem {
    public static final TableSchema<DelayNoticeItem> SCHEMA = ItemSchema.keyed(DelayNoticeItem.class, v -> new DelayNoticeItem(
                    v.get(PromptlyTable.PK), v.get(PromptlyTable.SK), v.get("decidedAt"), v.get("outcome"), v.get("outboxId"),
                    v.get(PromptlyTable.TTL)))
            .add(String.class, "decidedAt", DelayNoticeItem::decidedAt)
            .add(String.class, "outcome", DelayNoticeItem::outcome)
            .add(String.class, "outboxId", DelayNoticeItem::outboxId)
            .add(Long.class, PromptlyTable.TTL, DelayNoticeItem::expiresAt)
            .build();
}
