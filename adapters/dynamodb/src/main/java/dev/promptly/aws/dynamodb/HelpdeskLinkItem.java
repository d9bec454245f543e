package dev.promptly.aws.dynamodb;

import software.amazon.awssdk.enhanced.dynamodb.TableSchema;

/**
 * One direction of a helpdesk ticket's link to a conversation: {@code HDTICKET#<vendor>#<ticket>} (ticket
 * to conversation, with the id of the conversation's opening message and the vendor time of the newest
 * ticket state applied) or {@code HDCONV#<conversation>} (conversation to ticket). Both are written in one
 * transaction; they expire with the conversation.
 */
public record HelpdeskLinkItem(String pk, String sk, String vendor, String ticketId, String conversationId, String openingMessageId,
                               String lastChangeAt, Long expiresAt) implements TableItem {
    static final String TICKET_PREFIX = "HDTICKET#";
    static final String CONVERSATION_PREFIX = "HDCONV#";

    public static final TableSchema<HelpdeskLinkItem> SCHEMA = ItemSchema.keyed(HelpdeskLinkItem.class, v -> new HelpdeskLinkItem(
                    v.get(PromptlyTable.PK), v.get(PromptlyTable.SK), v.get("vendor"), v.get("ticketId"), v.get("conversationId"),
                    v.get("openingMessageId"), v.get("lastChangeAt"), v.get(PromptlyTable.TTL)))
            .add(String.class, "vendor", HelpdeskLinkItem::vendor)
            .add(String.class, "ticketId", HelpdeskLinkItem::ticketId)
            .add(String.class, "conversationId", HelpdeskLinkItem::conversationId)
            .add(String.class, "openingMessageId", HelpdeskLinkItem::openingMessageId)
            .add(String.class, "lastChangeAt", HelpdeskLinkItem::lastChangeAt)
            .add(Long.class, PromptlyTable.TTL, HelpdeskLinkItem::expiresAt)
            .build();
}
