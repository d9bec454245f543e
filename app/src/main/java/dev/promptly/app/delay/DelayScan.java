package dev.promptly.app.delay;

import dev.promptly.app.outbox.AutomaticMail;
import dev.promptly.app.port.ConversationStore;
import dev.promptly.app.port.DelayStore;
import dev.promptly.app.port.DelayStore.Decision;
import dev.promptly.app.port.DelayStore.DueOrder;
import dev.promptly.app.port.HelpdeskLinks;
import dev.promptly.app.port.OrderStore;
import dev.promptly.app.port.OrderStore.StoredOrder;
import dev.promptly.config.PromptlyConfig;
import dev.promptly.config.ShopCalendars;
import dev.promptly.app.whatsapp.WhatsAppNotification;
import dev.promptly.config.ShopConfig;
import dev.promptly.config.WhatsAppSettings;
import dev.promptly.core.message.PhoneNumbers;
import dev.promptly.core.ShopDomain;
import dev.promptly.core.delay.CircuitBreaker;
import dev.promptly.core.delay.DelayAssessment;
import dev.promptly.core.delay.DelayPolicy;
import dev.promptly.core.delay.DelayRules;
import dev.promptly.core.delay.NoticePlan;
import dev.promptly.core.delay.NoticePlanner;
import dev.promptly.core.message.Conversation;
import dev.promptly.core.reply.DelayNoticeComposer;
import dev.promptly.core.reply.MessageTemplates;
import dev.promptly.core.reply.MissingTemplateValueException;
import dev.promptly.core.outbox.OutboxMessage;
import dev.promptly.core.shopify.Order;
import dev.promptly.log.JsonLog;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/**
 * The scheduled delay scan: reads the orders whose next delay check has come through the sparse
 * {@code DelayDue} index (never a Scan), decides per order what to tell whom, and writes each decision
 * with its outbox record and the order's next check in one conditional transaction.
 *
 * <p>Safe to overlap and to stop anywhere: an order stays due until its decision is written, and a
 * decision's markers exist at most once, so a second run (overlapping, retried or resuming) sends
 * nothing twice. The circuit breaker judges each shop's notices of the run together before any is
 * written: when it trips, none goes out, the team is told once a day, and the orders are looked at again
 * after {@link #HOLD_RECHECK} — until the cause is fixed or a person releases them.
 */
public final class DelayScan {
    /** Due orders read per index page. */
    static final int PAGE = 100;
    /** When held orders are looked at again: about one scan interval. */
    static final Duration HOLD_RECHECK = Duration.ofMinutes(15);
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyyMMdd").withZone(ZoneOffset.UTC);

    private final PromptlyConfig config;
    private final OrderStore orders;
    private final ConversationStore conversations;
    private final DelayStore delays;
    private final DelayNotices messages;
    private final Clock clock;
    private final JsonLog log;
    private final HelpdeskLinks helpdesk;
    /** Null: notices carry no goodwill codes. */
    private final GoodwillCodes goodwill;
    private final DelayRules rules = new DelayRules();
    private final NoticePlanner planner = new NoticePlanner();
    private final ShopCalendars calendars = new ShopCalendars();

    public DelayScan(PromptlyConfig config, OrderStore orders, ConversationStore conversations, DelayStore delays,
                     DelayNoticeComposer composer, Clock clock, JsonLog log) {
        this(config, orders, conversations, delays, composer, clock, log, null);
    }

    /**
     * As above; with {@code helpdesk} (null: none), a note decided for an open conversation linked to a
     * helpdesk ticket is also queued as an internal note on that ticket ({@code helpdesk_note}), once.
     */
    public DelayScan(PromptlyConfig config, OrderStore orders, ConversationStore conversations, DelayStore delays,
                     DelayNoticeComposer composer, Clock clock, JsonLog log, HelpdeskLinks helpdesk) {
        this(config, orders, conversations, delays, new DelayNotices(Objects.requireNonNull(composer, "composer")), clock, log, helpdesk, null);
    }

    private DelayScan(PromptlyConfig config, OrderStore orders, ConversationStore conversations, DelayStore delays,
                      DelayNotices messages, Clock clock, JsonLog log, HelpdeskLinks helpdesk, GoodwillCodes goodwill) {
        this.goodwill = goodwill;
        this.helpdesk = helpdesk;
        this.config = Objects.requireNonNull(config, "config");
        this.orders = Objects.requireNonNull(orders, "orders");
        this.conversations = Objects.requireNonNull(conversations, "conversations");
        this.delays = Objects.requireNonNull(delays, "delays");
        this.messages = messages;
        this.clock = Objects.requireNonNull(clock, "clock");
        this.log = Objects.requireNonNull(log, "log");
    }

