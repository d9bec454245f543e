package dev.promptly.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import dev.promptly.app.port.ConversationStore.AckDecision;
import dev.promptly.app.port.ConversationStore.StoredConversation;
import dev.promptly.app.port.DeliveryReports;
import dev.promptly.aws.dynamodb.DynamoDelayStore;
import dev.promptly.aws.dynamodb.DynamoOutboxStore;
import dev.promptly.config.PromptlyConfig;
import dev.promptly.core.ShopDomain;
import dev.promptly.core.delay.Delay;
import dev.promptly.core.delay.DelayAssessment;
import dev.promptly.core.message.Conversation;
import dev.promptly.core.outbox.OutboxMessage;
import java.io.IOException;
import java.net.URI;
import java.time.Instant;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The JSON the local-only inspection routes answer with. */
final class LocalViews {
    private static final ObjectMapper JSON = new ObjectMapper();

    private LocalViews() {
    }

    /** Every shop's outgoing messages, oldest first. */
    static ArrayNode outbox(PromptlyConfig config, DynamoOutboxStore store) {
        List<OutboxMessage> all = new ArrayList<>();
        config.shops().keySet().forEach(shop -> all.addAll(store.list(shop)));
        all.sort(Comparator.comparing(OutboxMessage::createdAt).thenComparing(OutboxMessage::id));
        ArrayNode array = JSON.createArrayNode();
        // Beside the ISO time, the time in the message's shop's zone, as the dashboard shows it.
        all.forEach(m -> array.add(outboxMessage(m).put("created_local",
                config.shop(m.shop()).map(s -> DashboardConversations.local(m.createdAt(), s.timeZone())).orElse(null))));
        addDeliveryStates(array, store);
        return array;
    }

    /**
     * Adds {@code delivery_state} (sent, delivered, read, failed) to the WhatsApp records among
     * {@code records}: what WhatsApp's status webhooks reported after the send (one read per such record).
     */
    static void addDeliveryStates(ArrayNode records, DeliveryReports reports) {
        for (JsonNode record : records) {
            if ("whatsapp".equals(record.path("channel").asText())) {
                reports.deliveryState(new ShopDomain(record.path("shop").asText()), record.path("id").asText())
                        .ifPresent(state -> ((ObjectNode) record).put("delivery_state", state.wire()));
            }
        }
    }

    /**
     * An order's delay state: whether it is late now and how, the notices decided (and what was done:
     * notice, note, unreachable, refused) and when the scan looks at it next.
     */
    static ObjectNode delayState(DelayAssessment assessment, List<DynamoDelayStore.DecidedNotice> decisions, Optional<Instant> nextCheck) {
        ObjectNode node = JSON.createObjectNode();
        node.put("notifiable", assessment.notifiable());
        node.put("late", !assessment.delays().isEmpty());
        ArrayNode delays = node.putArray("delays");
        for (Delay delay : assessment.delays()) {
            ObjectNode d = delays.addObject();
            d.put("stage", delay.stage().wire());
            d.put("fulfillment_id", delay.fulfillmentId());
            d.put("since", delay.since().toString());
            d.put("new_expectation", delay.newExpectation() == null ? null : delay.newExpectation().toString());
            d.put("key", delay.key());
        }
        ArrayNode notices = node.putArray("notices");
        decisions.forEach(decision -> notices.addObject().put("key", decision.key()).put("decided_at", decision.decidedAt().toString())
                .put("outcome", decision.outcome()));
        node.put("next_check_at", nextCheck.map(Instant::toString).orElse(null));
        return node;
    }

    static ObjectNode outboxMessage(OutboxMessage m) {
        ObjectNode node = JSON.createObjectNode();
        node.put("id", m.id());
        node.put("shop", m.shop().value());
        node.put("kind", m.kind().wire());
        node.put("channel", m.channel());
        node.put("to", m.to());
        node.put("from", m.from());
        node.put("reply_to", m.replyTo());
        node.put("subject", m.subject());
        node.put("text", m.text());
        node.put("html", m.html());
        ObjectNode headers = node.putObject("headers");
        m.headers().forEach(headers::put);
        node.put("conversation_id", m.conversationId());
        node.put("order_id", m.orderId());
        node.put("created_at", m.createdAt().toString());
        node.put("status", m.status().wire());
        node.put("attempts", m.attempts());
        node.put("sent_at", m.sentAt() == null ? null : m.sentAt().toString());
        node.put("last_error", m.lastError());
        node.put("provider_message_id", m.providerMessageId());
        return node;
    }

