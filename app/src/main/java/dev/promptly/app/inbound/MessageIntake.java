package dev.promptly.app.inbound;

import dev.promptly.app.inbound.VisibleOrders.ReplyContact;
import dev.promptly.app.port.ConversationStore;
import dev.promptly.app.port.ConversationStore.AckDecision;
import dev.promptly.app.port.ConversationStore.MessageRecord;
import dev.promptly.app.port.ConversationStore.RecordResult;
import dev.promptly.app.port.ConversationStore.ReplyBudget;
import dev.promptly.app.port.ConversationStore.StoredConversation;
import dev.promptly.app.port.OrderStore;
import dev.promptly.app.shopify.LiveOrderLookup;
import dev.promptly.config.PromptlyConfig;
import dev.promptly.config.ShopConfig;
import dev.promptly.core.ShopDomain;
import dev.promptly.core.error.UnknownShopException;
import dev.promptly.core.message.Channel;
import dev.promptly.core.message.Conversation;
import dev.promptly.core.message.ConversationId;
import dev.promptly.core.message.ConversationStatus;
import dev.promptly.core.message.InboundMessage;
import dev.promptly.core.message.LanguageDetector;
import dev.promptly.core.message.PhoneNumbers;
import dev.promptly.core.message.Sender;
import dev.promptly.core.message.TopicDetector;
import dev.promptly.core.outbox.OutboxMessage;
import dev.promptly.core.outbox.OutboxStatus;
import dev.promptly.core.reply.AcknowledgementComposer;
import dev.promptly.core.reply.AcknowledgementPolicy;
import dev.promptly.core.reply.AcknowledgementPolicy.BudgetScope;
import dev.promptly.core.reply.AcknowledgementPolicy.Decision;
import dev.promptly.core.reply.AcknowledgementPolicy.Delivery;
import dev.promptly.core.reply.AcknowledgementPolicy.Facts;
import dev.promptly.core.reply.AcknowledgementPolicy.OrderContact;
import dev.promptly.core.reply.AcknowledgementPolicy.Reply;
import dev.promptly.core.reply.AcknowledgementPolicy.ReplyLimits;
import dev.promptly.core.reply.AcknowledgementPolicy.Route;
import dev.promptly.core.reply.AcknowledgementPolicy.RouteFacts;
import dev.promptly.core.reply.AcknowledgementPolicy.Screening;
import dev.promptly.core.reply.MessageTemplates;
import dev.promptly.core.reply.MissingTemplateValueException;
import dev.promptly.core.reply.OrderRequestAnswer;
import dev.promptly.core.reply.ReplyLanguage;
import dev.promptly.core.shopify.Order;
import dev.promptly.core.sla.SlaEvent;
import dev.promptly.core.wismo.OrderReport;
import dev.promptly.core.wismo.WismoAnswer;
import dev.promptly.core.wismo.WismoSignal;
import dev.promptly.log.JsonLog;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;

/**
 * Records an inbound message in its conversation and queues its acknowledgement when one is due: load
 * (the conversation it continues, the orders its sender may see, the sender's standing), decide
 * ({@link AcknowledgementPolicy}), record (the message, the decision, the outbox record, the budgets
 * spent and the SLA events in one transaction; a sender delivers the outbox record). The store enforces
 * the reply budgets in that transaction; when one is spent the message is recorded unanswered and the
 * team is told once. Thread-safe; built once per container.
 */
public final class MessageIntake {
    /** Concurrent writers on one conversation are rare; a handful of re-reads settles them. */
    private static final int MAX_ATTEMPTS = 8;

    private final PromptlyConfig config;
    private final ConversationStore conversations;
    private final ConversationThreads threads;
    private final VisibleOrders orders;
    private final SenderStanding senders;
    private final AcknowledgementMail acknowledgements;
    private final BudgetAlert budgetAlerts = new BudgetAlert();
    private final LanguageDetector languages;
    private final Clock clock;
    private final JsonLog log;
    private final Map<ShopDomain, IntakeShop> shops = new HashMap<>();
    private final MessageSlaEvents sla;
    private final TeamCopy teamCopies = new TeamCopy();
    private final java.util.concurrent.atomic.AtomicLong withheldCopies = new java.util.concurrent.atomic.AtomicLong();

