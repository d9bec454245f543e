package dev.promptly.app.port;

import dev.promptly.config.HelpdeskSettings.Vendor;
import dev.promptly.core.ShopDomain;
import dev.promptly.core.message.ConversationId;
import dev.promptly.core.outbox.OutboxMessage;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * The links between helpdesk tickets and Promptly conversations (stored both ways), the markers that make
 * a webhook delivery and a team reply count once, and the helpdesk notes queued in the outbox.
 * Implementations are thread-safe.
 */
public interface HelpdeskLinks {
    /** How long a delivery or reply stays claimed: longer than the vendors retry, or a mail copy trails its webhook. */
    java.time.Duration CLAIM_LIFETIME = java.time.Duration.ofDays(7);

    /**
     * A ticket linked to a conversation. {@code openingMessageId} is the id of the message the conversation
     * was opened with, so the ticket's later messages thread into it; {@code lastChangeAt} the vendor's time
     * of the newest ticket state applied, so an older delivery is recognised as stale.
     */
    record Link(ShopDomain shop, Vendor vendor, String ticketId, ConversationId conversation, String openingMessageId,
                Instant lastChangeAt) {
        public Link {
            Objects.requireNonNull(shop, "shop");
            Objects.requireNonNull(vendor, "vendor");
            Objects.requireNonNull(ticketId, "ticketId");
            Objects.requireNonNull(conversation, "conversation");
            Objects.requireNonNull(openingMessageId, "openingMessageId");
            Objects.requireNonNull(lastChangeAt, "lastChangeAt");
        }
    }

    Optional<Link> byTicket(ShopDomain shop, Vendor vendor, String ticketId);

    Optional<Link> byConversation(ShopDomain shop, ConversationId conversation);

    /** Writes the link both ways, once; false when the ticket was linked before (nothing written). */
    boolean link(Link link, long expiresAt);

    /** Moves the link's {@code lastChangeAt} to {@code at} unless it is already there or later. */
    void advance(Link link, Instant at);

    /** Claims {@code key} (a delivery or a reply) once; false when it was claimed before. */
    boolean claim(ShopDomain shop, String key, Instant at, long expiresAt);

    /** Gives a claim back, after the work it guarded failed, so that the vendor's retry is processed. */
    void release(ShopDomain shop, String key);

    /** Queues a helpdesk outbox record once (its id is its business identity); false when it exists. */
    boolean queue(OutboxMessage message, long expiresAt);
}
