package dev.promptly.aws.dynamodb;

import software.amazon.awssdk.enhanced.dynamodb.TableSchema;

/**
 * Finds the outbox record a WhatsApp message was sent from: {@code WAMID#<hash of the wamid>} under the shop,
 * {@code outboxId}, kept for {@link #RETENTION} after the send (WhatsApp reports a message's statuses within
 * that time; it keeps trying an offline phone for up to 30 days).
 */
public record WhatsAppSentItem(String pk, String sk, String outboxId, Long expiresAt) implements TableItem {
    static final String SK_PREFIX = "WAMID#";
    static final java.time.Duration RETENTION = java.time.Duration.ofDays(35);

    public static final TableSchema<WhatsAppSentItem> SCHEMA = ItemSchema.keyed(WhatsAppSentItem.class, v -> new WhatsAppSentItem(
                    v.get(PromptlyTable.PK), v.get(PromptlyTable.SK), v.get("outboxId"), v.get(PromptlyTable.TTL)))
            .add(String.class, "outboxId", WhatsAppSentItem::outboxId)
            .add(Long.class, PromptlyTable.TTL, WhatsAppSentItem::expiresAt)
            .build();

    static String sk(String wamid) {
        return SK_PREFIX + ConversationItems.digest(wamid);
    }
}
