package dev.promptly.app.sla;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.promptly.app.port.ConversationStore;
import dev.promptly.app.port.ConversationStore.StoredConversation;
import dev.promptly.app.port.SlaStore;
import dev.promptly.config.PromptlyConfig;
import dev.promptly.config.SecretResolver;
import dev.promptly.config.ShopConfig;
import dev.promptly.core.BearerToken;
import dev.promptly.core.ShopDomain;
import dev.promptly.core.error.AuthenticationException;
import dev.promptly.core.error.ConflictException;
import dev.promptly.core.error.InvalidInputException;
import dev.promptly.core.error.JsonProblem;
import dev.promptly.core.error.NotFoundException;
import dev.promptly.core.json.JsonTrees;
import dev.promptly.core.message.Conversation;
import dev.promptly.core.message.ConversationId;
import dev.promptly.core.message.ConversationStatus;
import dev.promptly.core.sla.Priority;
import dev.promptly.core.sla.SlaEvent;
import dev.promptly.core.sla.SlaEventType;
import dev.promptly.core.sla.SlaReport;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * {@code POST /conversations/{id}/events}: a helpdesk or a person records what the team did — a reply,
 * waiting on the customer, solved, reopened, a priority or tag change — and gets the conversation's clocks
 * back. Checks, in this order: the shop's agent token ({@code Authorization: Bearer}, compared in constant
 * time; 401), the conversation (404), the body (400), the transition from the conversation's status (409).
 * Nothing is written unless all pass; then the event and the conversation (status, next SLA checkpoint)
 * are written in one transaction at the version read.
 *
 * <p>The shop: {@code X-Promptly-Shop} when sent; otherwise the shop whose agent token the request
 * presents (a conversation id does not encode its shop). Thread-safe.
 */
public final class AgentActivity {
    public static final String SHOP_HEADER = "X-Promptly-Shop";
    /** A helpdesk's clock may run a little ahead of ours. */
    static final Duration CLOCK_SKEW = Duration.ofMinutes(5);
    private static final Set<String> FIELDS = Set.of("type", "at", "priority", "tags");
    private static final int MAX_TAGS = 50;
    private static final int MAX_TAG_LENGTH = 64;
    private static final int MAX_ATTEMPTS = 5;

    private final PromptlyConfig config;
    private final SecretResolver secrets;
    private final ConversationStore conversations;
    private final SlaStore store;
    private final Map<ShopDomain, ShopSla> shops;
    private final Clock clock;
    private final StatusListener listener;

    /**
     * Told of each event once it is recorded (a solve queues the satisfaction survey). It runs after the write and
     * must not throw: the event stands whatever it does.
     */
    @FunctionalInterface
    public interface StatusListener {
        StatusListener NONE = (next, log, event) -> { };

        /** {@code event} was recorded on the conversation, now {@code next}; {@code log} is its SLA log including the event. */
        void changed(Conversation next, List<SlaEvent> log, SlaEvent event);
    }

    public AgentActivity(PromptlyConfig config, SecretResolver secrets, ConversationStore conversations, SlaStore store,
                         Clock clock) {
        this(config, secrets, conversations, store, clock, StatusListener.NONE);
    }

    /** With {@code listener} told of each recorded event. */
    public AgentActivity(PromptlyConfig config, SecretResolver secrets, ConversationStore conversations, SlaStore store,
                         Clock clock, StatusListener listener) {
        this.listener = Objects.requireNonNull(listener, "listener");
        this.config = Objects.requireNonNull(config, "config");
        this.secrets = Objects.requireNonNull(secrets, "secrets");
        this.conversations = Objects.requireNonNull(conversations, "conversations");
        this.store = Objects.requireNonNull(store, "store");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.shops = ShopSla.of(config);
    }

    /** SnapStart priming: the clocks of the first shop over a short log, and one read. Nothing is written. */
    public void prime() {
        ShopSla sla = shops.values().iterator().next();
        Instant now = clock.instant();
        var conversation = new Conversation(sla.config().domain(), ConversationId.derive("priming", "priming"),
                dev.promptly.core.message.Channel.EMAIL, ConversationStatus.OPEN,
                new dev.promptly.core.message.Sender("Priming", "priming@promptly.invalid", null),
                null, null, null, null, now, now, 1);
        SlaView.json(conversation, sla.report(conversation, List.of(SlaEvent.customerMessage(now, null, null)), now));
        conversations.load(sla.config().domain(), conversation.id());
    }

