package dev.promptly.aws.dynamodb;

import software.amazon.awssdk.enhanced.dynamodb.TableSchema;

/** An SLA alert stage recorded once ({@code SLAALERT#<conversation>#<clock>#<stage>}): sent now, or held for a digest. */
public record SlaAlertItem(String pk, String sk, String outcome, String conversationId, Long expiresAt) implements TableItem {
    public static final TableSchema<SlaAlertItem> SCHEMA = ItemSchema.keyed(SlaAlertItem.class, v -> new SlaAlertItem(
                    v.get(PromptlyTable.PK), v.get(PromptlyTable.SK), v.get("outcome"), v.get("conversationId"), v.get(PromptlyTable.TTL)))
            .add(String.class, "outcome", SlaAlertItem::outcome)
            .add(String.class, "conversationId", SlaAlertItem::conversationId)
            .add(Long.class, PromptlyTable.TTL, SlaAlertItem::expiresAt)
            .build();
}
