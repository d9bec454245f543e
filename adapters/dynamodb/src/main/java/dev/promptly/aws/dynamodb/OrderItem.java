package dev.promptly.aws.dynamodb;

import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.secondaryPartitionKey;
import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.secondarySortKey;

import software.amazon.awssdk.enhanced.dynamodb.TableSchema;

/**
 * An order as stored: keys and index attributes at the top level, the order itself as the JSON document
 * of {@link dev.promptly.core.shopify.OrderDocument} in {@code doc}. {@code version} guards concurrent
 * writers (optimistic locking); {@code orderUpdatedAt} is Shopify's {@code updated_at}, kept for reading
 * the table by hand. Null attributes are not written, so the indexes stay sparse.
 */
public record OrderItem(String pk, String sk, Long version, String orderUpdatedAt, String createdAt, String orderEmailKey,
                        String orderPhoneKey, String orderNameKey, String delayDueShard, String delayDueAt, String doc,
                        Long expiresAt) implements TableItem {
    static final String SK_PREFIX = "ORDER#";

    public static final TableSchema<OrderItem> SCHEMA = ItemSchema.keyed(OrderItem.class, v -> new OrderItem(
                    v.get(PromptlyTable.PK), v.get(PromptlyTable.SK), v.get("version"), v.get("orderUpdatedAt"),
                    v.get(PromptlyTable.CREATED_AT), v.get(PromptlyTable.ORDER_EMAIL_KEY), v.get(PromptlyTable.ORDER_PHONE_KEY),
                    v.get(PromptlyTable.ORDER_NAME_KEY), v.get(PromptlyTable.DELAY_DUE_SHARD), v.get(PromptlyTable.DELAY_DUE_AT),
                    v.get("doc"), v.get(PromptlyTable.TTL)))
            .add(Long.class, "version", OrderItem::version)
            .add(String.class, "orderUpdatedAt", OrderItem::orderUpdatedAt)
            .add(String.class, PromptlyTable.CREATED_AT, OrderItem::createdAt,
                    secondarySortKey(PromptlyTable.ORDERS_BY_EMAIL), secondarySortKey(PromptlyTable.ORDERS_BY_PHONE))
            .add(String.class, PromptlyTable.ORDER_EMAIL_KEY, OrderItem::orderEmailKey, secondaryPartitionKey(PromptlyTable.ORDERS_BY_EMAIL))
            .add(String.class, PromptlyTable.ORDER_PHONE_KEY, OrderItem::orderPhoneKey, secondaryPartitionKey(PromptlyTable.ORDERS_BY_PHONE))
            .add(String.class, PromptlyTable.ORDER_NAME_KEY, OrderItem::orderNameKey, secondaryPartitionKey(PromptlyTable.ORDERS_BY_NAME))
            .add(String.class, PromptlyTable.DELAY_DUE_SHARD, OrderItem::delayDueShard, secondaryPartitionKey(PromptlyTable.DELAY_DUE))
            .add(String.class, PromptlyTable.DELAY_DUE_AT, OrderItem::delayDueAt, secondarySortKey(PromptlyTable.DELAY_DUE))
            .add(String.class, "doc", OrderItem::doc)
            .add(Long.class, PromptlyTable.TTL, OrderItem::expiresAt)
            .build();
}