    /**
     * This scan with goodwill codes in the e-mail notices of shops that configure them ({@code goodwill}),
     * created by {@code codes}; see {@link GoodwillCodes}.
     */
    public DelayScan withGoodwill(GoodwillCodes codes) {
        return new DelayScan(config, orders, conversations, delays, messages, clock, log, helpdesk, Objects.requireNonNull(codes, "codes"));
    }

    /** The scan with the shipped {@code delay_notice} templates. */
    public static DelayScan standard(PromptlyConfig config, OrderStore orders, ConversationStore conversations,
                                     DelayStore delays, Clock clock, JsonLog log) {
        return standard(config, orders, conversations, delays, clock, log, null);
    }

    /** The scan with the shipped templates, noting delays on linked helpdesk tickets through {@code helpdesk} (null: none). */
    public static DelayScan standard(PromptlyConfig config, OrderStore orders, ConversationStore conversations,
                                     DelayStore delays, Clock clock, JsonLog log, HelpdeskLinks helpdesk) {
        return new DelayScan(config, orders, conversations, delays,
                new DelayNoticeComposer(new MessageTemplates("delay_notice", DelayNotices.SHIPPED_LANGUAGES)), clock, log, helpdesk);
    }

    /**
     * One run: reads up to {@code maxOrders} due orders while {@code timeLeft} says so, then decides them.
     */
    public DelayScanReport run(int maxOrders, BooleanSupplier timeLeft) {
        Instant now = clock.instant();
        List<DueOrder> due = new ArrayList<>();
        DelayStore.Cursor start = null;
        boolean complete;
        do {
            var page = delays.due(now, Math.min(PAGE, maxOrders - due.size()), start);
            due.addAll(page.orders());
            start = page.next();
            complete = start == null;
        } while (!complete && due.size() < maxOrders && timeLeft.getAsBoolean());

        Map<ShopDomain, List<DueOrder>> byShop = new LinkedHashMap<>();
        due.forEach(order -> byShop.computeIfAbsent(order.shop(), s -> new ArrayList<>()).add(order));
        Tally tally = new Tally();
        for (var entry : byShop.entrySet()) {
            scanShop(entry.getKey(), entry.getValue(), now, tally, timeLeft);
        }
        if (goodwill != null) {
            for (ShopDomain shop : byShop.keySet()) {
                try {
                    config.shop(shop).flatMap(s -> goodwill.budget(s, now)).ifPresent(tally.budgets::add);
                } catch (RuntimeException e) {
                    // The report's budget is for reading; the run's decisions are written already.
                    log.warn("delay_scan.goodwill_budget_unread", Map.of("shop", shop, "type", e.getClass().getSimpleName()));
                }
            }
        }
        DelayScanReport report = tally.report(due.size(), complete);
        log.info("delay_scan.run", Map.of("due", report.due(), "notices", report.notices(), "notes", report.notes(),
                "heldForWindow", report.heldForWindow(), "heldByBreaker", report.heldByBreaker(), "unreachable", report.unreachable(),
                "alreadyDecided", report.alreadyDecided(), "orderChanged", report.orderChanged(), "failed", report.failed(),
                "complete", report.complete()));
        return report;
    }

    /** What was decided for one due order before anything is written. */
    private record Work(StoredOrder stored, NoticePlan plan, Kind kind, List<Conversation> openConversations) {
    }

    private enum Kind { NONE, NOTICE, NOTE, UNREACHABLE, WHATSAPP_NOTICE;

        boolean notifiesCustomer() {
            return this == NOTICE || this == WHATSAPP_NOTICE;
        }
    }