    /**
     * Records the event in {@code body} and returns the conversation's clocks.
     *
     * @throws AuthenticationException  wrong or missing token (401)
     * @throws NotFoundException        no such conversation for the shop (404)
     * @throws AuthenticationException  {@code X-Promptly-Shop} names a shop not configured here (401, as a wrong token)
     * @throws InvalidInputException    a malformed body (400)
     * @throws ConflictException        a transition the conversation's status does not allow (409)
     */
    public ObjectNode record(String shopHeader, String authorization, String rawId, byte[] body) {
        List<ShopDomain> candidates = authorisedShops(shopHeader, authorization);
        ConversationId id = ConversationId.parse(rawId).orElseThrow(() -> notFound(rawId));
        JsonNode[] request = new JsonNode[1];
        return apply(candidates, id, rawId, (conversation, log, now) -> {
            if (request[0] == null) {
                request[0] = readBody(body);
            }
            return event(request[0], conversation, log, now);
        });
    }

    /**
     * Records a team event that a helpdesk connector read (an agent's public reply, a status, priority or
     * tag change) exactly as {@link #record} would, without a token: the caller verified the helpdesk's
     * signature. The event's time is kept within [the conversation's latest event, now], as a helpdesk's
     * clock and its delivery order are not ours.
     *
     * @return the conversation's clocks, or empty when its status does not allow the event (a reply on a
     *         solved conversation, solving a solved one): a redelivered or reordered webhook changes nothing
     * @throws NotFoundException when the conversation does not exist (any more)
     */
    public Optional<ObjectNode> recordFromHelpdesk(ShopDomain shop, ConversationId id, SlaEvent event) {
        try {
            return Optional.of(apply(List.of(shop), id, id.value(), (conversation, log, now) -> {
                Instant latest = log.stream().map(SlaEvent::at).max(Instant::compareTo).orElse(conversation.createdAt());
                Instant at = event.at().isAfter(now) ? now : event.at().isBefore(latest) ? latest : event.at();
                return new SlaEvent(event.type(), at, event.priority(), event.tags(), event.orderValue(), event.customerTags());
            }));
        } catch (ConflictException notAllowed) {
            return Optional.empty();
        }
    }

    /** How the event to record is made from the conversation as read, its log and now. */
    @FunctionalInterface
    private interface EventSource {
        SlaEvent event(Conversation conversation, List<SlaEvent> log, Instant now);
    }

