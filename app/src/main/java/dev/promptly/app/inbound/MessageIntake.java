package dev.promptly.app.inbound;

import dev.promptly.app.outbox.AutomaticMail;
import dev.promptly.app.port.ConversationStore;
import dev.promptly.app.port.ConversationStore.AckDecision;
import dev.promptly.app.port.ConversationStore.MessageRecord;
import dev.promptly.app.port.ConversationStore.RecordResult;
import dev.promptly.app.port.ConversationStore.ReplyBudget;
import dev.promptly.app.port.ConversationStore.StoredConversation;
import dev.promptly.app.port.OrderStore;
import dev.promptly.app.sla.ShopSla;
import dev.promptly.config.PromptlyConfig;
import dev.promptly.config.ShopConfig;
import dev.promptly.core.ShopDomain;
import dev.promptly.core.calendar.BusinessCalendar;
import dev.promptly.core.error.UnknownShopException;
import dev.promptly.core.message.Channel;
import dev.promptly.core.message.Conversation;
import dev.promptly.core.message.ConversationId;
import dev.promptly.core.message.ConversationStatus;
import dev.promptly.core.message.InboundMessage;
import dev.promptly.core.message.LanguageDetector;
import dev.promptly.core.message.LoopGuard;
import dev.promptly.core.message.MessageIds;
import dev.promptly.core.message.PhoneNumbers;
import dev.promptly.core.message.Sender;
import dev.promptly.core.message.TopicDetector;
import dev.promptly.core.outbox.OutboxKind;
import dev.promptly.core.outbox.OutboxMessage;
import dev.promptly.core.outbox.OutboxStatus;
import dev.promptly.core.reply.AcknowledgementComposer;
import dev.promptly.core.reply.AcknowledgementFacts;
import dev.promptly.core.reply.MessageTemplates;
import dev.promptly.core.reply.MissingTemplateValueException;
import dev.promptly.core.reply.RenderedMessage;
import dev.promptly.core.reply.ReplyLanguage;
import dev.promptly.core.reply.ReplyPromise;
import dev.promptly.core.shopify.Order;
import dev.promptly.core.sla.SlaEvent;
import dev.promptly.core.sla.SlaEventType;
import dev.promptly.core.wismo.OrderReport;
import dev.promptly.core.wismo.WismoAnswer;
import dev.promptly.core.wismo.WismoDetector;
import dev.promptly.core.wismo.WismoSignal;
import dev.promptly.log.JsonLog;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Records an inbound message in its conversation and decides its acknowledgement: one per conversation,
 * useful (ticket, a promise from the business calendar, the order's status for a sender who may see it,
 * help links), never to an automatic or looping message, within the reply budgets. The decision and
 * the outbox record are written in the message's one transaction; a sender delivers the record.
 * Thread-safe; built once per container.
 */
public final class MessageIntake {
    /** Concurrent writers on one conversation are rare; a handful of re-reads settles them. */
    private static final int MAX_ATTEMPTS = 8;
    /** In-Reply-To and the last References entries: enough for every real thread. */
    private static final int MAX_THREAD_LOOKUPS = 10;
    /** Distinct order numbers looked up per message: a reply lists few orders (WismoAnswer.MAX_ORDERS). */
    static final int MAX_ORDER_LOOKUPS = 5;

    private final PromptlyConfig config;
    private final ConversationStore conversations;
    private final OrderStore orders;
    private final SenderStanding senders;
    private final AcknowledgementComposer composer;
    private final LanguageDetector languages;
    private final TopicDetector topics;
    private final Clock clock;
    private final JsonLog log;
    private final Map<ShopDomain, ShopSetup> shops = new HashMap<>();
    private final Map<ShopDomain, ShopSla> slas;

    /** A shop's calendar and loop guard, built once. */
    private record ShopSetup(ShopConfig config, BusinessCalendar calendar, LoopGuard loopGuard, WismoDetector wismo) {
    }