    private void scanShop(ShopDomain domain, List<DueOrder> due, Instant now, Tally tally, BooleanSupplier timeLeft) {
        Optional<ShopConfig> found = config.shop(domain);
        List<Work> work = new ArrayList<>();
        for (DueOrder order : due) {
            try {
                Optional<StoredOrder> stored = orders.load(domain, order.orderId());
                if (stored.isEmpty()) {
                    continue;
                }
                if (found.isEmpty() || !found.get().delayNotices().enabled()) {
                    // A shop removed from the configuration, or one that switched notices off: nothing more to check.
                    delays.moveCheck(domain, order.orderId(), stored.get().version(), null);
                    continue;
                }
                work.add(plan(found.get(), stored.get(), now));
            } catch (RuntimeException e) {
                fail(domain, order.orderId(), e, tally);
            }
        }
        if (found.isEmpty()) {
            return;
        }
        ShopConfig shop = found.get();
        DelayPolicy policy = shop.delayPolicy();
        long notices = work.stream().filter(w -> w.kind().notifiesCustomer()).count();
        boolean hold = CircuitBreaker.trips((int) notices, due.size(), policy) && !delays.takeBreakerRelease(domain);
        if (hold) {
            alertBreaker(shop, (int) notices, due.size(), now);
        }
        for (Work w : work) {
            if (!timeLeft.getAsBoolean()) {
                return; // Still due: the next run continues here.
            }
            try {
                decide(shop, w, hold, now, tally);
            } catch (RuntimeException e) {
                fail(domain, w.stored().order().orderId(), e, tally);
            }
        }
    }

    private Work plan(ShopConfig shop, StoredOrder stored, Instant now) {
        Order order = stored.order();
        if (!order.hasOrderDetails()) {
            return new Work(stored, NoticePlan.NOTHING, Kind.NONE, List.of());
        }
        DelayPolicy policy = shop.delayPolicy();
        DelayAssessment assessment = rules.assess(order, policy, calendars.of(shop), now);
        var zone = shop.delayNotices().recipientZone(order.shippingCountry(), shop.timeZone());
        NoticePlan plan = planner.plan(assessment, policy, delays.decided(shop.domain(), order.orderId()), zone, now);
        if (plan.notices().isEmpty()) {
            return new Work(stored, plan, Kind.NONE, List.of());
        }
        List<Conversation> open = conversations.openConversationsAbout(shop.domain(), order.orderId());
        if (!open.isEmpty()) {
            return new Work(stored, plan, Kind.NOTE, open);
        }
        if (whatsAppNumber(shop, order).isPresent()) {
            return new Work(stored, plan, Kind.WHATSAPP_NOTICE, List.of());
        }
        String email = order.customer().email();
        return new Work(stored, plan, email == null || email.isBlank() ? Kind.UNREACHABLE : Kind.NOTICE, List.of());
    }

    private void decide(ShopConfig shop, Work w, boolean hold, Instant now, Tally tally) {
        Order order = w.stored().order();
        NoticePlan plan = w.plan();
        if (w.kind() == Kind.NONE) {
            if (plan.heldUntil() != null) {
                tally.heldForWindow++;
            }
            if (!delays.moveCheck(shop.domain(), order.orderId(), w.stored().version(), plan.nextCheckAt())) {
                tally.orderChanged++;
            }
            return;
        }
        if (w.kind().notifiesCustomer() && hold) {
            tally.heldByBreaker++;
            delays.moveCheck(shop.domain(), order.orderId(), w.stored().version(), now.plus(HOLD_RECHECK));
            return;
        }
        List<String> keys = plan.notices().stream().map(NoticePlan.PlannedNotice::key).toList();
        String outcome;
        Optional<OutboxMessage> outbox;
        Optional<OutboxMessage> ticketNote = Optional.empty();
        GoodwillCodes.Outcome code = GoodwillCodes.Outcome.NONE;
        String id = AutomaticMail.outboxId(now, order.orderId());
        switch (w.kind()) {
            case NOTE -> {
                outcome = "note";
                outbox = Optional.of(messages.note(shop, order, plan, w.openConversations().get(0), id, now));
                // (A notice goes out only when no conversation about the order is open: only a note has a ticket to note it on.)
                ticketNote = helpdesk == null ? Optional.empty() : w.openConversations().stream()
                        .map(c -> helpdesk.byConversation(shop.domain(), c.id())).flatMap(Optional::stream).findFirst()
                        .map(link -> messages.ticketNote(link, order, plan, now));
            }
            case NOTICE, WHATSAPP_NOTICE -> {
                // Only an e-mail notice carries a code: a WhatsApp notice is the shop's approved template, with fixed parameters.
                // Decided after the circuit breaker (held notices returned above), so held notices get no code.
                code = w.kind() == Kind.NOTICE && goodwill != null ? goodwill.forNotice(shop, order, plan, now) : GoodwillCodes.Outcome.NONE;
                if (code.kind() == GoodwillCodes.Kind.WAIT) {
                    tally.goodwillWaiting++;
                    return; // Still due: the next run decides it, with its code.
                }
                Optional<OutboxMessage> notice;
                try {
                    notice = Optional.of(w.kind() == Kind.NOTICE ? messages.notice(shop, calendars.of(shop), order, plan, code.code(), id, now)
                            : messages.whatsAppNotice(shop, calendars.of(shop), order, plan,
                                    shop.whatsApp().flatMap(WhatsAppSettings::delayNoticeTemplate).orElseThrow(),
                                    whatsAppNumber(shop, order).orElseThrow(), id, now));
                } catch (MissingTemplateValueException e) {
                    // Never a notice with a gap: decided without one, so it is not tried every run.
                    log.warn("delay_scan.notice_refused", Map.of("shop", shop.domain(), "orderId", order.orderId(),
                            "reason", "missing_template_value:" + e.variable()));
                    notice = Optional.empty();
                }
                outcome = notice.isPresent() ? "notice" : "refused";
                outbox = notice;
            }
            default -> {
                outcome = "unreachable";
                outbox = Optional.empty();
            }
        }
        long expiresAt = now.plus(Duration.ofDays(shop.retention().orderDays())).getEpochSecond();
        var result = delays.record(new Decision(shop.domain(), order.orderId(), w.stored().version(), keys, outcome, outbox,
                plan.nextCheckAt(), now, expiresAt));
        switch (result) {
            case WRITTEN -> {
                ticketNote.ifPresent(note -> helpdesk.queue(note, expiresAt));
                if ("notice".equals(outcome)) {
                    tally.count(code.kind());
                }
                switch (outcome) {
                    case "notice" -> tally.notices++;
                    case "note" -> tally.notes++;
                    default -> tally.unreachable++;
                }
                log.info("delay_scan.decided", Map.of("shop", shop.domain(), "orderId", order.orderId(), "outcome", outcome,
                        "stages", String.join(",", plan.notices().stream().map(n -> n.delay().stage().wire() + (n.repeat() ? "+repeat" : "")).toList())));
            }
            case ALREADY_DECIDED -> tally.alreadyDecided++;
            case ORDER_CHANGED -> tally.orderChanged++;
        }
    }

