package dev.promptly.aws.dynamodb;

import software.amazon.awssdk.enhanced.dynamodb.TableSchema;

/**
 * A customer message as the team reads it ({@code MSG#<conversation>#<received>#<hash>}): the message itself
 * in the JSON {@code doc}; {@code rawMailId} names the SES copy of its raw MIME, which a redaction deletes.
 */
public record MessageItem(String pk, String sk, String conversationId, String direction, String receivedAt, String rawMailId, String doc, Long expiresAt) implements TableItem {
    public static final TableSchema<MessageItem> SCHEMA = ItemSchema.keyed(MessageItem.class, v -> new MessageItem(
                    v.get(PromptlyTable.PK), v.get(PromptlyTable.SK), v.get("conversationId"), v.get("direction"), v.get("receivedAt"), v.get(ConversationItems.RAW_MAIL_ID), v.get("doc"), v.get(PromptlyTable.TTL)))
            .add(String.class, "conversationId", MessageItem::conversationId)
            .add(String.class, "direction", MessageItem::direction)
            .add(String.class, "receivedAt", MessageItem::receivedAt)
            .add(String.class, ConversationItems.RAW_MAIL_ID, MessageItem::rawMailId)
            .add(String.class, "doc", MessageItem::doc)
            .add(Long.class, PromptlyTable.TTL, MessageItem::expiresAt)
            .build();
}
