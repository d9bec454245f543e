package dev.promptly.aws.dynamodb;

import software.amazon.awssdk.enhanced.dynamodb.TableSchema;

/**
 * Finds a conversation from a message id ({@code MSGID#<hash>}, {@code direction} in or out), a chat session
 * ({@code SESSION#<hash>}) or an order ({@code ORDERCONV#<order>#<conversation>}).
 */
public record PointerItem(String pk, String sk, String conversationId, String direction, Long expiresAt) implements TableItem {
    public static final TableSchema<PointerItem> SCHEMA = ItemSchema.keyed(PointerItem.class, v -> new PointerItem(
                    v.get(PromptlyTable.PK), v.get(PromptlyTable.SK), v.get("conversationId"), v.get("direction"), v.get(PromptlyTable.TTL)))
            .add(String.class, "conversationId", PointerItem::conversationId)
            .add(String.class, "direction", PointerItem::direction)
            .add(Long.class, PromptlyTable.TTL, PointerItem::expiresAt)
            .build();
}
