package dev.promptly.aws.dynamodb;

import software.amazon.awssdk.enhanced.dynamodb.TableSchema;

/**
 * The delivery state a channel reported for an {@link OutboxItem} after its send ({@code deliveryState}
 * {@code sent|delivered|read|failed}, {@code deliveryStateAt} the status's time), as a view of that item:
 * read alone, and updated alone without touching the message.
 */
public record OutboxDeliveryItem(String pk, String sk, String deliveryState, String deliveryStateAt) implements TableItem {
    public static final TableSchema<OutboxDeliveryItem> SCHEMA = ItemSchema.keyed(OutboxDeliveryItem.class, v -> new OutboxDeliveryItem(
                    v.get(PromptlyTable.PK), v.get(PromptlyTable.SK), v.get("deliveryState"), v.get("deliveryStateAt")))
            .add(String.class, "deliveryState", OutboxDeliveryItem::deliveryState)
            .add(String.class, "deliveryStateAt", OutboxDeliveryItem::deliveryStateAt)
            .build();
}
