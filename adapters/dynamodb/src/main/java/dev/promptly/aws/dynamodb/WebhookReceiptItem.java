package dev.promptly.aws.dynamodb;

import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.primaryPartitionKey;
import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.primarySortKey;

import software.amazon.awssdk.enhanced.dynamodb.mapper.StaticTableSchema;

/**
 * Marks an {@code X-Shopify-Webhook-Id} as processed, written in the same transaction as its effect so
 * that a redelivery is recognised and a crash never leaves the mark without the change. Expires by TTL
 * once Shopify has stopped retrying.
 */
public final class WebhookReceiptItem {
    static final String SK_PREFIX = "WEBHOOK#";

    public static final StaticTableSchema<WebhookReceiptItem> SCHEMA = StaticTableSchema.builder(WebhookReceiptItem.class)
            .newItemSupplier(WebhookReceiptItem::new)
            .addAttribute(String.class, a -> a.name(PromptlyTable.PK).getter(WebhookReceiptItem::getPk).setter(WebhookReceiptItem::setPk)
                    .tags(primaryPartitionKey()))
            .addAttribute(String.class, a -> a.name(PromptlyTable.SK).getter(WebhookReceiptItem::getSk).setter(WebhookReceiptItem::setSk)
                    .tags(primarySortKey()))
            .addAttribute(String.class, a -> a.name("topic").getter(WebhookReceiptItem::getTopic).setter(WebhookReceiptItem::setTopic))
            .addAttribute(String.class, a -> a.name("outcome").getter(WebhookReceiptItem::getOutcome).setter(WebhookReceiptItem::setOutcome))
            .addAttribute(String.class, a -> a.name("receivedAt").getter(WebhookReceiptItem::getReceivedAt).setter(WebhookReceiptItem::setReceivedAt))
            .addAttribute(Long.class, a -> a.name(PromptlyTable.TTL).getter(WebhookReceiptItem::getExpiresAt).setter(WebhookReceiptItem::setExpiresAt))
            .build();

    private String pk;
    private String sk;
    private String topic;
    private String outcome;
    private String receivedAt;
    private Long expiresAt;

    public String getPk() { return pk; }
    public void setPk(String pk) { this.pk = pk; }
    public String getSk() { return sk; }
    public void setSk(String sk) { this.sk = sk; }
    public String getTopic() { return topic; }
    public void setTopic(String topic) { this.topic = topic; }
    public String getOutcome() { return outcome; }
    public void setOutcome(String outcome) { this.outcome = outcome; }
    public String getReceivedAt() { return receivedAt; }
    public void setReceivedAt(String receivedAt) { this.receivedAt = receivedAt; }
    public Long getExpiresAt() { return expiresAt; }
    public void setExpiresAt(Long expiresAt) { this.expiresAt = expiresAt; }
}
