package dev.promptly.aws.dynamodb;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.promptly.core.ShopDomain;
import dev.promptly.core.json.JsonTrees;
import dev.promptly.core.message.Channel;
import dev.promptly.core.message.Conversation;
import dev.promptly.core.message.ConversationId;
import dev.promptly.core.message.ConversationStatus;
import dev.promptly.core.message.InboundMessage;
import dev.promptly.core.message.Sender;
import dev.promptly.core.message.Words;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Base64;

/**
 * Stored forms of conversations, their messages and the pointer items that find a conversation by a
 * message id or a chat session. Message ids and sessions are hashed into keys: they are client-chosen,
 * unbounded in length, and may contain personal data.
 */
final class ConversationItems {
    static final String CONVERSATION = "CONV#";
    static final String MESSAGE = "MSG#";
    static final String MESSAGE_ID = "MSGID#";
    static final String SESSION = "SESSION#";
    static final String ACK = "ACK#";
    /** {@code ORDERCONV#<orderId>#<conversationId>}: the conversations about an order, for the delay scan. */
    static final String ORDER_CONVERSATION = "ORDERCONV#";
    /** On a message received through SES: the SES message id its raw MIME is stored under. */
    static final String RAW_MAIL_ID = "rawMailId";
    /** Characters of a message's text kept (UTF-8 may take 4 bytes each, so this stays far below 400 KB). */
    static final int MAX_STORED_TEXT = 50_000;
    /** Attachment notes kept per message (the mail parser reads at most 200 parts); the rest are counted. */
    static final int MAX_STORED_ATTACHMENTS = 100;
    /** Characters kept of an attachment's file name and type: 255 is the longest file name most file systems allow. */
    static final int MAX_ATTACHMENT_NAME = 255;

    private ConversationItems() {
    }

    static String messageIdKey(String messageId) {
        return MESSAGE_ID + digest(messageId.trim());
    }

    static String orderConversationKey(String orderId, ConversationId conversation) {
        return ORDER_CONVERSATION + orderId + "#" + conversation.value();
    }

    static String sessionKey(String sessionId) {
        return SESSION + digest(sessionId.trim());
    }

    static PointerItem pointer(ShopDomain shop, String sk, ConversationId conversation, String direction, long expiresAt) {
        return new PointerItem(shop.value(), sk, conversation.value(), direction, expiresAt);
    }

    static ConversationItem conversation(Conversation c, long version, long expiresAt) {
        ObjectNode doc = JsonTrees.object();
        ObjectNode customer = doc.putObject("customer");
        customer.put("name", c.customer().name());
        customer.put("email", c.customer().email());
        customer.put("phone", c.customer().phone());
        doc.put("language", c.language());
        doc.put("subject", c.subject());
        doc.put("session_id", c.sessionId());
        doc.put("message_count", c.messageCount());
        if (c.verifiedPhone() != null) {
            doc.put("verified_phone", c.verifiedPhone());
        }
        if (c.intent() != null) {
            doc.put("intent", c.intent());
        }
        if (c.wismoReply() != null) {
            doc.put("wismo_reply", c.wismoReply());
        }
        return new ConversationItem(c.shop().value(), CONVERSATION + c.id().value(), version, c.status().wire(), c.channel().wire(),
                c.createdAt().toString(), c.lastMessageAt().toString(), c.orderId(), null, null, write(doc), expiresAt);
    }

    static Conversation conversation(ConversationItem item) {
        JsonNode doc = read(item.doc());
        JsonNode customer = doc.path("customer");
        return new Conversation(
                new ShopDomain(item.pk()),
                new ConversationId(item.sk().substring(CONVERSATION.length())),
                Channel.fromWire(item.channel()).orElseThrow(),
                ConversationStatus.fromWire(item.status()),
                new Sender(text(customer, "name"), text(customer, "email"), text(customer, "phone")),
                text(doc, "language"), text(doc, "subject"), item.orderId(), text(doc, "session_id"),
                Instant.parse(item.openedAt()), Instant.parse(item.lastMessageAt()),
                doc.path("message_count").asInt(), text(doc, "verified_phone"), text(doc, "intent"), text(doc, "wismo_reply"));
    }

    /** A customer message as the team reads it; the headers kept are the ones a person may need. */
    static MessageItem message(InboundMessage m, ConversationId conversation, String skipReason, long expiresAt) {
        String sk = MESSAGE + conversation.value() + "#" + m.receivedAt() + "#" + digest(m.messageId()).substring(0, 8);
        ObjectNode doc = JsonTrees.object();
        doc.put("message_id", m.messageId());
        doc.put("channel", m.channel().wire());
        doc.put("subject", m.subject());
        // DynamoDB items stop at 400 KB; the text the team reads is capped well below, never inside a character, and says so.
        boolean truncated = m.text().length() > MAX_STORED_TEXT;
        doc.put("text", Words.head(m.text(), MAX_STORED_TEXT));
        if (truncated) {
            doc.put("text_truncated", true);
        }
        doc.put("spam", m.spam());
        if (skipReason != null) {
            doc.put("no_reply_reason", skipReason);
        }
        var attachments = doc.putArray("attachments");
        // Attachment notes are the sender's to choose: a bounded number of bounded notes keeps the item far below 400 KB.
        m.attachments().stream().limit(MAX_STORED_ATTACHMENTS).forEach(a -> attachments.addObject()
                .put("filename", Words.head(a.filename(), MAX_ATTACHMENT_NAME)).put("content_type", Words.head(a.contentType(), MAX_ATTACHMENT_NAME))
                .put("size_bytes", a.sizeBytes()));
        if (m.attachments().size() > MAX_STORED_ATTACHMENTS) {
            doc.put("attachments_omitted", m.attachments().size() - MAX_STORED_ATTACHMENTS);
        }
        // rawMailId: where SES stored the raw MIME; a redaction deletes that copy by it.
        return new MessageItem(m.shop().value(), sk, conversation.value(), "in", m.receivedAt().toString(), m.rawMailId(), write(doc),
                expiresAt);
    }

    static JsonNode messageDocument(MessageItem item) {
        ObjectNode doc = (ObjectNode) read(item.doc());
        doc.put("direction", item.direction());
        doc.put("received_at", item.receivedAt());
        return doc;
    }

    static String digest(String text) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(hash).substring(0, 27);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    private static String write(JsonNode doc) {
        try {
            return JsonTrees.writeString(doc);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree is always serialisable", e);
        }
    }

    private static JsonNode read(String json) {
        try {
            return JsonTrees.read(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a stored document is unreadable", e);
        }
    }
}
