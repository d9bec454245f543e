package dev.promptly.aws.dynamodb;

import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.primaryPartitionKey;
import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.primarySortKey;
import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.secondaryPartitionKey;
import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.secondarySortKey;

import software.amazon.awssdk.enhanced.dynamodb.mapper.StaticTableSchema;

/**
 * An order as stored: keys and index attributes at the top level, the order itself as the JSON document
 * of {@link dev.promptly.core.shopify.OrderDocument} in {@code doc}. {@code version} guards concurrent
 * writers (optimistic locking); {@code orderUpdatedAt} is Shopify's {@code updated_at}, kept for reading
 * the table by hand.
 */
public final class OrderItem {
    static final String SK_PREFIX = "ORDER#";

    public static final StaticTableSchema<OrderItem> SCHEMA = StaticTableSchema.builder(OrderItem.class)
            .newItemSupplier(OrderItem::new)
            .addAttribute(String.class, a -> a.name(PromptlyTable.PK).getter(OrderItem::getPk).setter(OrderItem::setPk)
                    .tags(primaryPartitionKey()))
            .addAttribute(String.class, a -> a.name(PromptlyTable.SK).getter(OrderItem::getSk).setter(OrderItem::setSk)
                    .tags(primarySortKey()))
            .addAttribute(Long.class, a -> a.name("version").getter(OrderItem::getVersion).setter(OrderItem::setVersion))
            .addAttribute(String.class, a -> a.name("orderUpdatedAt").getter(OrderItem::getOrderUpdatedAt).setter(OrderItem::setOrderUpdatedAt))
            .addAttribute(String.class, a -> a.name(PromptlyTable.CREATED_AT).getter(OrderItem::getCreatedAt).setter(OrderItem::setCreatedAt)
                    .tags(secondarySortKey(PromptlyTable.ORDERS_BY_EMAIL), secondarySortKey(PromptlyTable.ORDERS_BY_PHONE)))
            .addAttribute(String.class, a -> a.name(PromptlyTable.ORDER_EMAIL_KEY).getter(OrderItem::getOrderEmailKey).setter(OrderItem::setOrderEmailKey)
                    .tags(secondaryPartitionKey(PromptlyTable.ORDERS_BY_EMAIL)))
            .addAttribute(String.class, a -> a.name(PromptlyTable.ORDER_PHONE_KEY).getter(OrderItem::getOrderPhoneKey).setter(OrderItem::setOrderPhoneKey)
                    .tags(secondaryPartitionKey(PromptlyTable.ORDERS_BY_PHONE)))
            .addAttribute(String.class, a -> a.name(PromptlyTable.ORDER_NAME_KEY).getter(OrderItem::getOrderNameKey).setter(OrderItem::setOrderNameKey)
                    .tags(secondaryPartitionKey(PromptlyTable.ORDERS_BY_NAME)))
            .addAttribute(String.class, a -> a.name(PromptlyTable.DELAY_DUE_SHARD).getter(OrderItem::getDelayDueShard).setter(OrderItem::setDelayDueShard)
                    .tags(secondaryPartitionKey(PromptlyTable.DELAY_DUE)))
            .addAttribute(String.class, a -> a.name(PromptlyTable.DELAY_DUE_AT).getter(OrderItem::getDelayDueAt).setter(OrderItem::setDelayDueAt)
                    .tags(secondarySortKey(PromptlyTable.DELAY_DUE)))
            .addAttribute(String.class, a -> a.name("doc").getter(OrderItem::getDoc).setter(OrderItem::setDoc))
            .addAttribute(Long.class, a -> a.name(PromptlyTable.TTL).getter(OrderItem::getExpiresAt).setter(OrderItem::setExpiresAt))
            .build();

    private String pk;
    private String sk;
    private Long version;
    private String orderUpdatedAt;
    private String createdAt;
    private String orderEmailKey;
    private String orderPhoneKey;
    private String orderNameKey;
    private String delayDueShard;
    private String delayDueAt;
    private String doc;
    private Long expiresAt;

    public String getPk() { return pk; }
    public void setPk(String pk) { this.pk = pk; }
    public String getSk() { return sk; }
    public void setSk(String sk) { this.sk = sk; }
    public Long getVersion() { return version; }
    public void setVersion(Long version) { this.version = version; }
    public String getOrderUpdatedAt() { return orderUpdatedAt; }
    public void setOrderUpdatedAt(String orderUpdatedAt) { this.orderUpdatedAt = orderUpdatedAt; }
    public String getCreatedAt() { return createdAt; }
    public void setCreatedAt(String createdAt) { this.createdAt = createdAt; }
    public String getOrderEmailKey() { return orderEmailKey; }
    public void setOrderEmailKey(String orderEmailKey) { this.orderEmailKey = orderEmailKey; }
    public String getOrderPhoneKey() { return orderPhoneKey; }
    public void setOrderPhoneKey(String orderPhoneKey) { this.orderPhoneKey = orderPhoneKey; }
    public String getOrderNameKey() { return orderNameKey; }
    public void setOrderNameKey(String orderNameKey) { this.orderNameKey = orderNameKey; }
    public String getDelayDueShard() { return delayDueShard; }
    public void setDelayDueShard(String delayDueShard) { this.delayDueShard = delayDueShard; }
    public String getDelayDueAt() { return delayDueAt; }
    public void setDelayDueAt(String delayDueAt) { this.delayDueAt = delayDueAt; }
    public String getDoc() { return doc; }
    public void setDoc(String doc) { this.doc = doc; }
    public Long getExpiresAt() { return expiresAt; }
    public void setExpiresAt(Long expiresAt) { this.expiresAt = expiresAt; }
}
