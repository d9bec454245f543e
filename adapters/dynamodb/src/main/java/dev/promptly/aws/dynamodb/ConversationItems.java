package dev.promptly.aws.dynamodb;

import static dev.promptly.aws.dynamodb.OutboxItems.s;
import static dev.promptly.aws.dynamodb.OutboxItems.string;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.promptly.core.ShopDomain;
import dev.promptly.core.message.Channel;
import dev.promptly.core.message.Conversation;
import dev.promptly.core.message.ConversationId;
import dev.promptly.core.message.ConversationStatus;
import dev.promptly.core.message.InboundMessage;
import dev.promptly.core.message.Sender;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

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
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Characters of a message's text kept (UTF-8 may take 4 bytes each, so this stays far below 400 KB). */
    static final int MAX_STORED_TEXT = 50_000;
    /** Attachment notes kept per message (the mail parser reads at most 200 parts); the rest are counted. */
    static final int MAX_STORED_ATTACHMENTS = 100;
    /** Characters kept of an attachment's file name and type: 255 is the longest file name most file systems allow. */
    static final int MAX_ATTACHMENT_NAME = 255;

    private ConversationItems() {
    }

    static Map<String, AttributeValue> key(ShopDomain shop, String sk) {
        return Map.of(PromptlyTable.PK, s(shop.value()), PromptlyTable.SK, s(sk));
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

    static Map<String, AttributeValue> pointer(ShopDomain shop, String sk, ConversationId conversation, String direction, long expiresAt) {
        Map<String, AttributeValue> item = new HashMap<>(key(shop, sk));
        item.put("conversationId", s(conversation.value()));
        item.put("direction", s(direction));
        item.put(PromptlyTable.TTL, AttributeValue.fromN(Long.toString(expiresAt)));
        return item;
    }

    static Map<String, AttributeValue> conversation(Conversation c, long version, long expiresAt) {
        Map<String, AttributeValue> item = new HashMap<>(key(c.shop(), CONVERSATION + c.id().value()));
        item.put("version", AttributeValue.fromN(Long.toString(version)));
        item.put("status", s(c.status().wire()));
        item.put("channel", s(c.channel().wire()));
        item.put("openedAt", s(c.createdAt().toString()));
        item.put("lastMessageAt", s(c.lastMessageAt().toString()));
        if (c.orderId() != null) {
            item.put("orderId", s(c.orderId()));
        }
        ObjectNode doc = JSON.createObjectNode();
        ObjectNode customer = doc.putObject("customer");
        customer.put("name", c.customer().name());
        customer.put("email", c.customer().email());
        customer.put("phone", c.customer().phone());
        doc.put("language", c.language());
        doc.put("subject", c.subject());
        doc.put("session_id", c.sessionId());
        doc.put("message_count", c.messageCount());
        item.put("doc", s(write(doc)));
        item.put(PromptlyTable.TTL, AttributeValue.fromN(Long.toString(expiresAt)));
        return item;
    }

    static Conversation conversation(Map<String, AttributeValue> item) {
        JsonNode doc = read(item.get("doc").s());
        JsonNode customer = doc.path("customer");
        return new Conversation(
                new ShopDomain(item.get(PromptlyTable.PK).s()),
                new ConversationId(item.get(PromptlyTable.SK).s().substring(CONVERSATION.length())),
                Channel.fromWire(item.get("channel").s()).orElseThrow(),
                ConversationStatus.fromWire(item.get("status").s()),
                new Sender(text(customer, "name"), text(customer, "email"), text(customer, "phone")),
                text(doc, "language"), text(doc, "subject"), string(item, "orderId"), text(doc, "session_id"),
                Instant.parse(item.get("openedAt").s()), Instant.parse(item.get("lastMessageAt").s()),
                doc.path("message_count").asInt());
    }

    static long version(Map<String, AttributeValue> item) {
        return Long.parseLong(item.get("version").n());
    }

    /** A customer message as the team reads it; the headers kept are the ones a person may need. */
    static Map<String, AttributeValue> message(InboundMessage m, ConversationId conversation, String skipReason, long expiresAt) {
        String sk = MESSAGE + conversation.value() + "#" + m.receivedAt() + "#" + digest(m.messageId()).substring(0, 8);
        Map<String, AttributeValue> item = new HashMap<>(key(m.shop(), sk));
        item.put("conversationId", s(conversation.value()));
        item.put("direction", s("in"));
        item.put("receivedAt", s(m.receivedAt().toString()));
        if (m.rawMailId() != null) {
            // Where SES stored the raw MIME: a redaction deletes that copy by it.
            item.put(RAW_MAIL_ID, s(m.rawMailId()));
        }
        ObjectNode doc = JSON.createObjectNode();
        doc.put("message_id", m.messageId());
        doc.put("channel", m.channel().wire());
        doc.put("subject", m.subject());
        // DynamoDB items stop at 400 KB; the text the team reads is capped well below, and says so.
        boolean truncated = m.text().length() > MAX_STORED_TEXT;
        doc.put("text", truncated ? m.text().substring(0, MAX_STORED_TEXT) : m.text());
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
                .put("filename", bounded(a.filename(), MAX_ATTACHMENT_NAME)).put("content_type", bounded(a.contentType(), MAX_ATTACHMENT_NAME))
                .put("size_bytes", a.sizeBytes()));
        if (m.attachments().size() > MAX_STORED_ATTACHMENTS) {
            doc.put("attachments_omitted", m.attachments().size() - MAX_STORED_ATTACHMENTS);
        }
        item.put("doc", s(write(doc)));
        item.put(PromptlyTable.TTL, AttributeValue.fromN(Long.toString(expiresAt)));
        return item;
    }

    static JsonNode messageDocument(Map<String, AttributeValue> item) {
        ObjectNode doc = (ObjectNode) read(item.get("doc").s());
        doc.put("direction", item.get("direction").s());
        doc.put("received_at", item.get("receivedAt").s());
        return doc;
    }

    private static String bounded(String value, int max) {
        return value == null || value.length() <= max ? value : value.substring(0, max);
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
            return JSON.writeValueAsString(doc);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree is always serialisable", e);
        }
    }

    private static JsonNode read(String json) {
        try {
            return JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a stored document is unreadable", e);
        }
    }
}
