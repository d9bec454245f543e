package dev.promptly.aws.dynamodb;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.promptly.core.ShopDomain;
import dev.promptly.core.json.JsonTrees;
import dev.promptly.core.outbox.OutboxKind;
import dev.promptly.core.outbox.OutboxMessage;
import dev.promptly.core.outbox.OutboxStatus;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

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

    private OutboxItems() {
    }

    static OutboxItem item(OutboxMessage m, long expiresAt) {
        boolean pending = m.status() == OutboxStatus.PENDING;
        Instant due = m.notBefore() != null ? m.notBefore() : m.createdAt();
        return new OutboxItem(m.shop().value(), SK_PREFIX + m.id(), m.kind().wire(), m.status().wire(), m.channel(),
                m.createdAt().toString(), m.attempts(), m.conversationId(), m.orderId(),
                pending ? DUE_SHARD : null, pending ? PromptlyTable.sortable(due) : null, null,
                m.sentAt() == null ? null : m.sentAt().toString(), m.lastError(), m.providerMessageId(), document(m), expiresAt);
    }

    static OutboxMessage message(OutboxItem item) {
        JsonNode doc;
        try {
            doc = JsonTrees.read(item.doc());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("outbox item " + item.sk() + " has an unreadable document", e);
        }
        Map<String, String> headers = new LinkedHashMap<>();
        doc.path("headers").fields().forEachRemaining(h -> headers.put(h.getKey(), h.getValue().asText()));
        return new OutboxMessage(
                new ShopDomain(item.pk()),
                item.sk().substring(SK_PREFIX.length()),
                OutboxKind.fromWire(item.kind()),
                item.channel(),
                text(doc, "to"), text(doc, "from"), text(doc, "reply_to"),
                doc.path("subject").asText(), doc.path("text").asText(), text(doc, "html"),
                headers,
                item.conversationId(), item.orderId(),
                Instant.parse(item.createdAt()),
                OutboxStatus.fromWire(item.status()),
                item.outboxDueAt() == null ? null : Instant.parse(item.outboxDueAt()),
                item.attempts() == null ? 0 : item.attempts(),
                item.lastError(),
                item.sentAt() == null ? null : Instant.parse(item.sentAt()),
                item.providerMessageId());
    }

    private static String document(OutboxMessage m) {
        ObjectNode doc = JsonTrees.object();
        doc.put("to", m.to());
        doc.put("from", m.from());
        doc.put("reply_to", m.replyTo());
        doc.put("subject", m.subject());
        doc.put("text", m.text());
        doc.put("html", m.html());
        ObjectNode headers = doc.putObject("headers");
        m.headers().forEach(headers::put);
        try {
            return JsonTrees.writeString(doc);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("an outbox document is always serialisable", e);
        }
    }

    private static String text(JsonNode doc, String field) {
        JsonNode value = doc.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }
}