    static ArrayNode conversations(List<Conversation> conversations) {
        ArrayNode array = JSON.createArrayNode();
        conversations.forEach(c -> array.add(conversation(c)));
        return array;
    }

    static ObjectNode conversation(Conversation c) {
        ObjectNode node = JSON.createObjectNode();
        node.put("conversation_id", c.id().value());
        node.put("ticket", c.ticket());
        node.put("shop", c.shop().value());
        node.put("channel", c.channel().wire());
        node.put("status", c.status().wire());
        ObjectNode customer = node.putObject("customer");
        customer.put("name", c.customer().name());
        customer.put("email", c.customer().email());
        customer.put("phone", c.customer().phone());
        node.put("language", c.language());
        node.put("subject", c.subject());
        node.put("order_id", c.orderId());
        node.put("created_at", c.createdAt().toString());
        node.put("last_message_at", c.lastMessageAt().toString());
        node.put("message_count", c.messageCount());
        return node;
    }

    static ObjectNode conversation(StoredConversation stored, Optional<AckDecision> ack, List<JsonNode> messages,
                                   List<OutboxMessage> shopOutbox) {
        ObjectNode node = conversation(stored.conversation());
        node.put("version", stored.version());
        ack.ifPresent(a -> node.putObject("acknowledgement")
                .put("outcome", a.outcome()).put("reason", a.reason()).put("outbox_id", a.outboxId())
                .put("decided_at", a.decidedAt().toString()));
        ArrayNode list = node.putArray("messages");
        messages.forEach(list::add);
        ArrayNode sent = node.putArray("outbox");
        shopOutbox.stream().filter(m -> stored.conversation().id().value().equals(m.conversationId()))
                .forEach(m -> sent.add(outboxMessage(m)));
        return node;
    }

    /** The clocks of a conversation's SLA view without the explanation: clock, state, due time, breached. */
    static ArrayNode slaSummary(JsonNode sla) {
        ArrayNode clocks = JSON.createArrayNode();
        sla.path("clocks").forEach(c -> clocks.addObject().put("clock", c.path("clock").asText()).put("state", c.path("state").asText())
                .put("due_at", c.path("due_at").textValue()).put("breached", c.path("breached").asBoolean()));
        return clocks;
    }

    /** {@code body} as JSON, or null when it is empty or not JSON. */
    static JsonNode readJson(byte[] body) {
        try {
            return body.length == 0 ? null : JSON.readTree(body);
        } catch (IOException e) {
            return null;
        }
    }

    /**
     * The request body, or empty when it is longer than {@code limit} bytes (the rest is drained, so the
     * client reads the refusal instead of a reset connection).
     */
    static java.util.Optional<byte[]> readBody(HttpExchange exchange, int limit) throws IOException {
        byte[] body = exchange.getRequestBody().readNBytes(limit + 1);
        if (body.length > limit) {
            drain(exchange);
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(body);
    }

    /** Reads and drops what is left of the request body. */
    static void drain(HttpExchange exchange) throws IOException {
        exchange.getRequestBody().transferTo(java.io.OutputStream.nullOutputStream());
    }

    /** The first value of query parameter {@code name}, or null. */
    static String queryParameter(URI uri, String name) {
        List<String> values = queryParameters(uri).get(name);
        return values == null ? null : values.get(0);
    }

    /** Every query parameter with its values in the order given, names and values URL-decoded. */
    static Map<String, List<String>> queryParameters(URI uri) {
        Map<String, List<String>> parameters = new java.util.LinkedHashMap<>();
        String query = uri.getRawQuery();
        if (query == null) {
            return parameters;
        }
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            parameters.computeIfAbsent(key, k -> new java.util.ArrayList<>()).add(value);
        }
        return parameters;
    }
}