    public MessageIntake(PromptlyConfig config, ConversationStore conversations, OrderStore orders,
                         AcknowledgementComposer composer, LanguageDetector languages, TopicDetector topics, Clock clock, JsonLog log) {
        this(config, conversations, orders, composer, languages, topics, clock, log, LiveOrderLookup.off(config, clock, log));
    }

    /** @param live asks the shop's Admin API for orders not stored (issue 17) */
    public MessageIntake(PromptlyConfig config, ConversationStore conversations, OrderStore orders,
                         AcknowledgementComposer composer, LanguageDetector languages, TopicDetector topics, Clock clock, JsonLog log,
                         LiveOrderLookup live) {
        this.config = Objects.requireNonNull(config, "config");
        this.conversations = Objects.requireNonNull(conversations, "conversations");
        this.threads = new ConversationThreads(conversations);
        this.orders = new VisibleOrders(Objects.requireNonNull(orders, "orders"), live);
        this.senders = new SenderStanding(conversations, orders);
        this.acknowledgements = new AcknowledgementMail(composer, topics);
        this.languages = Objects.requireNonNull(languages, "languages");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.log = Objects.requireNonNull(log, "log");
        this.sla = new MessageSlaEvents(config, this.clock);
        for (ShopConfig shop : config.shops().values()) {
            shops.put(shop.domain(), IntakeShop.of(shop, SHIPPED_LANGUAGES));
        }
    }

    /** The languages Promptly ships templates and detection data for. */
    public static final List<String> SHIPPED_LANGUAGES = List.of("de", "en");

    /** The intake with the shipped templates and detection data. */
    public static MessageIntake standard(PromptlyConfig config, ConversationStore conversations, OrderStore orders,
                                         Clock clock, JsonLog log) {
        return standard(config, conversations, orders, clock, log, LiveOrderLookup.off(config, clock, log));
    }

    /** The intake with the shipped templates and detection data, asking {@code live} for orders not stored. */
    public static MessageIntake standard(PromptlyConfig config, ConversationStore conversations, OrderStore orders,
                                         Clock clock, JsonLog log, LiveOrderLookup live) {
        return new MessageIntake(config, conversations, orders,
                new AcknowledgementComposer(new MessageTemplates("ack", SHIPPED_LANGUAGES), new MessageTemplates("wismo", SHIPPED_LANGUAGES)),
                new LanguageDetector(SHIPPED_LANGUAGES), new TopicDetector(SHIPPED_LANGUAGES), clock, log, live);
    }

    public PromptlyConfig config() {
        return config;
    }

    /** The log this intake writes to, so that the request edge in front of it logs to the same place. */
    JsonLog log() {
        return log;
    }

    /**
     * SnapStart priming: runs detection, the calendar, the policy and both templates for the first shop, and
     * the DynamoDB reads of a new message, so the snapshot holds warm classes and a warm client. Nothing is written.
     */
    public void prime() {
        IntakeShop shop = shops.values().iterator().next();
        Instant now = clock.instant();
        String id = "priming@promptly.invalid";
        var message = new InboundMessage(shop.config().domain(), Channel.EMAIL, id, new Sender("Priming", id, null),
                "Wo bleibt meine Bestellung #1001?", "Hallo, wo bleibt meine Bestellung #1001?", List.of(), null, now, Map.of(), null,
                List.of(), false);
        shop.wismo().detect(message.subject(), message.text(), shop.config().wismo().orderName());
        conversations.conversationOfMessage(message.shop(), id);
        senders.known(message);
        var conversation = new Conversation(message.shop(), ConversationId.derive(message.shop().value(), id), Channel.EMAIL,
                ConversationStatus.OPEN, message.sender(), shop.config().defaultLanguage(), message.subject(), null, null, now, now, 1);
        var answerable = new Screening(false, Optional.empty());
        for (boolean wismo : new boolean[]{true, false}) {
            var route = new Route(Delivery.EMAIL, OrderContact.MAILED_ADDRESS, wismo);
            Decision decision = AcknowledgementPolicy.decide(new Facts(answerable, route, wismo, false, false, limits(shop)));
            acknowledgements.compose(message, shop, conversation, decision.reply().orElseThrow(), Optional.empty(),
                    wismo ? Optional.of(WismoAnswer.none()) : Optional.empty(), now);
        }
    }