    public MessageIntake(PromptlyConfig config, ConversationStore conversations, OrderStore orders,
                         AcknowledgementComposer composer, LanguageDetector languages, TopicDetector topics, Clock clock, JsonLog log) {
        this.config = Objects.requireNonNull(config, "config");
        this.conversations = Objects.requireNonNull(conversations, "conversations");
        this.orders = Objects.requireNonNull(orders, "orders");
        this.senders = new SenderStanding(conversations, orders);
        this.composer = Objects.requireNonNull(composer, "composer");
        this.languages = Objects.requireNonNull(languages, "languages");
        this.topics = Objects.requireNonNull(topics, "topics");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.log = Objects.requireNonNull(log, "log");
        this.slas = ShopSla.of(config);
        for (ShopConfig shop : config.shops().values()) {
            Set<String> own = new LinkedHashSet<>(shop.autoReply().inboundAddresses());
            own.add(shop.supportEmail().toLowerCase(Locale.ROOT));
            own.add(shop.autoReply().replyTo().toLowerCase(Locale.ROOT));
            var settings = shop.wismo();
            var detector = new WismoDetector(SHIPPED_LANGUAGES, settings.extraPhrases(), settings.negativePhrases(), settings.threshold());
            shops.put(shop.domain(), new ShopSetup(shop, shop.calendar(), new LoopGuard(own), detector));
        }
    }

    /** The languages Promptly ships templates and detection data for. */
    public static final List<String> SHIPPED_LANGUAGES = List.of("de", "en");

    /** The intake with the shipped templates and detection data. */
    public static MessageIntake standard(PromptlyConfig config, ConversationStore conversations, OrderStore orders,
                                         Clock clock, JsonLog log) {
        return new MessageIntake(config, conversations, orders,
                new AcknowledgementComposer(new MessageTemplates("ack", SHIPPED_LANGUAGES), new MessageTemplates("wismo", SHIPPED_LANGUAGES)),
                new LanguageDetector(SHIPPED_LANGUAGES), new TopicDetector(SHIPPED_LANGUAGES), clock, log);
    }

    public PromptlyConfig config() {
        return config;
    }

    /** The log this intake writes to, so that the request edge in front of it logs to the same place. */
    JsonLog log() {
        return log;
    }

    /**
     * SnapStart priming: runs detection, the calendar and both templates for the first shop, and the
     * DynamoDB reads of a new message, so the snapshot holds warm classes and a warm client. Nothing is written.
     */
    public void prime() {
        ShopSetup shop = shops.values().iterator().next();
        Instant now = clock.instant();
        String id = "priming@promptly.invalid";
        var message = new InboundMessage(shop.config().domain(), Channel.EMAIL, id, new Sender("Priming", id, null),
                "Wo bleibt meine Bestellung #1001?", "Hallo, wo bleibt meine Bestellung #1001?", List.of(), null, now, Map.of(), null,
                List.of(), false);
        WismoSignal signal = shop.wismo().detect(message.subject(), message.text(), shop.config().wismo().orderName());
        conversations.conversationOfMessage(message.shop(), id);
        senders.known(message);
        var conversation = new Conversation(message.shop(), ConversationId.derive(message.shop().value(), id), Channel.EMAIL,
                ConversationStatus.OPEN, message.sender(), shop.config().defaultLanguage(), message.subject(), null, null, now, now, 1);
        acknowledgement(message, shop, conversation, Optional.empty(), Optional.of(WismoAnswer.none()), signal.wismo(), now, true);
        acknowledgement(message, shop, conversation, Optional.empty(), Optional.empty(), true, now, false);
    }

