package dev.promptly.aws.dynamodb;

import software.amazon.awssdk.enhanced.dynamodb.TableSchema;

/**
 * Marks an {@code X-Shopify-Webhook-Id} as processed, written in the same transaction as its effect so
 * that a redelivery is recognised and a crash never leaves the mark without the change. Expires by TTL
 * once Shopify has stopped retrying.
 */
public record WebhookReceiptItem(String pk, String sk, String topic, String outcome, String receivedAt,
                                 Long expiresAt) implements TableItem {
    static final String SK_PREFIX = "WEBHOOK#";

    public static final TableSchema<WebhookReceiptItem> SCHEMA = ItemSchema.keyed(WebhookReceiptItem.class, v -> new WebhookReceiptItem(
                    v.get(PromptlyTable.PK), v.get(PromptlyTable.SK), v.get("topic"), v.get("outcome"), v.get("receivedAt"),
                    v.get(PromptlyTable.TTL)))
            .add(String.class, "topic", WebhookReceiptItem::topic)
            .add(String.class, "outcome", WebhookReceiptItem::outcome)
            .add(String.class, "receivedAt", WebhookReceiptItem::receivedAt)
            .add(Long.class, PromptlyTable.TTL, WebhookReceiptItem::expiresAt)
            .build();
}
