package dev.promptly.aws.dynamodb;

import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.primaryPartitionKey;
import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.primarySortKey;

import software.amazon.awssdk.enhanced.dynamodb.mapper.StaticImmutableTableSchema;

/**
 * One direction of a helpdesk ticket's link to a conversation: {@code HDTICKET#<vendor>#<ticket>} (ticket
 * to conversation, with the id of the conversation's opening message and the vendor time of the newest
 * ticket state applied) or {@code HDCONV#<conversation>} (conversation to ticket). Both are written in one
 * transaction; they expire with the conversation.
 */
public record HelpdeskLinkItem(String pk, String sk, String vendor, String ticketId, String conversationId, String openingMessageId,
                               String lastChangeAt, Long expiresAt) {
    static final String TICKET_PREFIX = "HDTICKET#";
    static final String CONVERSATION_PREFIX = "HDCONV#";

    public static final StaticImmutableTableSchema<HelpdeskLinkItem, Builder> SCHEMA =
            StaticImmutableTableSchema.builder(HelpdeskLinkItem.class, Builder.class)
                    .newItemBuilder(Builder::new, Builder::build)
                    .addAttribute(String.class, a -> a.name(PromptlyTable.PK).getter(HelpdeskLinkItem::pk).setter(Builder::pk)
                            .tags(primaryPartitionKey()))
                    .addAttribute(String.class, a -> a.name(PromptlyTable.SK).getter(HelpdeskLinkItem::sk).setter(Builder::sk)
                            .tags(primarySortKey()))
                    .addAttribute(String.class, a -> a.name("vendor").getter(HelpdeskLinkItem::vendor).setter(Builder::vendor))
                    .addAttribute(String.class, a -> a.name("ticketId").getter(HelpdeskLinkItem::ticketId).setter(Builder::ticketId))
                    .addAttribute(String.class, a -> a.name("conversationId").getter(HelpdeskLinkItem::conversationId)
                            .setter(Builder::conversationId))
                    .addAttribute(String.class, a -> a.name("openingMessageId").getter(HelpdeskLinkItem::openingMessageId)
                            .setter(Builder::openingMessageId))
                    .addAttribute(String.class, a -> a.name("lastChangeAt").getter(HelpdeskLinkItem::lastChangeAt)
                            .setter(Builder::lastChangeAt))
                    .addAttribute(Long.class, a -> a.name(PromptlyTable.TTL).getter(HelpdeskLinkItem::expiresAt).setter(Builder::expiresAt))
                    .build();

    /** The mapper's builder; not thread-safe. */
    public static final class Builder {
        private String pk;
        private String sk;
        private String vendor;
        private String ticketId;
        private String conversationId;
        private String openingMessageId;
        private String lastChangeAt;
        private Long expiresAt;

        public Builder pk(String value) { pk = value; return this; }
        public Builder sk(String value) { sk = value; return this; }
        public Builder vendor(String value) { vendor = value; return this; }
        public Builder ticketId(String value) { ticketId = value; return this; }
        public Builder conversationId(String value) { conversationId = value; return this; }
        public Builder openingMessageId(String value) { openingMessageId = value; return this; }
        public Builder lastChangeAt(String value) { lastChangeAt = value; return this; }
        public Builder expiresAt(Long value) { expiresAt = value; return this; }

        public HelpdeskLinkItem build() {
            return new HelpdeskLinkItem(pk, sk, vendor, ticketId, conversationId, openingMessageId, lastChangeAt, expiresAt);
        }
    }
}
