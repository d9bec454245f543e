package dev.promptly.app.helpdesk;

import dev.promptly.app.helpdesk.HelpdeskEvent.Author;
import dev.promptly.app.helpdesk.HelpdeskEvent.TicketMessage;
import dev.promptly.app.helpdesk.HelpdeskEvent.TicketStatus;
import dev.promptly.app.inbound.IntakeResult;
import dev.promptly.app.inbound.MessageIntake;
import dev.promptly.app.port.ConversationStore;
import dev.promptly.app.port.HelpdeskConnector;
import dev.promptly.app.port.HelpdeskConnector.Account;
import dev.promptly.app.port.HelpdeskLinks;
import dev.promptly.app.port.HelpdeskLinks.Link;
import dev.promptly.app.port.SlaStore;
import dev.promptly.app.sla.AgentActivity;
import dev.promptly.config.HelpdeskSettings;
import dev.promptly.config.HelpdeskSettings.Vendor;
import dev.promptly.config.SecretResolver;
import dev.promptly.config.ShopConfig;
import dev.promptly.core.ShopDomain;
import dev.promptly.core.error.InvalidInputException;
import dev.promptly.core.error.NotFoundException;
import dev.promptly.core.error.UnknownShops;
import dev.promptly.core.error.WebhookSignatureException;
import dev.promptly.core.message.Channel;
import dev.promptly.core.message.ConversationId;
import dev.promptly.core.message.ConversationStatus;
import dev.promptly.core.message.InboundMessage;
import dev.promptly.core.message.ReplyFingerprint;
import dev.promptly.core.message.Sender;
import dev.promptly.core.message.VerifiedContact;
import dev.promptly.core.outbox.OutboxKind;
import dev.promptly.core.outbox.OutboxMessage;
import dev.promptly.core.sla.Priority;
import dev.promptly.core.sla.SlaEvent;
import dev.promptly.core.sla.SlaEventType;
import dev.promptly.log.JsonLog;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * {@code POST /helpdesks/{vendor}/{shop}}: a helpdesk tells what happened on a ticket. Checks, in this
 * order: the vendor (404 when Promptly has no connector of that name), the shop and its helpdesk with the
 * signature as the vendor signs (401, the same answer for an unknown shop, so a caller cannot list the
 * shops served), the body (400). Then each event of the webhook:
 * <ul>
 *   <li>a customer's message opens or continues the Promptly conversation linked to the ticket (the link
 *       stored both ways when the ticket is new) and is acknowledged as {@code POST /messages} would; the
 *       ticket gets an internal note of what Promptly sent, or the acknowledgement as a public reply when the
 *       shop acknowledges through its helpdesk;</li>
 *   <li>an agent's public reply records {@code agent_replied}, unless it is Promptly's own acknowledgement
 *       shown back or the same reply counted before (by webhook or mail copy: {@link ReplyFingerprint});</li>
 *   <li>status, priority and tags, compared with what Promptly recorded, become the same team events as
 *       {@code POST /conversations/{id}/events} ({@link AgentActivity#recordFromHelpdesk}).</li>
 * </ul>
 * A delivery counts once (a marker per vendor event id); ticket state older than the newest applied is
 * stale and changes nothing. Events of tickets Promptly never saw a customer message on are ignored and
 * counted in the log. Thread-safe.
 */
public final class HelpdeskWebhooks {
    /** Markers outlive every vendor's retries (Zendesk and Help Scout retry for hours, not days): {@link HelpdeskLinks#CLAIM_LIFETIME}. */
    public static final Duration MARKER_LIFETIME = HelpdeskLinks.CLAIM_LIFETIME;
    /** The domain of the message ids Promptly gives helpdesk messages: never a real mail domain. */
    public static final String MESSAGE_ID_DOMAIN = "helpdesk.promptly.invalid";

    private final MessageIntake intake;
    private final AgentActivity activity;
    private final ConversationStore conversations;
    private final SlaStore slas;
    private final HelpdeskLinks links;
    private final SecretResolver secrets;
    private final Map<Vendor, HelpdeskConnector> connectors = new EnumMap<>(Vendor.class);
    private final Clock clock;
    private final JsonLog log;

    public HelpdeskWebhooks(MessageIntake intake, AgentActivity activity, ConversationStore conversations, SlaStore slas,
                            HelpdeskLinks links, SecretResolver secrets, List<HelpdeskConnector> connectors, Clock clock, JsonLog log) {
        this.intake = Objects.requireNonNull(intake, "intake");
        this.activity = Objects.requireNonNull(activity, "activity");
        this.conversations = Objects.requireNonNull(conversations, "conversations");
        this.slas = Objects.requireNonNull(slas, "slas");
        this.links = Objects.requireNonNull(links, "links");
        this.secrets = Objects.requireNonNull(secrets, "secrets");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.log = Objects.requireNonNull(log, "log");
        connectors.forEach(c -> this.connectors.put(c.vendor(), c));
    }

    /**
     * What a webhook did, event by event ({@code customer_message}, {@code agent_replied}, {@code duplicate},
     * {@code stale}, {@code unknown_ticket}, ...), and the conversations of the tickets it concerned.
     */
    public record Outcome(ShopDomain shop, Vendor vendor, List<String> results, List<ConversationId> conversations) {
        public Outcome {
            results = List.copyOf(results);
            conversations = List.copyOf(conversations);
        }
    }

    /** SnapStart priming: the intake's and the clocks' warm paths; nothing is written. */
    public void prime() {
        intake.prime();
        activity.prime();
    }

    /**
     * @param headers the request's headers, names lower-case
     * @throws NotFoundException          an unknown vendor name (404)
     * @throws WebhookSignatureException  a wrong signature, or a shop without this helpdesk (401)
     * @throws InvalidInputException      a body the vendor does not send (400)
     */
    public Outcome receive(String vendorName, String shopName, Map<String, String> headers, byte[] body) {
        Vendor vendor = Vendor.fromWire(vendorName == null ? "" : vendorName).filter(connectors::containsKey)
                .orElseThrow(() -> new NotFoundException("no helpdesk connector named " + String.valueOf(vendorName)
                        .replaceAll("[^a-z0-9-]", "") + " (known: gorgias, zendesk, freshdesk, helpscout)"));
        ShopDomain shop = ShopDomain.parse(shopName, "shop");
        HelpdeskConnector connector = connectors.get(vendor);
        Optional<HelpdeskSettings> settings = intake.config().shop(shop).flatMap(ShopConfig::helpdeskSettings)
                .filter(s -> s.vendor() == vendor);
        // An unknown shop (or one on another helpdesk) costs the same check and gets the wrong signature's answer.
        Account account = settings.map(s -> new Account(s, "", secrets.resolve(s.webhookSecret())))
                .orElseGet(() -> new Account(new HelpdeskSettings(vendor, java.net.URI.create("https://unknown.invalid"), "-",
                        new dev.promptly.config.SecretRef(dev.promptly.config.SecretRef.Scheme.LITERAL, "-"),
                        new dev.promptly.config.SecretRef(dev.promptly.config.SecretRef.Scheme.LITERAL, "-"),
                        HelpdeskSettings.AckDelivery.MAIL), "", UnknownShops.NO_SECRET));
        Instant receivedAt = clock.instant();
        connector.verify(account, headers, body, receivedAt);
        if (settings.isEmpty()) {
            throw new WebhookSignatureException("the webhook's signature does not match this shop's " + vendor.wire() + " webhook secret");
        }
        List<String> results = new ArrayList<>();
        List<ConversationId> linked = new ArrayList<>();
        for (HelpdeskEvent event : connector.read(headers, body, receivedAt)) {
            results.add(handle(shop, settings.get(), event));
            links.byTicket(shop, vendor, event.ticketId()).map(Link::conversation).ifPresent(linked::add);
        }
        return new Outcome(shop, vendor, results, linked);
    }

    private String handle(ShopDomain shop, HelpdeskSettings settings, HelpdeskEvent event) {
        Instant now = clock.instant();
        Vendor vendor = settings.vendor();
        String delivery = "HDEVENT#" + vendor.wire() + "#" + event.eventId();
        if (!links.claim(shop, delivery, now, expiry(now))) {
            logEvent("helpdesk.duplicate", shop, vendor, null, "duplicate");
            return "duplicate";
        }
        try {
            Optional<Link> link = links.byTicket(shop, vendor, event.ticketId());
            String result = null;
            if (event.message().isPresent()) {
                TicketMessage message = event.message().get();
                if (message.author() == Author.CUSTOMER) {
                    link = Optional.of(customerMessage(shop, settings, event, message, link));
                    result = "customer_message";
                } else if (link.isPresent()) {
                    result = agentReply(link.get(), message);
                }
            }
            if (link.isEmpty()) {
                logEvent("helpdesk.unknown_ticket", shop, vendor, null, "unknown_ticket");
                return "unknown_ticket";
            }
            String state = ticketState(link.get(), event);
            links.advance(link.get(), event.at());
            result = result == null ? state : state.equals("unchanged") || state.equals("stale") ? result : result + "+" + state;
            logEvent("helpdesk.event", shop, vendor, link.get().conversation(), result);
            return result;
        } catch (RuntimeException e) {
            // Nothing of this delivery may count as done: the vendor's retry must be processed.
            links.release(shop, delivery);
            throw e;
        }
    }

    /** Opens or continues the linked conversation; queues the ticket's note (or public acknowledgement) for a new one. */
    private Link customerMessage(ShopDomain shop, HelpdeskSettings settings, HelpdeskEvent event, TicketMessage message,
                                 Optional<Link> link) {
        Vendor vendor = settings.vendor();
        if (message.customerEmail() == null || message.customerEmail().isBlank()) {
            throw new InvalidInputException("customer email", "the ticket's message names no customer e-mail address");
        }
        String messageId = vendor.wire() + "-" + event.ticketId() + "-" + message.id().replaceAll("[^A-Za-z0-9._-]", "")
                + "@" + MESSAGE_ID_DOMAIN;
        List<String> references = link.map(l -> List.of(l.openingMessageId())).orElse(List.of());
        var inbound = new InboundMessage(shop, Channel.EMAIL, messageId, new Sender(message.customerName(),
                message.customerEmail().trim().toLowerCase(java.util.Locale.ROOT), null), message.subject(), message.text(), references,
                null, clock.instant(), Map.of(), null, List.of(), false, VerifiedContact.NONE, null);
        IntakeResult result = intake.acceptFromHelpdesk(inbound);
        Link linked = link.orElseGet(() -> new Link(shop, vendor, event.ticketId(), result.conversation(), messageId, Instant.EPOCH));
        if (link.isEmpty() && !links.link(linked, linkExpiry(shop))) {
            // Another delivery linked the ticket first: use its link.
            linked = links.byTicket(shop, vendor, event.ticketId()).orElseThrow();
        }
        if (result.newConversation()) {
            queueAcknowledgementNote(linked, settings, result);
        }
        return linked;
    }

    private void queueAcknowledgementNote(Link link, HelpdeskSettings settings, IntakeResult result) {
        Instant now = clock.instant();
        String ticket = link.conversation().ticket();
        if (result.acknowledgement().isEmpty()) {
            links.queue(HelpdeskNotes.note(link, "ack-" + link.conversation().value(), "Promptly: no automatic reply for " + ticket,
                    "Promptly " + ticket + ": no automatic reply was sent (" + result.noReplyReason() + "). The first-response clock runs.",
                    Set.of("promptly"), Optional.empty(), null, now), expiry(now));
            return;
        }
        OutboxMessage ack = result.acknowledgement().get();
        boolean wismo = ack.kind() == OutboxKind.WISMO;
        String tag = wismo ? "promptly-wismo" : "promptly-ack";
        String what = wismo ? "an order-status answer" : "an acknowledgement";
        boolean viaHelpdesk = settings.acknowledgeVia() == HelpdeskSettings.AckDelivery.HELPDESK;
        StringBuilder note = new StringBuilder("Promptly ").append(ticket).append(" sent the customer ").append(what)
                .append(viaHelpdesk ? " as a public reply on this ticket" : " by e-mail").append('.');
        if (ack.orderId() != null) {
            note.append(" Order: ").append(ack.orderId()).append('.');
        }
        note.append(wismo ? " The answer, with the order and parcel status it gave:\n\n" : " The text sent:\n\n").append(ack.text());
        links.queue(HelpdeskNotes.note(link, "ack-" + link.conversation().value(), "Promptly: " + what + " sent for " + ticket,
                note.toString(), Set.of(tag), Optional.empty(), ack.orderId(), now), expiry(now));
        if (viaHelpdesk) {
            links.queue(HelpdeskNotes.publicReply(link, "ack-" + link.conversation().value(), ack.subject(), ack.text(), Set.of(tag),
                    ack.orderId(), ack.to(), intake.config().shop(link.shop()).map(ShopConfig::supportEmail).orElse(null), now), expiry(now));
        }
    }

    /** Records {@code agent_replied} once per reply, never for Promptly's own automatic reply. */
    private String agentReply(Link link, TicketMessage message) {
        if (isOwnAutomaticReply(link, message.text())) {
            return "own_reply";
        }
        String key = replyKey(link.conversation(), message.text());
        Instant now = clock.instant();
        if (!links.claim(link.shop(), key, now, expiry(now))) {
            return "duplicate_reply";
        }
        try {
            return activity.recordFromHelpdesk(link.shop(), link.conversation(), SlaEvent.of(SlaEventType.AGENT_REPLIED, message.at()))
                    .map(clocks -> "agent_replied").orElse("not_allowed");
        } catch (RuntimeException e) {
            links.release(link.shop(), key);
            throw e;
        }
    }

    /**
     * The claim a team reply on {@code conversation} makes, the same for its helpdesk webhook and its mail
     * copy ({@link dev.promptly.app.inbound.TeamReplies}), so whichever arrives second is a duplicate.
     */
    public static String replyKey(ConversationId conversation, String text) {
        return "HDREPLY#" + ReplyFingerprint.of(conversation, text);
    }

    /** Whether {@code text} is the acknowledgement Promptly sent on this conversation, as the helpdesk shows it back. */
    private boolean isOwnAutomaticReply(Link link, String text) {
        String reply = ReplyFingerprint.normalise(text);
        return conversations.ackDecision(link.shop(), link.conversation())
                .filter(d -> d.outboxId() != null)
                .flatMap(d -> conversations.outboxMessage(link.shop(), d.outboxId()))
                .map(ack -> ReplyFingerprint.normalise(ack.text()))
                .filter(ack -> !reply.isEmpty() && (ack.equals(reply) || ack.startsWith(reply) || reply.startsWith(ack)))
                .isPresent();
    }

    /** The ticket's status, priority and tags against what Promptly recorded; each difference one team event. */
    private String ticketState(Link link, HelpdeskEvent event) {
        if (event.at().isBefore(link.lastChangeAt())) {
            return "stale";
        }
        List<String> recorded = new ArrayList<>();
        Optional<ConversationStatus> current = conversations.load(link.shop(), link.conversation()).map(s -> s.conversation().status());
        if (current.isEmpty()) {
            return "unknown_ticket";
        }
        event.status().flatMap(status -> transition(current.get(), status)).ifPresent(type ->
                record(link, SlaEvent.of(type, event.at()), type.wire(), recorded));
        List<SlaEvent> log = slas.events(link.shop(), link.conversation());
        Priority lastPriority = log.stream().filter(e -> e.type() == SlaEventType.PRIORITY_CHANGED).reduce((a, b) -> b)
                .map(SlaEvent::priority).orElse(Priority.NORMAL);
        event.priority().filter(p -> p != lastPriority).ifPresent(p ->
                record(link, SlaEvent.priorityChanged(event.at(), p), "priority_changed", recorded));
        Set<String> lastTags = log.stream().filter(e -> e.type() == SlaEventType.TAGS_CHANGED).reduce((a, b) -> b)
                .map(SlaEvent::tags).orElse(Set.of());
        event.tags().map(tags -> SlaEvent.tagsChanged(event.at(), tags)).filter(e -> !e.tags().equals(lastTags))
                .ifPresent(e -> record(link, e, "tags_changed", recorded));
        return recorded.isEmpty() ? "unchanged" : String.join("+", recorded);
    }

    private void record(Link link, SlaEvent event, String name, List<String> recorded) {
        if (activity.recordFromHelpdesk(link.shop(), link.conversation(), event).isPresent()) {
            recorded.add(name);
        }
    }

    /** The team event a ticket status means for a conversation in {@code current}, if any. */
    static Optional<SlaEventType> transition(ConversationStatus current, TicketStatus status) {
        return switch (status) {
            case SOLVED -> current == ConversationStatus.SOLVED ? Optional.empty() : Optional.of(SlaEventType.SOLVED);
            case WAITING_ON_CUSTOMER -> current == ConversationStatus.OPEN ? Optional.of(SlaEventType.WAITING_ON_CUSTOMER) : Optional.empty();
            case OPEN -> current == ConversationStatus.SOLVED ? Optional.of(SlaEventType.REOPENED) : Optional.empty();
        };
    }

    /** A link lives as long as the shop keeps its conversations. */
    private long linkExpiry(ShopDomain shop) {
        int days = intake.config().shop(shop).map(c -> c.retention().orderDays()).orElse(365);
        return clock.instant().plus(Duration.ofDays(days)).getEpochSecond();
    }

    private long expiry(Instant now) {
        return now.plus(MARKER_LIFETIME).getEpochSecond();
    }

    private void logEvent(String name, ShopDomain shop, Vendor vendor, ConversationId conversation, String result) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("shop", shop);
        fields.put("vendor", vendor.wire());
        if (conversation != null) {
            fields.put("conversationId", conversation);
        }
        fields.put("result", result);
        log.info(name, fields);
    }
}