    /** Records {@code message} and queues its acknowledgement when one is due. */
    public IntakeResult accept(InboundMessage message) {
        return accept(message, false);
    }

    /**
     * As {@link #accept(InboundMessage)}, for a message that reached Promptly through the shop's helpdesk: the team
     * sees it there already, so it gets no team copy.
     */
    public IntakeResult acceptFromHelpdesk(InboundMessage message) {
        return accept(message, true);
    }

    private IntakeResult accept(InboundMessage message, boolean teamSeesIt) {
        IntakeShop shop = shops.get(message.shop());
        if (shop == null) {
            throw new UnknownShopException(message.shop());
        }
        for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
            Optional<ConversationId> seen = conversations.conversationOfMessage(message.shop(), message.messageId());
            if (seen.isPresent()) {
                log.info("message.duplicate", Map.of("shop", message.shop(), "conversationId", seen.get(), "channel", message.channel().wire()));
                return new IntakeResult(seen.get(), true, false, returnedAcknowledgement(message, seen.get()), null);
            }
            Optional<StoredConversation> thread = threads.continuedBy(message);
            Optional<IntakeResult> result = thread.isPresent()
                    ? followUp(message, thread.get(), shop, teamSeesIt)
                    : open(message, shop, teamSeesIt);
            if (result.isPresent()) {
                return result.get();
            }
        }
        throw new IllegalStateException("conversation kept changing while recording a message; the platform will retry");
    }

    /**
     * A chat client that retries because our answer was lost gets the acknowledgement again: for chat the
     * HTTP answer is the only delivery. Mailed acknowledgements are never repeated.
     */
    private Optional<OutboxMessage> returnedAcknowledgement(InboundMessage message, ConversationId conversation) {
        if (!conversation.equals(ConversationId.derive(message.shop().value(), message.messageId()))) {
            return Optional.empty();
        }
        return conversations.ackDecision(message.shop(), conversation)
                .filter(d -> d.outboxId() != null)
                .flatMap(d -> conversations.outboxMessage(message.shop(), d.outboxId()))
                .filter(m -> m.status() == OutboxStatus.RETURNED);
    }

    private Optional<IntakeResult> followUp(InboundMessage message, StoredConversation stored, IntakeShop shop, boolean teamSeesIt) {
        Conversation next = stored.conversation().withCustomerMessage(message.receivedAt(), null);
        Screening screening = screening(message, shop);
        Decision decision = AcknowledgementPolicy.followUp(screening);
        List<SlaEvent> events = MessageSlaEvents.ofFollowUp(message, decision.startsClocks());
        List<SlaEvent> recorded = conversations.slaEvents(message.shop(), next.id());
        Optional<OutboxMessage> copy = teamCopy(message, shop, next, screening, teamSeesIt, new TeamCopy.Facts(
                shop.wismo().detect(message.subject(), message.text(), shop.config().wismo().orderName()).intent().wire(),
                next.orderId(), Optional.empty(), decision.reason(), sla.responseDue(next, recorded, events)));
        RecordResult result = conversations.record(new MessageRecord(message, next, Optional.of(stored.version()), Optional.empty(),
                Optional.empty(), Optional.empty(), List.of(), decision.reason(), expiresAt(shop))
                .withSla(events, sla.checkpoint(next, recorded, events))
                .withKnownSender(SenderStanding.vouchedIdentity(message, decision.startsClocks()))
                .withTeamCopy(copy, TeamCopy.messageId(copy)));
        if (result != RecordResult.WRITTEN) {
            return Optional.empty();
        }
        countWithheldCopy(shop, next, screening);
        log.info("message.follow_up", Map.of("shop", message.shop(), "conversationId", next.id(), "channel", message.channel().wire(),
                "reopened", stored.conversation().status() != ConversationStatus.OPEN));
        return Optional.of(new IntakeResult(next.id(), false, false, Optional.empty(), decision.reason()));
    }

    private Optional<IntakeResult> open(InboundMessage message, IntakeShop shop, boolean teamSeesIt) {
        // Load: what the message asks, the orders its sender may see, its language and session, the sender's standing.
        Instant now = clock.instant();
        ConversationId id = ConversationId.derive(message.shop().value(), message.messageId());
        WismoSignal signal = shop.wismo().detect(message.subject(), message.text(), shop.config().wismo().orderName());
        Route route = AcknowledgementPolicy.route(new RouteFacts(message.channel(), message.sender().email() != null,
                message.verifiedPhone().isPresent(), signal.wismo(), !signal.orderReferences().isEmpty()));
        Optional<ReplyContact> contact = ReplyContact.of(message, route.orderContact());
        Screening screening = screening(message, shop);
        // An address with no order and no earlier conversation may be a stranger's, typed into a form. The
        // standing is read beside the named orders: neither depends on the other.
        CompletableFuture<Boolean> standing = screening.answerable() ? Lookups.start(() -> senders.known(message))
                : CompletableFuture.completedFuture(false);
        VisibleOrders.Found named = contact.map(c -> orders.named(message, signal, shop, c)).orElse(VisibleOrders.Found.NONE);
        Optional<WismoAnswer> wismo = route.answersOrderQuestion()
                ? Optional.of(orders.answer(message, signal, named, shop, now, contact.orElseThrow())) : Optional.empty();
        // A request naming no order may be about the sender's only fitting order; a number that is not theirs never falls back.
        Optional<Order> order = named.orders().stream().findFirst().or(() -> route.answersOrderQuestion() || !OrderRequests.looksUp(signal, shop)
                ? Optional.empty() : contact.flatMap(c -> orders.meant(message, signal.intent(), shop, now, c)));
        String detected = languages.detect(message.subject() == null ? message.text() : message.subject() + "\n" + message.text()).orElse(null);
        String language = ReplyLanguage.choose(order.map(o -> o.customer().locale()).orElse(null), Optional.ofNullable(detected),
                shop.config().languages(), acknowledgements.languages());
        String orderId = wismo.flatMap(w -> w.orders().stream().findFirst()).map(OrderReport::orderId)
                .orElse(order.map(Order::orderId).orElse(null));
        Conversation conversation = new Conversation(message.shop(), id, message.channel(), ConversationStatus.OPEN, message.sender(),
                language, message.subject(), orderId, threads.unclaimedSession(message), message.receivedAt(), message.receivedAt(), 1,
                message.verifiedPhone().orElse(null));
        boolean known = Lookups.await(standing);
        Optional<OrderRequestAnswer> request = route.answersOrderQuestion() ? Optional.empty()
                : order.flatMap(o -> OrderRequests.answer(signal, o, shop, language, now));
        boolean urgent = OrderRequests.urgent(request, shop);

        // Decide.
        Decision decision = AcknowledgementPolicy.decide(new Facts(screening, route, known, wismo.map(WismoAnswer::needsPerson).orElse(false),
                shop.config().wismo().keepOpenAfterAnswer(), limits(shop)));
        Optional<OutboxMessage> ack = Optional.empty();
        if (decision.reply().isPresent()) {
            try {
                ack = Optional.of(acknowledgements.compose(message, shop, conversation, decision.reply().get(),
                        wismo.isPresent() ? Optional.empty() : order, wismo, request, now));
            } catch (MissingTemplateValueException e) {
                decision = decision.templateMissing(e.variable());
            }
        }

        // Record: the message with its decision in one transaction; a spent budget means writing it again unanswered.
        String intent = signal.intent().wire();
        String orderName = wismo.flatMap(w -> w.orders().stream().findFirst()).map(OrderReport::name).orElse(order.map(Order::name).orElse(null));
        String wismoReply = wismo.map(w -> w.orders().isEmpty() ? "ask_reference" : "answered").orElse(null);
        RecordResult result = write(message, shop, conversation.withOpening(intent, ack.isPresent() ? wismoReply : null), order, decision,
                ack, urgent, now, intent, orderName, teamSeesIt);
        Optional<BudgetScope> spent = spentBudget(result);
        if (spent.isPresent()) {
            decision = decision.budgetExhausted(spent.get());
            ack = Optional.empty();
            result = write(message, shop, conversation.withOpening(intent, null), order, decision, ack, urgent, now, intent, orderName,
                    teamSeesIt);
        }
        if (result != RecordResult.WRITTEN) {
            return Optional.empty();
        }
        countWithheldCopy(shop, conversation, screening);
        decision.tellTeam().ifPresent(scope -> tellTeam(message, shop, conversation, scope, now));
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("shop", message.shop());
        fields.put("conversationId", id);
        fields.put("channel", message.channel().wire());
        fields.put("language", language);
        fields.put("acknowledgement", ack.map(a -> a.status().wire()).orElse("none"));
        fields.put("reason", decision.reason());
        fields.put("orderIdentified", orderId != null);
        if (named.unavailable() || wismo.filter(WismoAnswer::lookupUnavailable).isPresent()) {
            fields.put("orderLookup", "unavailable");
        }
        fields.put("intent", signal.intent().wire());
        // Whether the acknowledgement answers "where is my order?" or asks for the order number (a business metric).
        fields.put("wismo", wismoReply == null ? "none" : wismoReply);
        fields.put("confidence", Math.round(signal.confidence() * 100));
        fields.put("status", afterReply(conversation, decision).status().wire());
        fields.put("requestAnswered", request.isPresent());
        fields.put("urgent", urgent);
        log.info("message.new_conversation", fields);
        return Optional.of(new IntakeResult(id, false, true, ack, decision.reason()));
    }

    /** Spam (the mail provider's verdict) and automatic mail (the loop guard's) get no reply. */
    private static Screening screening(InboundMessage message, IntakeShop shop) {
        return new Screening(message.spam(), shop.loopGuard().check(message.headers(), message.sender().email()));
    }

    private static ReplyLimits limits(IntakeShop shop) {
        var autoReply = shop.config().autoReply();
        return new ReplyLimits(autoReply.perSenderPerDay(), autoReply.perShopPerHour(), OptionalInt.of(autoReply.newSendersPerHour()));
    }

    /** The budget the store found spent, if the write failed for that. */
    private static Optional<BudgetScope> spentBudget(RecordResult result) {
        return switch (result) {
            case SENDER_BUDGET_EXHAUSTED -> Optional.of(BudgetScope.SENDER);
            case SHOP_BUDGET_EXHAUSTED -> Optional.of(BudgetScope.SHOP);
            case NEW_SENDER_BUDGET_EXHAUSTED -> Optional.of(BudgetScope.NEW_SENDERS);
            default -> Optional.empty();
        };
    }

    /** The conversation as the decision leaves it: waiting on the customer after a full answer, else as it was. */
    private static Conversation afterReply(Conversation conversation, Decision decision) {
        boolean answered = decision.reply().filter(Reply::waitsOnCustomer).isPresent();
        return answered ? conversation.withStatus(ConversationStatus.WAITING_ON_CUSTOMER) : conversation;
    }

    private RecordResult write(InboundMessage message, IntakeShop shop, Conversation opened, Optional<Order> order, Decision decision,
                               Optional<OutboxMessage> ack, boolean urgent, Instant now, String intent, String orderName,
                               boolean teamSeesIt) {
        Conversation conversation = afterReply(opened, decision);
        AckDecision ackDecision = ack.map(a -> new AckDecision("queued", null, a.id(), now))
                .orElseGet(() -> new AckDecision("skipped", decision.reason(), null, now));
        // New addresses may use only their share of the shop's hour, so known customers keep the rest.
        Optional<ReplyBudget> budget = decision.reply().map(Reply::budget).map(limits -> new ReplyBudget(senderIdentity(message),
                limits.perSenderPerDay(), limits.perShopPerHour(), now, limits.newSendersPerHour()));
        List<String> outgoing = ack.map(a -> a.headers().get("Message-ID")).filter(Objects::nonNull)
                .map(mid -> List.of(stripBrackets(mid))).orElse(List.of());
        List<SlaEvent> events = MessageSlaEvents.opening(message, conversation, order, ack.isPresent(), decision.startsClocks(), urgent, now);
        Optional<OutboxMessage> copy = teamCopy(message, shop, conversation, screening(message, shop), teamSeesIt, new TeamCopy.Facts(intent, orderName,
                ack.map(OutboxMessage::kind), decision.reason(), sla.responseDue(conversation, List.of(), events)));
        return conversations.record(new MessageRecord(message, conversation, Optional.empty(), Optional.of(ackDecision), ack, budget,
                outgoing, decision.reason(), expiresAt(shop)).withSla(events, sla.checkpoint(conversation, List.of(), events))
                .withKnownSender(SenderStanding.vouchedIdentity(message, decision.startsClocks()))
                .withTeamCopy(copy, TeamCopy.messageId(copy)));
    }

    /**
     * The team's copy of a message, unless the loop guard refused the message (robots' mail is not the team's work)
     * or the team sees it already (it came through the shop's helpdesk).
     */
    private Optional<OutboxMessage> teamCopy(InboundMessage message, IntakeShop shop, Conversation conversation, Screening screening,
                                             boolean teamSeesIt, TeamCopy.Facts facts) {
        if (screening.loop().isPresent() || teamSeesIt) {
            return Optional.empty();
        }
        return teamCopies.of(message, shop.config(), conversation, facts, clock.instant());
    }

    /** Counts a recorded message the team got no copy of because the loop guard refused it (no personal data logged). */
    private void countWithheldCopy(IntakeShop shop, Conversation conversation, Screening screening) {
        if (screening.loop().isPresent() && shop.config().team().copies().isPresent()) {
            log.info("team_copy.withheld", Map.of("shop", shop.config().domain(), "conversationId", conversation.id(),
                    "reason", screening.loop().get().code(), "withheldTotal", withheldCopies.incrementAndGet()));
        }
    }

    /** Queues the team's alert once per budget period (the store keys it) and logs that the budget tripped. */
    private void tellTeam(InboundMessage message, IntakeShop shop, Conversation conversation, BudgetScope scope, Instant now) {
        ShopConfig config = shop.config();
        String sender = scope == BudgetScope.SENDER ? senderIdentity(message) : "";
        boolean told = conversations.recordBudgetAlert(config.domain(), scope.wire(), sender, now,
                budgetAlerts.of(config, conversation, scope, now), expiresAt(shop));
        log.warn("reply_budget.exhausted", Map.of("shop", config.domain(), "scope", scope.wire(), "conversationId", conversation.id(),
                "teamAlerted", told));
    }

    private static String senderIdentity(InboundMessage message) {
        return message.sender().email() != null ? message.sender().email() : "phone:" + PhoneNumbers.digits(message.sender().phone());
    }

    private long expiresAt(IntakeShop shop) {
        return clock.instant().plus(Duration.ofDays(shop.config().retention().orderDays())).getEpochSecond();
    }

    private static String stripBrackets(String id) {
        return id.replaceAll("^<|>$", "");
    }
}