    private ObjectNode apply(List<ShopDomain> candidates, ConversationId id, String rawId, EventSource source) {
        for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
            StoredConversation stored = candidates.stream().map(shop -> conversations.load(shop, id)).flatMap(Optional::stream)
                    .findFirst().orElseThrow(() -> notFound(rawId));
            Conversation conversation = stored.conversation();
            List<SlaEvent> log = store.events(conversation.shop(), id);
            SlaEvent event = source.event(conversation, log, clock.instant());
            Optional<ObjectNode> recorded = write(stored, log, event, Optional.empty(), Optional.empty());
            if (recorded.isPresent()) {
                return recorded.get();
            }
        }
        throw new IllegalStateException("the conversation kept changing while recording an event; retry");
    }

    /** What became of a team reply seen in a copy of the team's mail. */
    public enum ReplyOutcome {
        RECORDED,
        /** A reply with the same key was recorded before: nothing changed. */
        DUPLICATE,
        /** The shop has no such conversation. */
        UNKNOWN_CONVERSATION,
        /** The conversation is solved: no response clock runs, and a reply does not reopen it. */
        SOLVED
    }

    /**
     * Records that the team replied on conversation {@code id} at {@code at} (moved to the latest recorded
     * event and to now at the most, as events are recorded in order): the state change that
     * {@code POST /conversations/{id}/events} with type {@code agent_replied} makes, for callers that have
     * already established who replied (a copy of the team's mail). Recorded once per {@code replyKey}
     * (the reply's Message-ID, or a fingerprint of it), so a redelivered copy changes nothing.
     *
     * @param helpdeskClaim the claim the helpdesk's webhook for the same reply makes, when the shop is on a
     *                      helpdesk: taken together with the reply, so the reply counts once however it came
     */
    public ReplyOutcome recordAgentReply(ShopDomain shop, ConversationId id, Instant at, String replyKey, Optional<String> helpdeskClaim) {
        for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
            if (store.teamReplyRecorded(shop, replyKey, helpdeskClaim)) {
                return ReplyOutcome.DUPLICATE;
            }
            Optional<StoredConversation> stored = conversations.load(shop, id);
            if (stored.isEmpty() || !shops.containsKey(shop)) {
                return ReplyOutcome.UNKNOWN_CONVERSATION;
            }
            if (stored.get().conversation().status() == ConversationStatus.SOLVED) {
                return ReplyOutcome.SOLVED;
            }
            List<SlaEvent> log = store.events(shop, id);
            Instant now = clock.instant();
            Instant latest = log.stream().map(SlaEvent::at).max(Instant::compareTo).orElse(stored.get().conversation().createdAt());
            Instant when = at.isAfter(now) ? now : at.isBefore(latest) ? latest : at;
            if (write(stored.get(), log, SlaEvent.of(SlaEventType.AGENT_REPLIED, when), Optional.of(replyKey), helpdeskClaim).isPresent()) {
                return ReplyOutcome.RECORDED;
            }
        }
        throw new IllegalStateException("the conversation kept changing while recording a team reply; the platform will retry");
    }

    /**
     * Writes {@code event} with the conversation's new status and checkpoint at the version read (and the
     * once-marker of {@code replyKey}); the clocks after it, or empty when the conversation changed meanwhile.
     */
    private Optional<ObjectNode> write(StoredConversation stored, List<SlaEvent> log, SlaEvent event, Optional<String> replyKey,
                                       Optional<String> helpdeskClaim) {
        Conversation conversation = stored.conversation();
        Instant now = clock.instant();
        Conversation next = conversation.withStatus(transition(event.type(), conversation.status()));
        ShopSla sla = shops.get(conversation.shop());
        List<SlaEvent> all = new ArrayList<>(log);
        all.add(event);
        SlaReport report = sla.report(next, all, now);
        long expiresAt = now.plus(Duration.ofDays(sla.config().retention().orderDays())).getEpochSecond();
        Optional<Instant> checkpoint = sla.checkpointAfterChange(report, now);
        boolean written = replyKey.isPresent()
                ? store.recordTeamReply(stored, next, event, checkpoint, expiresAt, replyKey.get(), helpdeskClaim)
                : store.recordTeamEvent(stored, next, event, checkpoint, expiresAt);
        if (!written) {
            return Optional.empty();
        }
        listener.changed(next, all, event);
        return Optional.of(SlaView.json(next, report));
    }

    /** The clocks of a stored conversation as they stand now (the local runner's view). */
    public Optional<ObjectNode> view(ShopDomain shop, ConversationId id) {
        ShopSla sla = shops.get(shop);
        return conversations.load(shop, id).filter(s -> sla != null).map(stored -> SlaView.json(stored.conversation(),
                sla.report(stored.conversation(), store.events(shop, id), clock.instant())));
    }

    private List<ShopDomain> authorisedShops(String shopHeader, String authorization) {
        AgentTokens.requirePresent(authorization);
        if (shopHeader != null && !shopHeader.isBlank()) {
            ShopDomain shop = ShopDomain.parse(shopHeader, SHOP_HEADER);
            return List.of(new AgentTokens(config, secrets).authorise(shop, authorization).domain());
        }
        // Every shop's token is compared, so the time taken does not tell which shop (if any) matched.
        List<ShopDomain> matching = new ArrayList<>();
        for (ShopConfig shop : config.shops().values()) {
            if (BearerToken.matches(authorization, secrets.resolve(shop.secrets().agentToken()))) {
                matching.add(shop.domain());
            }
        }
        if (matching.isEmpty()) {
            throw AgentTokens.wrongToken();
        }
        return matching;
    }

    private static NotFoundException notFound(String rawId) {
        return new NotFoundException("no conversation " + (rawId == null ? "" : rawId.replaceAll("[^A-Za-z0-9-]", "")) + " for this shop");
    }

    private static JsonNode readBody(byte[] body) {
        JsonNode node;
        try {
            node = body == null || body.length == 0 ? null : JsonTrees.read(body);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw JsonProblem.invalid("body", e, "is not valid JSON");
        } catch (IOException e) {
            throw new InvalidInputException("body", "is not valid JSON");
        }
        if (node == null || !node.isObject()) {
            throw new InvalidInputException("body", "must be a JSON object such as {\"type\": \"agent_replied\"}");
        }
        for (var it = node.fieldNames(); it.hasNext(); ) {
            String field = it.next();
            if (!FIELDS.contains(field)) {
                throw new InvalidInputException(field.replaceAll("[^A-Za-z0-9_]", "?"), "unknown field (known: at, priority, tags, type)");
            }
        }
        return node;
    }

    private static String types() {
        return Arrays.stream(SlaEventType.values()).filter(SlaEventType::fromTeam).map(SlaEventType::wire).collect(Collectors.joining(", "));
    }

    private static SlaEvent event(JsonNode request, Conversation conversation, List<SlaEvent> log, Instant now) {
        JsonNode typeNode = request.path("type");
        SlaEventType type = typeNode.isTextual() ? SlaEventType.fromWire(typeNode.asText()).filter(SlaEventType::fromTeam).orElse(null) : null;
        if (type == null) {
            throw new InvalidInputException("type", "must be one of " + types());
        }
        Instant at = at(request.path("at"), conversation, log, now);
        if (type != SlaEventType.PRIORITY_CHANGED && request.has("priority")) {
            throw new InvalidInputException("priority", "only with type priority_changed");
        }
        if (type != SlaEventType.TAGS_CHANGED && request.has("tags")) {
            throw new InvalidInputException("tags", "only with type tags_changed");
        }
        return switch (type) {
            case PRIORITY_CHANGED -> {
                JsonNode priority = request.path("priority");
                Priority value = priority.isTextual() ? Priority.fromWire(priority.asText()).orElse(null) : null;
                if (value == null) {
                    throw new InvalidInputException("priority", "must be one of low, normal, high, urgent");
                }
                yield SlaEvent.priorityChanged(at, value);
            }
            case TAGS_CHANGED -> SlaEvent.tagsChanged(at, tags(request.path("tags")));
            default -> SlaEvent.of(type, at);
        };
    }

    private static Instant at(JsonNode node, Conversation conversation, List<SlaEvent> log, Instant now) {
        if (node.isMissingNode() || node.isNull()) {
            return now;
        }
        Instant at;
        try {
            at = OffsetDateTime.parse(node.asText()).toInstant();
        } catch (DateTimeParseException e) {
            throw new InvalidInputException("at", "must be an ISO-8601 date and time with offset, such as 2026-11-25T10:00:00Z");
        }
        if (at.isAfter(now.plus(CLOCK_SKEW))) {
            throw new InvalidInputException("at", "is in the future");
        }
        Instant latest = log.stream().map(SlaEvent::at).max(Instant::compareTo).orElse(conversation.createdAt());
        if (at.isBefore(latest)) {
            throw new InvalidInputException("at", "is before the conversation's latest recorded event (" + latest
                    + "); events are recorded in order");
        }
        return at;
    }

    private static Set<String> tags(JsonNode node) {
        if (!node.isArray() || node.size() > MAX_TAGS) {
            throw new InvalidInputException("tags", "must be a list of at most " + MAX_TAGS + " tags (the new set; [] removes all)");
        }
        Set<String> tags = new LinkedHashSet<>();
        for (int i = 0; i < node.size(); i++) {
            JsonNode tag = node.get(i);
            if (!tag.isTextual() || tag.asText().isBlank() || tag.asText().length() > MAX_TAG_LENGTH) {
                throw new InvalidInputException("tags[" + i + "]", "must be a non-empty string of at most " + MAX_TAG_LENGTH + " characters");
            }
            tags.add(tag.asText());
        }
        return tags;
    }

    /** The status after {@code type}, or 409 when the current status does not allow it. */
    private static ConversationStatus transition(SlaEventType type, ConversationStatus status) {
        return switch (type) {
            case AGENT_REPLIED -> {
                if (status == ConversationStatus.SOLVED) {
                    throw new ConflictException("type: agent_replied on a solved conversation; record reopened first");
                }
                yield status;
            }
            case WAITING_ON_CUSTOMER -> {
                if (status != ConversationStatus.OPEN) {
                    throw new ConflictException("type: waiting_on_customer needs an open conversation, this one is " + status.wire());
                }
                yield ConversationStatus.WAITING_ON_CUSTOMER;
            }
            case SOLVED -> {
                if (status == ConversationStatus.SOLVED) {
                    throw new ConflictException("type: solved, but the conversation is already solved");
                }
                yield ConversationStatus.SOLVED;
            }
            case REOPENED -> {
                if (status != ConversationStatus.SOLVED) {
                    throw new ConflictException("type: reopened needs a solved conversation, this one is " + status.wire());
                }
                yield ConversationStatus.OPEN;
            }
            case PRIORITY_CHANGED, TAGS_CHANGED -> status;
            case CUSTOMER_MESSAGE, AUTO_REPLY -> throw new InvalidInputException("type", "must be one of " + types());
        };
    }
}
