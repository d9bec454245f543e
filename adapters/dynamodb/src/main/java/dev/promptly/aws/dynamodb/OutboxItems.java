package dev.promptly.aws.dynamodb;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.promptly.core.ShopDomain;
import dev.promptly.core.outbox.OutboxKind;
import dev.promptly.core.outbox.OutboxMessage;
import dev.promptly.core.outbox.OutboxStatus;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The stored form of an {@link OutboxMessage}: status, kind and times as top-level attributes (for the
 * sender's conditions and for reading the table by hand), the content as one JSON document. While a
 * message is pending it carries {@link PromptlyTable#OUTBOX_DUE_SHARD}/{@link PromptlyTable#OUTBOX_DUE_AT},
 * which put it in the sparse {@code OutboxDue} index the sender sweeps.
 */
final class OutboxItems {
    static final String SK_PREFIX = "OUTBOX#";
    /** One shard: due outbox items are few at any moment, far below one partition's throughput. */
    static final String DUE_SHARD = "OUTBOX";
    private static final ObjectMapper JSON = new ObjectMapper();

    private OutboxItems() {
    }

    static Map<String, AttributeValue> toItem(OutboxMessage m, long expiresAt) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put(PromptlyTable.PK, s(m.shop().value()));
        item.put(PromptlyTable.SK, s(SK_PREFIX + m.id()));
        item.put("kind", s(m.kind().wire()));
        item.put("status", s(m.status().wire()));
        item.put("channel", s(m.channel()));
        item.put(PromptlyTable.CREATED_AT, s(m.createdAt().toString()));
        item.put("attempts", AttributeValue.fromN(Integer.toString(m.attempts())));
        if (m.conversationId() != null) {
            item.put("conversationId", s(m.conversationId()));
        }
        if (m.orderId() != null) {
            item.put("orderId", s(m.orderId()));
        }
        if (m.status() == OutboxStatus.PENDING) {
            Instant due = m.notBefore() != null ? m.notBefore() : m.createdAt();
            item.put(PromptlyTable.OUTBOX_DUE_SHARD, s(DUE_SHARD));
            item.put(PromptlyTable.OUTBOX_DUE_AT, s(PromptlyTable.sortable(due)));
        }
        if (m.sentAt() != null) {
            item.put("sentAt", s(m.sentAt().toString()));
        }
        if (m.lastError() != null) {
            item.put("lastError", s(m.lastError()));
        }
        if (m.providerMessageId() != null) {
            item.put("providerMessageId", s(m.providerMessageId()));
        }
        item.put("doc", s(document(m)));
        item.put(PromptlyTable.TTL, AttributeValue.fromN(Long.toString(expiresAt)));
        return item;
    }

    static OutboxMessage fromItem(Map<String, AttributeValue> item) {
        JsonNode doc;
        try {
            doc = JSON.readTree(item.get("doc").s());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("outbox item " + item.get(PromptlyTable.SK).s() + " has an unreadable document", e);
        }
        Map<String, String> headers = new LinkedHashMap<>();
        doc.path("headers").fields().forEachRemaining(h -> headers.put(h.getKey(), h.getValue().asText()));
        String dueAt = string(item, PromptlyTable.OUTBOX_DUE_AT);
        return new OutboxMessage(
                new ShopDomain(item.get(PromptlyTable.PK).s()),
                item.get(PromptlyTable.SK).s().substring(SK_PREFIX.length()),
                OutboxKind.fromWire(item.get("kind").s()),
                item.get("channel").s(),
                text(doc, "to"), text(doc, "from"), text(doc, "reply_to"),
                doc.path("subject").asText(), doc.path("text").asText(), text(doc, "html"),
                headers,
                string(item, "conversationId"), string(item, "orderId"),
                Instant.parse(item.get(PromptlyTable.CREATED_AT).s()),
                OutboxStatus.fromWire(item.get("status").s()),
                dueAt == null ? null : Instant.parse(dueAt),
                item.containsKey("attempts") ? Integer.parseInt(item.get("attempts").n()) : 0,
                string(item, "lastError"),
                string(item, "sentAt") == null ? null : Instant.parse(string(item, "sentAt")),
                string(item, "providerMessageId"));
    }

    private static String document(OutboxMessage m) {
        ObjectNode doc = JSON.createObjectNode();
        doc.put("to", m.to());
        doc.put("from", m.from());
        doc.put("reply_to", m.replyTo());
        doc.put("subject", m.subject());
        doc.put("text", m.text());
        doc.put("html", m.html());
        ObjectNode headers = doc.putObject("headers");
        m.headers().forEach(headers::put);
        try {
            return JSON.writeValueAsString(doc);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("an outbox document is always serialisable", e);
        }
    }

    private static String text(JsonNode doc, String field) {
        JsonNode value = doc.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    static String string(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        return value == null ? null : value.s();
    }

    static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }
}