    /** Records {@code message} and queues its acknowledgement when one is due. */
    public IntakeResult accept(InboundMessage message) {
        ShopSetup shop = shops.get(message.shop());
        if (shop == null) {
            throw new UnknownShopException(message.shop());
        }
        for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
            Optional<ConversationId> seen = conversations.conversationOfMessage(message.shop(), message.messageId());
            if (seen.isPresent()) {
                log.info("message.duplicate", Map.of("shop", message.shop(), "conversationId", seen.get(), "channel", message.channel().wire()));
                return new IntakeResult(seen.get(), true, false, returnedAcknowledgement(message, seen.get()), null);
            }
            Optional<StoredConversation> thread = thread(message);
            Optional<IntakeResult> result = thread.isPresent()
                    ? followUp(message, thread.get(), shop)
                    : open(message, shop);
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

    /** The open conversation a message continues: by the ids it answers, a ticket in its subject, or its chat session. */
    private Optional<StoredConversation> thread(InboundMessage message) {
        List<String> answered = new ArrayList<>(message.references());
        java.util.Collections.reverse(answered);
        // The newest ids are the ones that thread; a huge References header must not cost a read per id.
        for (String id : answered.subList(0, Math.min(answered.size(), MAX_THREAD_LOOKUPS))) {
            Optional<StoredConversation> found = conversations.conversationOfMessage(message.shop(), id)
                    .flatMap(c -> conversations.load(message.shop(), c));
            if (found.isPresent()) {
                return found;
            }
        }
        Optional<StoredConversation> byTicket = ConversationId.findTicket(message.subject())
                .flatMap(id -> conversations.load(message.shop(), id))
                // A ticket number is no secret: only its own customer, as the channel verified them, may
                // continue a conversation with it; a typed address or number is a claim anyone can make.
                .filter(stored -> verifiedAsCustomer(stored.conversation(), message));
        if (byTicket.isPresent()) {
            return byTicket;
        }
        if (message.sessionId() != null) {
            return conversations.conversationOfSession(message.shop(), message.sessionId())
                    .flatMap(c -> conversations.load(message.shop(), c))
                    // A session id travels in the widget's requests: it continues only its opener's conversation.
                    .filter(stored -> sameSender(stored.conversation(), message));
        }
        return Optional.empty();
    }

    private Optional<IntakeResult> followUp(InboundMessage message, StoredConversation stored, ShopSetup shop) {
        Conversation next = stored.conversation().withCustomerMessage(message.receivedAt(), null);
        // A customer message resumes the clocks (and starts a next-response cycle); automatic mail does not.
        List<SlaEvent> events = noReplyReason(message, shop) == null
                ? List.of(SlaEvent.customerMessage(message.receivedAt(), null, null)) : List.of();
        RecordResult result = conversations.record(new MessageRecord(message, next, Optional.of(stored.version()), Optional.empty(),
                Optional.empty(), Optional.empty(), List.of(), "follow_up", expiresAt(shop))
                .withSla(events, checkpoint(next, conversations.slaEvents(message.shop(), next.id()), events))
                .withKnownSender(SenderStanding.vouchedIdentity(message, !events.isEmpty())));
        if (result != RecordResult.WRITTEN) {
            return Optional.empty();
        }
        log.info("message.follow_up", Map.of("shop", message.shop(), "conversationId", next.id(), "channel", message.channel().wire(),
                "reopened", stored.conversation().status() != ConversationStatus.OPEN));
        return Optional.of(new IntakeResult(next.id(), false, false, Optional.empty(), "follow_up"));
    }

    private Optional<IntakeResult> open(InboundMessage message, ShopSetup shop) {
        Instant now = clock.instant();
        ConversationId id = ConversationId.derive(message.shop().value(), message.messageId());
        WismoSignal signal = shop.wismo().detect(message.subject(), message.text(), shop.config().wismo().orderName());
        boolean byEmail = repliesByEmail(message, signal);
        // Order details go only to a contact stored on the order, over the way the reply travels: the
        // address it is mailed to, or a phone number the channel verified. A typed phone number, or an
        // address claimed in a message answered over HTTP, unlocks nothing.
        Optional<ReplyContact> replyContact = ReplyContact.of(message, byEmail);
        boolean mayShowOrders = replyContact.isPresent();
        List<Order> named = mayShowOrders ? namedOrders(message, signal, shop, replyContact.get()) : List.of();
        Optional<WismoAnswer> wismo = signal.wismo() && mayShowOrders
                ? Optional.of(wismoAnswer(message, signal, named, shop, now, replyContact.get())) : Optional.empty();
        Optional<Order> order = named.stream().findFirst();
        String detected = languages.detect(message.subject() == null ? message.text() : message.subject() + "\n" + message.text()).orElse(null);
        String language = ReplyLanguage.choose(order.map(o -> o.customer().locale()).orElse(null), Optional.ofNullable(detected),
                shop.config().languages(), composer.templates().languages());
        String reason = noReplyReason(message, shop);
        String orderId = wismo.flatMap(w -> w.orders().stream().findFirst()).map(OrderReport::orderId)
                .orElse(order.map(Order::orderId).orElse(null));
        Conversation conversation = new Conversation(message.shop(), id, message.channel(), ConversationStatus.OPEN, message.sender(),
                language, message.subject(), orderId, unclaimedSession(message), message.receivedAt(), message.receivedAt(), 1);

        Optional<OutboxMessage> ack = Optional.empty();
        // An address with no order and no earlier conversation may be a stranger's, typed into a form.
        boolean known = reason == null && senders.known(message);
        if (reason == null) {
            try {
                ack = Optional.of(acknowledgement(message, shop, conversation, wismo.isPresent() ? Optional.empty() : order, wismo,
                        byEmail, now, known));
            } catch (MissingTemplateValueException e) {
                reason = "missing_template_value:" + e.variable();
            }
        }
        // Spam and automatic mail (loops) start no clock; every other customer message does.
        boolean startsClocks = noReplyReason(message, shop) == null;
        BigDecimal orderValue = order.map(Order::totalPrice).flatMap(MessageIntake::amount).orElse(null);
        Set<String> customerTags = order.map(o -> Set.copyOf(o.customer().tags())).orElse(Set.of());
        RecordResult result = write(message, shop, afterReply(conversation, ack, wismo, shop), ack, reason, now, startsClocks, orderValue,
                customerTags, known);
        if (result == RecordResult.SENDER_BUDGET_EXHAUSTED || result == RecordResult.SHOP_BUDGET_EXHAUSTED
                || result == RecordResult.NEW_SENDER_BUDGET_EXHAUSTED) {
            String scope = result == RecordResult.SENDER_BUDGET_EXHAUSTED ? "sender"
                    : result == RecordResult.SHOP_BUDGET_EXHAUSTED ? "shop" : "new_senders";
            reason = scope + "_budget_exhausted";
            ack = Optional.empty();
            result = write(message, shop, conversation, ack, reason, now, startsClocks, orderValue, customerTags, known);
            if (result == RecordResult.WRITTEN) {
                tellTeamBudgetTripped(shop, conversation, scope, scope.equals("sender") ? senderIdentity(message) : "", now);
            }
        }
        if (result != RecordResult.WRITTEN) {
            return Optional.empty();
        }
        conversation = afterReply(conversation, ack, wismo, shop);
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("shop", message.shop());
        fields.put("conversationId", id);
        fields.put("channel", message.channel().wire());
        fields.put("language", language);
        fields.put("acknowledgement", ack.map(a -> a.status().wire()).orElse("none"));
        fields.put("reason", reason);
        fields.put("orderIdentified", orderId != null);
        fields.put("intent", signal.intent().wire());
        fields.put("confidence", Math.round(signal.confidence() * 100));
        fields.put("status", conversation.status().wire());
        log.info("message.new_conversation", fields);
        return Optional.of(new IntakeResult(id, false, true, ack, reason));
    }

    /**
     * After an automatic answer the customer has what they asked for: the conversation waits on them,
     * unless nothing was sent, a person must act (a broken promise, a carrier problem) or the shop keeps
     * answered conversations open.
     */
    private static Conversation afterReply(Conversation conversation, Optional<OutboxMessage> ack, Optional<WismoAnswer> wismo,
                                           ShopSetup shop) {
        boolean answered = ack.isPresent() && wismo.isPresent() && !wismo.get().needsPerson()
                && !shop.config().wismo().keepOpenAfterAnswer();
        return answered ? conversation.withStatus(ConversationStatus.WAITING_ON_CUSTOMER) : conversation;
    }

    /**
     * Mail and contact forms are answered by e-mail; a chat message too when it asks about an order
     * (its details must reach the order's address, not whoever typed it); other chat and WhatsApp
     * acknowledgements go back to the client in the HTTP answer.
     */
    private static boolean repliesByEmail(InboundMessage message, WismoSignal signal) {
        if (message.sender().email() == null) {
            return false;
        }
        return switch (message.channel()) {
            case EMAIL, FORM -> true;
            case CHAT -> signal.wismo() || !signal.orderReferences().isEmpty();
            case WHATSAPP -> false;
        };
    }

    /**
     * The SLA events a new conversation starts with: the customer's message (with the total and the
     * customer tags of the order it names, for policies that match on them), the automatic reply (recorded,
     * never counted as a response) and, when that reply left the conversation waiting on the customer, the
     * pause. None for spam and automatic mail ({@code startsClocks} false).
     */
    private static List<SlaEvent> openingEvents(InboundMessage message, Conversation conversation, Optional<OutboxMessage> ack,
                                                boolean startsClocks, BigDecimal orderValue, Set<String> customerTags, Instant now) {
        if (!startsClocks) {
            return List.of();
        }
        List<SlaEvent> events = new ArrayList<>();
        events.add(SlaEvent.customerMessage(message.receivedAt(), orderValue, customerTags));
        if (ack.isPresent()) {
            Instant replied = now.isBefore(message.receivedAt()) ? message.receivedAt() : now;
            events.add(SlaEvent.of(SlaEventType.AUTO_REPLY, replied));
            if (conversation.status() == ConversationStatus.WAITING_ON_CUSTOMER) {
                events.add(SlaEvent.of(SlaEventType.WAITING_ON_CUSTOMER, replied));
            }
        }
        return events;
    }

    /** The conversation's next SLA checkpoint once {@code added} is appended to {@code recorded}. */
    private Optional<Instant> checkpoint(Conversation conversation, List<SlaEvent> recorded, List<SlaEvent> added) {
        if (added.isEmpty() && recorded.isEmpty()) {
            return Optional.empty();
        }
        ShopSla sla = slas.get(conversation.shop());
        List<SlaEvent> all = new ArrayList<>(recorded);
        all.addAll(added);
        Instant now = clock.instant();
        return sla.checkpointAfterChange(sla.report(conversation, all, now), now);
    }

    private static Optional<BigDecimal> amount(String total) {
        try {
            return Optional.of(new BigDecimal(total.trim()));
        } catch (RuntimeException unreadable) {
            return Optional.empty();
        }
    }

    private RecordResult write(InboundMessage message, ShopSetup shop, Conversation conversation, Optional<OutboxMessage> ack,
                               String reason, Instant now, boolean startsClocks, BigDecimal orderValue, Set<String> customerTags,
                               boolean knownSender) {
        AckDecision decision = ack.map(a -> new AckDecision("queued", null, a.id(), now))
                .orElseGet(() -> new AckDecision("skipped", reason, null, now));
        // New addresses may use only their share of the shop's hour, so known customers keep the rest.
        java.util.OptionalInt newSenderCap = knownSender ? java.util.OptionalInt.empty()
                : java.util.OptionalInt.of(shop.config().autoReply().newSendersPerHour());
        Optional<ReplyBudget> budget = ack.map(a -> new ReplyBudget(senderIdentity(message),
                shop.config().autoReply().perSenderPerDay(), shop.config().autoReply().perShopPerHour(), now, newSenderCap));
        List<String> outgoing = ack.map(a -> a.headers().get("Message-ID")).filter(Objects::nonNull)
                .map(mid -> List.of(stripBrackets(mid))).orElse(List.of());
        List<SlaEvent> events = openingEvents(message, conversation, ack, startsClocks, orderValue, customerTags, now);
        return conversations.record(new MessageRecord(message, conversation, Optional.empty(), Optional.of(decision), ack, budget,
                outgoing, reason, expiresAt(shop)).withSla(events, checkpoint(conversation, List.of(), events))
                .withKnownSender(SenderStanding.vouchedIdentity(message, startsClocks)));
    }

    /** Why this message must get no automatic reply, or null. */
    private static String noReplyReason(InboundMessage message, ShopSetup shop) {
        if (message.spam()) {
            return "spam";
        }
        return shop.loopGuard().check(message.headers(), message.sender().email()).map(r -> r.code()).orElse(null);
    }

    private OutboxMessage acknowledgement(InboundMessage message, ShopSetup shop, Conversation conversation, Optional<Order> order,
                                          Optional<WismoAnswer> wismo, boolean byEmail, Instant now, boolean knownSender) {
        ShopConfig config = shop.config();
        List<AcknowledgementFacts.HelpLink> links = new ArrayList<>();
        for (var topic : topics.detect(message.subject(), message.text())) {
            config.autoReply().helpLink(topic.key(), conversation.language())
                    .ifPresent(url -> links.add(new AcknowledgementFacts.HelpLink(topic.key(), url)));
        }
        links.sort(java.util.Comparator.comparing(AcknowledgementFacts.HelpLink::topic));
        var promise = ReplyPromise.compute(shop.calendar(), message.receivedAt(), config.firstResponseTarget());
        // Mail to an unknown address repeats none of the sender's text: a form relays whatever name is typed.
        String greeted = byEmail && !knownSender ? null : firstName(message.sender().name());
        var facts = new AcknowledgementFacts(conversation.language(), config.name(), conversation.id(), greeted,
                promise, message.customerTimeZone().orElse(config.timeZone()), order.map(o -> OrderReport.of(o, shop.calendar(), config.delayPolicy(), now)), links, byEmail, wismo);
        RenderedMessage rendered = composer.compose(facts);

        OutboxKind kind = wismo.isPresent() ? OutboxKind.WISMO : OutboxKind.ACK;
        String outboxId = AutomaticMail.outboxId(now, kind.wire() + "-" + conversation.id().value());
        Map<String, String> headers = byEmail ? AutomaticMail.headers(config, outboxId, AutomaticMail.AUTO_REPLIED) : new LinkedHashMap<>();
        if (byEmail) {
            if (message.channel() == Channel.EMAIL) {
                // Ids come from the customer's side: only a single clean token may be echoed into a header.
                if (MessageIds.headerSafe(message.messageId())) {
                    headers.put("In-Reply-To", "<" + message.messageId() + ">");
                }
                List<String> references = new ArrayList<>(message.references());
                if (!references.contains(message.messageId())) {
                    references.add(message.messageId());
                }
                references.removeIf(r -> !MessageIds.headerSafe(r));
                if (!references.isEmpty()) {
                    headers.put("References", String.join(" ", references.stream().map(r -> "<" + r + ">").toList()));
                }
            }
        }
        return new OutboxMessage(message.shop(), outboxId, kind, byEmail ? "email" : message.channel().wire(),
                byEmail ? message.sender().email() : (message.sender().email() != null ? message.sender().email() : message.sender().phone()),
                config.name() + " <" + config.supportEmail() + ">", config.autoReply().replyTo(),
                rendered.subject(), rendered.text(), rendered.html(), headers, conversation.id().value(), conversation.orderId(), now,
                byEmail ? OutboxStatus.PENDING : OutboxStatus.RETURNED, byEmail ? now : null, 0, null, byEmail ? null : now, null);
    }

    /**
     * The orders the message names whose stored contact the reply goes to. An order named by someone
     * else is treated exactly like one that does not exist.
     */
    private List<Order> namedOrders(InboundMessage message, WismoSignal signal, ShopSetup shop, ReplyContact contact) {
        List<Order> found = new ArrayList<>();
        // Each reference costs index queries; a message listing thousands must not cost thousands of reads.
        for (String number : signal.orderReferences().stream().distinct().limit(MAX_ORDER_LOOKUPS).toList()) {
            Set<String> names = new LinkedHashSet<>(List.of(shop.config().wismo().orderName().nameOf(number), "#" + number, number));
            for (String name : names) {
                var stored = orders.findByName(message.shop(), name);
                for (var candidate : stored) {
                    Order order = candidate.order();
                    if (order.hasOrderDetails() && order.redactedAt() == null && contact.isStoredOn(order)
                            && found.stream().noneMatch(o -> o.orderId().equals(order.orderId()))) {
                        found.add(order);
                    }
                }
                if (!stored.isEmpty()) {
                    break; // a shop names each order once: the other spellings name the same order, or none
                }
            }
        }
        return found;
    }

    /**
     * The "where is my order?" part of the reply: the named orders; without a reference, the open orders
     * stored with the contact the reply goes to (through the indexes), or the latest such order when none
     * is open; with more open orders than one reply should list, a question which one is meant.
     */
    private WismoAnswer wismoAnswer(InboundMessage message, WismoSignal signal, List<Order> named, ShopSetup shop, Instant now,
                                    ReplyContact contact) {
        ShopConfig config = shop.config();
        if (!named.isEmpty()) {
            return new WismoAnswer(named.stream().limit(WismoAnswer.MAX_ORDERS)
                    .map(o -> OrderReport.of(o, shop.calendar(), config.delayPolicy(), now)).toList(), false, false);
        }
        if (!signal.orderReferences().isEmpty()) {
            return WismoAnswer.none();
        }
        List<OrderReport> reports = orders.findByContact(message.shop(), contact.email(), contact.phone()).stream()
                .map(OrderStore.StoredOrder::order)
                .filter(o -> o.hasOrderDetails() && o.redactedAt() == null && contact.isStoredOn(o))
                .map(o -> OrderReport.of(o, shop.calendar(), config.delayPolicy(), now))
                .toList();
        if (reports.isEmpty()) {
            return WismoAnswer.none();
        }
        List<OrderReport> open = reports.stream().filter(OrderReport::open).toList();
        if (open.isEmpty()) {
            return new WismoAnswer(List.of(reports.get(0)), false, false);
        }
        if (open.size() > WismoAnswer.MAX_ORDERS) {
            return new WismoAnswer(List.of(), false, true);
        }
        return new WismoAnswer(open, false, false);
    }

    /**
     * The one contact a reply with order details would reach: the address it is mailed to, or else a
     * phone number the channel verified and answers to. Exactly one of the two is set.
     */
    private record ReplyContact(String email, String phone) {
        static Optional<ReplyContact> of(InboundMessage message, boolean byEmail) {
            if (byEmail) {
                return Optional.of(new ReplyContact(message.sender().email(), null));
            }
            return message.verifiedPhone().map(phone -> new ReplyContact(null, phone));
        }

        /** Whether this contact is the order's own e-mail address or phone number. */
        boolean isStoredOn(Order order) {
            String stored = order.customer().email();
            if (email != null) {
                return stored != null && email.equalsIgnoreCase(stored.trim());
            }
            return PhoneNumbers.same(phone, order.customer().phone());
        }
    }

    /** Whether the channel vouches that the sender is the conversation's customer (addresses are stored lower-cased). */
    private static boolean verifiedAsCustomer(Conversation conversation, InboundMessage message) {
        Sender customer = conversation.customer();
        return message.verifiedEmail().map(email -> email.equals(customer.email())).orElse(false)
                || message.verifiedPhone().map(phone -> PhoneNumbers.same(phone, customer.phone())).orElse(false);
    }

    /** Whether the message gives exactly the contacts the conversation was opened with. */
    private static boolean sameSender(Conversation conversation, InboundMessage message) {
        Sender customer = conversation.customer();
        Sender sender = message.sender();
        return Objects.equals(customer.email(), sender.email())
                && Objects.equals(phoneDigits(customer.phone()), phoneDigits(sender.phone()));
    }

    private static String phoneDigits(String phone) {
        return phone == null ? null : phone.replaceAll("[^0-9]", "");
    }

    /**
     * The message's chat session for its new conversation, or null when the session already belongs to
     * another sender's conversation (or to an erased one): the session stays theirs, this message starts a
     * conversation without it. A session its own sender opened a moment ago is kept, so that the write
     * conflicts and the next attempt continues that conversation.
     */
    private String unclaimedSession(InboundMessage message) {
        if (message.sessionId() == null) {
            return null;
        }
        Optional<ConversationId> holder = conversations.conversationOfSession(message.shop(), message.sessionId());
        if (holder.isEmpty() || conversations.load(message.shop(), holder.get())
                .filter(stored -> sameSender(stored.conversation(), message)).isPresent()) {
            return message.sessionId();
        }
        return null;
    }

    private void tellTeamBudgetTripped(ShopSetup shop, Conversation conversation, String scope, String sender, Instant now) {
        ShopConfig config = shop.config();
        String outboxId = AutomaticMail.outboxId(now, "budget-" + scope + "-" + conversation.id().value());
        String subject = "[Promptly] Automatic replies paused (" + scope.replace('_', ' ') + " budget reached)";
        String text = "Promptly has paused automatic acknowledgements for "
                + switch (scope) {
                    case "sender" -> "one sender, who reached " + config.autoReply().perSenderPerDay() + " automatic replies today";
                    case "new_senders" -> "new addresses (no order, no earlier conversation), which reached "
                            + config.autoReply().newSendersPerHour() + " automatic replies this hour; known customers still get theirs";
                    default -> "your shop, which reached " + config.autoReply().perShopPerHour() + " automatic replies this hour";
                }
                + ".\n\nThe latest message is ticket " + conversation.ticket() + ". Messages are still recorded; "
                + "they wait for a person. Replies resume with the next period.\n";
        Map<String, String> headers = AutomaticMail.headers(config, outboxId, AutomaticMail.AUTO_GENERATED);
        var alert = new OutboxMessage(config.domain(), outboxId, OutboxKind.BUDGET_ALERT, "email", config.supportEmail(),
                "Promptly <" + config.supportEmail() + ">", null, subject, text, null, headers, conversation.id().value(), null, now,
                OutboxStatus.PENDING, now, 0, null, null, null);
        boolean told = conversations.recordBudgetAlert(config.domain(), scope, sender, now, alert, expiresAt(shop));
        log.warn("reply_budget.exhausted", Map.of("shop", config.domain(), "scope", scope, "conversationId", conversation.id(),
                "teamAlerted", told));
    }

    private static String senderIdentity(InboundMessage message) {
        return message.sender().email() != null ? message.sender().email() : "phone:" + PhoneNumbers.digits(message.sender().phone());
    }

    private long expiresAt(ShopSetup shop) {
        return clock.instant().plus(Duration.ofDays(shop.config().retention().orderDays())).getEpochSecond();
    }

    private static String firstName(String name) {
        return name == null ? null : name.trim();
    }

    private static String stripBrackets(String id) {
        return id.replaceAll("^<|>$", "");
    }
}
