package dev.promptly.helpdesk;

import com.fasterxml.jackson.databind.JsonNode;
import dev.promptly.app.helpdesk.HelpdeskEvent;
import dev.promptly.app.helpdesk.HelpdeskEvent.Author;
import dev.promptly.app.helpdesk.HelpdeskEvent.TicketMessage;
import dev.promptly.app.helpdesk.HelpdeskEvent.TicketStatus;
import dev.promptly.core.error.InvalidInputException;
import dev.promptly.core.json.JsonTrees;
import dev.promptly.core.sla.Priority;
import java.io.IOException;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The body Promptly asks Zendesk triggers, Gorgias HTTP integrations and Freshdesk webhook actions to send
 * (their body templates fill it with the vendor's placeholders; see docs/helpdesks.md):
 * <pre>{"event": "customer_message" | "agent_reply" | "ticket_updated", "ticket_id", "updated_at",
 *  "status", "priority", "tags", "subject", "requester_email", "requester_name", "comment_id", "comment"}</pre>
 * Status and priority are the vendor's words, mapped by the connector; {@code tags} a list or one string
 * separated by spaces or commas, as the placeholders render them. Unknown fields are ignored.
 */
final class TemplatedWebhook {
    static final int MAX_COMMENT = 100_000;
    private static final int MAX_TAGS = 50;

    /** How a vendor's status and priority words (lower-case) map to ours. */
    record Words(Map<String, TicketStatus> status, Map<String, Priority> priority) {
    }

    private TemplatedWebhook() {
    }

    static List<HelpdeskEvent> read(String vendor, String deliveryId, byte[] body, Words words) {
        return read(vendor, deliveryId, body, words, Optional.empty());
    }

    /** As above; without an {@code updated_at} in the body, the change time is {@code receivedAt} when given. */
    static List<HelpdeskEvent> read(String vendor, String deliveryId, byte[] body, Words words, Optional<Instant> receivedAt) {
        JsonNode root;
        try {
            root = JsonTrees.read(body);
        } catch (IOException e) {
            throw new InvalidInputException("body", "is not valid JSON");
        }
        if (root == null || !root.isObject()) {
            throw new InvalidInputException("body", "must be a JSON object (see docs/helpdesks.md for the " + vendor + " body template)");
        }
        String event = text(root, "event");
        if (event == null || !Set.of("customer_message", "agent_reply", "ticket_updated").contains(event)) {
            throw new InvalidInputException("event", "must be customer_message, agent_reply or ticket_updated");
        }
        String ticket = text(root, "ticket_id");
        if (ticket == null || !ticket.matches("[A-Za-z0-9_-]{1," + HelpdeskEvent.MAX_TICKET_ID + "}")) {
            throw new InvalidInputException("ticket_id", "is required: the ticket's id");
        }
        String updatedAt = text(root, "updated_at");
        Instant at = updatedAt == null && receivedAt.isPresent() ? receivedAt.get() : instant(updatedAt);
        Optional<TicketMessage> message = Optional.empty();
        if (!event.equals("ticket_updated")) {
            String comment = text(root, "comment");
            if (comment == null) {
                throw new InvalidInputException("comment", "is required with event " + event);
            }
            if (comment.length() > MAX_COMMENT) {
                throw new InvalidInputException("comment", "is longer than " + MAX_COMMENT + " characters");
            }
            String commentId = Optional.ofNullable(text(root, "comment_id")).orElseGet(() -> WebhookSignatures.digest(ticket, body));
            message = Optional.of(new TicketMessage(commentId.length() > 64 ? commentId.substring(0, 64) : commentId,
                    event.equals("customer_message") ? Author.CUSTOMER : Author.AGENT, comment, text(root, "requester_email"),
                    text(root, "requester_name"), text(root, "subject"), at));
        }
        return List.of(new HelpdeskEvent(deliveryId, ticket, at,
                Optional.ofNullable(text(root, "status")).map(w -> words.status().get(w.toLowerCase(Locale.ROOT))),
                Optional.ofNullable(text(root, "priority")).map(w -> words.priority().get(w.toLowerCase(Locale.ROOT))),
                tags(root.get("tags")), message));
    }

    private static Optional<Set<String>> tags(JsonNode node) {
        if (node == null || node.isNull()) {
            return Optional.empty();
        }
        Set<String> tags = new LinkedHashSet<>();
        if (node.isArray()) {
            node.forEach(t -> {
                String tag = t.isObject() ? t.path("name").asText("") : t.asText("");
                if (!tag.isBlank()) {
                    tags.add(tag.trim());
                }
            });
        } else if (node.isTextual()) {
            for (String tag : node.asText().split("[,\\s]+")) {
                if (!tag.isBlank()) {
                    tags.add(tag);
                }
            }
        } else {
            throw new InvalidInputException("tags", "must be a list or a string of tags");
        }
        if (tags.size() > MAX_TAGS || tags.stream().anyMatch(t -> t.length() > 64)) {
            throw new InvalidInputException("tags", "at most " + MAX_TAGS + " tags of at most 64 characters");
        }
        return Optional.of(tags);
    }

    /** ISO-8601 with offset, or epoch seconds; Freshdesk and Zendesk render dates either way depending on the placeholder. */
    static Instant instant(String raw) {
        if (raw == null) {
            throw new InvalidInputException("updated_at", "is required: when the ticket changed (ISO-8601 or epoch seconds)");
        }
        try {
            if (raw.matches("[0-9]{9,11}")) {
                return Instant.ofEpochSecond(Long.parseLong(raw));
            }
            return OffsetDateTime.parse(raw.replace(' ', 'T'), DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
        } catch (DateTimeException | NumberFormatException e) {
            throw new InvalidInputException("updated_at", "must be an ISO-8601 date-time with offset or epoch seconds");
        }
    }

    static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        String text = value.isValueNode() ? value.asText() : null;
        return text == null || text.isBlank() ? null : text.trim();
    }
}