    /**
     * The number a WhatsApp delay notice goes to: the order's phone when the shop registered a delay-notice
     * template and the customer has written to the shop on WhatsApp from that number (their conversation is
     * threaded by it). Otherwise the notice goes by e-mail, where the order has an address.
     */
    private Optional<String> whatsAppNumber(ShopConfig shop, Order order) {
        String digits = PhoneNumbers.digits(order.customer().phone());
        if (digits == null || shop.whatsApp().flatMap(WhatsAppSettings::delayNoticeTemplate).isEmpty()) {
            return Optional.empty();
        }
        return conversations.conversationOfSession(shop.domain(), WhatsAppNotification.session(digits)).map(c -> "+" + digits);
    }

    private void alertBreaker(ShopConfig shop, int notices, int due, Instant now) {
        var alert = messages.breakerAlert(shop, notices, due, AutomaticMail.outboxId(now, "breaker"), now);
        long expiresAt = now.plus(Duration.ofDays(2)).getEpochSecond();
        boolean told = delays.recordBreakerAlert(shop.domain(), DAY.format(now), alert, expiresAt);
        log.warn("delay_scan.circuit_breaker", Map.of("shop", shop.domain(), "notices", notices, "due", due, "teamAlerted", told));
    }

    private void fail(ShopDomain shop, String orderId, RuntimeException e, Tally tally) {
        tally.failed++;
        log.error("delay_scan.order_failed", Map.of("shop", shop, "orderId", orderId, "type", e.getClass().getSimpleName()));
    }

    private static final class Tally {
        int notices;
        int notes;
        int heldForWindow;
        int heldByBreaker;
        int unreachable;
        int alreadyDecided;
        int orderChanged;
        int failed;
        int goodwillCodes;
        int goodwillWithoutCode;
        int goodwillOverBudget;
        int goodwillWaiting;
        final List<GoodwillBudget> budgets = new ArrayList<>();

        void count(GoodwillCodes.Kind kind) {
            switch (kind) {
                case CODE -> goodwillCodes++;
                case WITHOUT_CODE -> goodwillWithoutCode++;
                case OVER_BUDGET -> goodwillOverBudget++;
                default -> {
                }
            }
        }

        DelayScanReport report(int due, boolean complete) {
            return new DelayScanReport(due, notices, notes, heldForWindow, heldByBreaker, unreachable, alreadyDecided, orderChanged,
                    failed, complete, new DelayScanReport.Goodwill(goodwillCodes, goodwillWithoutCode, goodwillOverBudget, goodwillWaiting,
                    budgets));
        }
    }
}
