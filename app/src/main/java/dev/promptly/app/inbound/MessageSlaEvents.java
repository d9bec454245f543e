package dev.promptly.app.inbound;

import dev.promptly.app.sla.ShopSla;
import dev.promptly.config.PromptlyConfig;
import dev.promptly.core.ShopDomain;
import dev.promptly.core.message.Conversation;
import dev.promptly.core.message.ConversationStatus;
import dev.promptly.core.message.InboundMessage;
import dev.promptly.core.shopify.Order;
import dev.promptly.core.sla.Priority;
import dev.promptly.core.sla.SlaEvent;
import dev.promptly.core.sla.SlaEventType;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The SLA events an inbound message writes with its conversation, and the conversation's next SLA
 * checkpoint after them (the time the SLA monitor looks at it again). Thread-safe.
 */
final class MessageSlaEvents {
    private final Map<ShopDomain, ShopSla> slas;
    private final Clock clock;

    MessageSlaEvents(PromptlyConfig config, Clock clock) {
        this.slas = ShopSla.of(config);
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** A follow-up's customer message resumes the clocks (and starts a next-response cycle); automatic mail does not. */
    static List<SlaEvent> ofFollowUp(InboundMessage message, boolean startsClocks) {
        return startsClocks ? List.of(SlaEvent.customerMessage(message.receivedAt(), null, null)) : List.of();
    }

    /**
     * The SLA events a new conversation starts with: the customer's message (with the total and the
     * customer tags of the order it names, for policies that match on them), the automatic reply (recorded,
     * never counted as a response) and, when that reply left the conversation waiting on the customer, the
     * pause. None for spam and automatic mail ({@code startsClocks} false).
     */
    static List<SlaEvent> opening(InboundMessage message, Conversation conversation, Optional<Order> order, boolean replied,
                                  boolean startsClocks, Instant now) {
        return opening(message, conversation, order, replied, startsClocks, false, now);
    }

    /**
     * As above; {@code urgent} adds, right after the customer's message, the priority {@code urgent}, so the
     * shop's policy for urgent conversations applies from the start (a change the team must make before the parcel leaves).
     */
    static List<SlaEvent> opening(InboundMessage message, Conversation conversation, Optional<Order> order, boolean replied,
                                  boolean startsClocks, boolean urgent, Instant now) {
        if (!startsClocks) {
            return List.of();
        }
        // No lambdas here or in responseDue: every intake function's first invoke runs both, and pays for each lambda.
        String total = order.isPresent() ? order.get().totalPrice() : null;
        BigDecimal orderValue = total == null ? null : amount(total).orElse(null);
        Set<String> customerTags = order.isPresent() ? Set.copyOf(order.get().customer().tags()) : Set.of();
        List<SlaEvent> events = new ArrayList<>();
        events.add(SlaEvent.customerMessage(message.receivedAt(), orderValue, customerTags));
        if (urgent) {
            events.add(SlaEvent.priorityChanged(message.receivedAt(), Priority.URGENT));
        }
        if (replied) {
            Instant at = now.isBefore(message.receivedAt()) ? message.receivedAt() : now;
            events.add(SlaEvent.of(SlaEventType.AUTO_REPLY, at));
            if (conversation.status() == ConversationStatus.WAITING_ON_CUSTOMER) {
                events.add(SlaEvent.of(SlaEventType.WAITING_ON_CUSTOMER, at));
            }
        }
        return events;
    }

    /** The conversation's next SLA checkpoint once {@code added} is appended to {@code recorded}. */
    Optional<Instant> checkpoint(Conversation conversation, List<SlaEvent> recorded, List<SlaEvent> added) {
        if (added.isEmpty() && recorded.isEmpty()) {
            return Optional.empty();
        }
        ShopSla sla = slas.get(conversation.shop());
        List<SlaEvent> all = new ArrayList<>(recorded);
        all.addAll(added);
        Instant now = clock.instant();
        return sla.checkpointAfterChange(sla.report(conversation, all, now), now);
    }

    /** When the earliest running response clock is due once {@code added} is appended to {@code recorded}; empty when none runs. */
    Optional<Instant> responseDue(Conversation conversation, List<SlaEvent> recorded, List<SlaEvent> added) {
        if (added.isEmpty() && recorded.isEmpty()) {
            return Optional.empty();
        }
        List<SlaEvent> all = new ArrayList<>(recorded);
        all.addAll(added);
        Instant earliest = null;
        for (var slaClock : slas.get(conversation.shop()).report(conversation, all, clock.instant()).clocks()) {
            if (slaClock.state() == dev.promptly.core.sla.ClockState.RUNNING) {
                Instant due = Objects.requireNonNull(slaClock.dueAt(), "dueAt");
                if (earliest == null || due.compareTo(earliest) < 0) {
                    earliest = due;
                }
            }
        }
        return Optional.ofNullable(earliest);
    }

    private static Optional<BigDecimal> amount(String total) {
        try {
            return Optional.of(new BigDecimal(total.trim()));
        } catch (RuntimeException unreadable) {
            return Optional.empty();
        }
    }
}
