package dev.promptly.app.helpdesk;

import dev.promptly.app.port.HelpdeskConnector.TicketUpdate;
import dev.promptly.app.port.HelpdeskLinks.Link;
import dev.promptly.config.HelpdeskSettings.Vendor;
import dev.promptly.core.outbox.OutboxKind;
import dev.promptly.core.outbox.OutboxMessage;
import dev.promptly.core.outbox.OutboxStatus;
import dev.promptly.core.sla.AlertStage;
import dev.promptly.core.sla.AlertText;
import dev.promptly.core.sla.Priority;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Helpdesk outbox records ({@code "kind": "helpdesk_note"}, channel {@code helpdesk}): what Promptly
 * writes on a linked ticket, and the way back from such a record to the {@link TicketUpdate} a connector
 * sends. The record's {@code to} is {@code <vendor>:<ticket id>}; its headers carry the tags to add
 * ({@code tags}, comma-separated), the priority to set ({@code priority}) and whether it is a public reply
 * ({@code public}). Its id is the business identity of what it tells, so it is queued once.
 */
public final class HelpdeskNotes {
    public static final String CHANNEL = "helpdesk";
    static final String TAGS = "tags";
    static final String PRIORITY = "priority";
    static final String PUBLIC = "public";
    static final String CUSTOMER_ADDRESS = "customer_address";
    static final String SHOP_ADDRESS = "shop_address";

    private HelpdeskNotes() {
    }

    /**
     * An internal note on the linked ticket about {@code what} (the id's business part, e.g. {@code ack-PR-…}).
     *
     * @param subject one line for the local outbox and logs; {@code text} is the note
     */
    public static OutboxMessage note(Link link, String what, String subject, String text, Set<String> tags, Optional<Priority> priority,
                                     String orderId, Instant now) {
        return record(link, "HDNOTE-" + what, subject, text, tags, priority, false, orderId, now);
    }

    /**
     * The internal note of an SLA alert stage ({@code suffix}: conversation, clock and stage) on the linked
     * ticket: the alert's text with its reason, the tag {@code promptly-sla-<warning|breach|escalation>}, and
     * urgent priority for a breach.
     */
    public static OutboxMessage slaNote(Link link, String suffix, AlertStage stage, AlertText text, Instant now) {
        String kind = stage.kind().wire();
        return note(link, "sla-" + suffix, "Promptly: SLA " + kind + " on " + link.conversation().ticket(),
                "Promptly SLA " + kind + ": " + text.plainText(), Set.of("promptly-sla-" + kind),
                stage.kind() == AlertStage.Kind.BREACH ? Optional.of(Priority.URGENT) : Optional.empty(), null, now);
    }

    /** A public reply on the linked ticket (an acknowledgement the shop sends through its helpdesk). */
    public static OutboxMessage publicReply(Link link, String what, String subject, String text, Set<String> tags, String orderId,
                                            Instant now) {
        return record(link, "HDREPLY-" + what, subject, text, tags, Optional.empty(), true, orderId, now);
    }

    /**
     * A public reply as above, addressed: the customer's address and the shop's (support) address, for
     * helpdesks whose API routes a reply by them.
     */
    public static OutboxMessage publicReply(Link link, String what, String subject, String text, Set<String> tags, String orderId,
                                            String customerAddress, String shopAddress, Instant now) {
        OutboxMessage reply = publicReply(link, what, subject, text, tags, orderId, now);
        Map<String, String> headers = new LinkedHashMap<>(reply.headers());
        Optional.ofNullable(customerAddress).ifPresent(a -> headers.put(CUSTOMER_ADDRESS, a));
        Optional.ofNullable(shopAddress).ifPresent(a -> headers.put(SHOP_ADDRESS, a));
        return new OutboxMessage(reply.shop(), reply.id(), reply.kind(), reply.channel(), reply.to(), null, null, reply.subject(),
                reply.text(), null, headers, reply.conversationId(), reply.orderId(), now, OutboxStatus.PENDING, now, 0, null, null, null);
    }

    private static OutboxMessage record(Link link, String id, String subject, String text, Set<String> tags, Optional<Priority> priority,
                                        boolean publicReply, String orderId, Instant now) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put(TAGS, String.join(",", new TreeSet<>(tags)));
        priority.ifPresent(p -> fields.put(PRIORITY, p.wire()));
        fields.put(PUBLIC, Boolean.toString(publicReply));
        return new OutboxMessage(link.shop(), id, OutboxKind.HELPDESK_NOTE, CHANNEL, link.vendor().wire() + ":" + link.ticketId(), null,
                null, subject, text, null, fields, link.conversation().value(), orderId, now, OutboxStatus.PENDING, now, 0, null, null, null);
    }

    /** The vendor a helpdesk record goes to. */
    static Vendor vendor(OutboxMessage message) {
        String to = message.to() == null ? "" : message.to();
        int colon = to.indexOf(':');
        return Vendor.fromWire(colon < 0 ? "" : to.substring(0, colon))
                .orElseThrow(() -> new IllegalArgumentException("a helpdesk record's to is <vendor>:<ticket id>"));
    }

    /** The update a helpdesk record asks for. */
    static TicketUpdate update(OutboxMessage message) {
        String ticket = message.to().substring(message.to().indexOf(':') + 1);
        String tags = message.headers().getOrDefault(TAGS, "");
        Set<String> addTags = new TreeSet<>(Arrays.stream(tags.split(",")).filter(t -> !t.isBlank()).toList());
        Optional<Priority> priority = Optional.ofNullable(message.headers().get(PRIORITY)).flatMap(Priority::fromWire);
        return new TicketUpdate(ticket, message.text(), Boolean.parseBoolean(message.headers().get(PUBLIC)), addTags, priority,
                Optional.ofNullable(message.headers().get(CUSTOMER_ADDRESS)), Optional.ofNullable(message.headers().get(SHOP_ADDRESS)));
    }
}
