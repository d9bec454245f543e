package dev.promptly.app.helpdesk;

import dev.promptly.core.sla.Priority;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What one helpdesk webhook says about a ticket, in the vendor's terms mapped to ours. A webhook carries
 * the ticket's state as it is now (status, priority, tags) and, when one was added, its latest message;
 * the use case compares that with what Promptly recorded, so a redelivered or reordered webhook changes
 * nothing. {@code eventId} identifies the delivery (the vendor's id, or a digest of the signed body).
 *
 * @param at when the vendor says the ticket changed (its {@code updated_at}); deliveries older than the
 *           newest one applied for the ticket are stale
 */
public record HelpdeskEvent(String eventId, String ticketId, Instant at, Optional<TicketStatus> status, Optional<Priority> priority,
                            Optional<Set<String>> tags, Optional<TicketMessage> message) {
    /** At most this many characters of a ticket id: the vendors' ids are numbers or short strings. */
    public static final int MAX_TICKET_ID = 64;

    public HelpdeskEvent {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(priority, "priority");
        Objects.requireNonNull(tags, "tags");
        Objects.requireNonNull(message, "message");
        if (ticketId == null || !ticketId.matches("[A-Za-z0-9_-]{1," + MAX_TICKET_ID + "}")) {
            throw new IllegalArgumentException("a ticket id is 1 to " + MAX_TICKET_ID + " letters, digits, '-' or '_'");
        }
        tags = tags.map(Set::copyOf);
    }

    /** The ticket's status in Promptly's terms. */
    public enum TicketStatus {
        /** New or open: the team owes an answer. */
        OPEN,
        /** Pending / waiting on the customer (Zendesk pending and on-hold, Freshdesk pending, Help Scout pending). */
        WAITING_ON_CUSTOMER,
        /** Solved or closed. */
        SOLVED
    }

    /** Who wrote a ticket message. */
    public enum Author { CUSTOMER, AGENT }

    /**
     * The ticket's latest message. Internal notes are not messages here: they neither start nor stop a clock.
     *
     * @param id           the vendor's id of the message (comment, thread), unique within the account
     * @param customerName may be null
     */
    public record TicketMessage(String id, Author author, String text, String customerEmail, String customerName, String subject,
                                Instant at) {
        public TicketMessage {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(author, "author");
            Objects.requireNonNull(at, "at");
            text = text == null ? "" : text;
        }
    }

    /** The events of a webhook that carries nothing Promptly acts on (a vendor's test ping, an event type we do not use). */
    public static List<HelpdeskEvent> none() {
        return List.of();
    }
}
