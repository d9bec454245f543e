package dev.promptly.app.kpi;

import dev.promptly.app.port.ConversationStore;
import dev.promptly.app.port.CsatRatings;
import dev.promptly.app.port.KpiSources;
import dev.promptly.app.port.KpiStore;
import dev.promptly.app.port.OrderStore;
import dev.promptly.app.port.SlaStore;
import dev.promptly.config.PromptlyConfig;
import dev.promptly.config.ShopConfig;
import dev.promptly.core.ShopDomain;
import dev.promptly.core.error.InvalidInputException;
import dev.promptly.core.error.UnknownShopException;
import dev.promptly.core.kpi.ConversationFacts;
import dev.promptly.core.kpi.DailyKpis;
import dev.promptly.core.kpi.KpiCalculator;
import dev.promptly.core.kpi.SentNotice;
import dev.promptly.core.message.Conversation;
import dev.promptly.core.message.ConversationId;
import dev.promptly.core.reply.ReplyLanguage;
import dev.promptly.core.sla.SlaClocks;
import dev.promptly.core.sla.SlaEvent;
import dev.promptly.core.sla.SlaEventType;
import dev.promptly.log.JsonLog;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.function.BooleanSupplier;

/**
 * Computes and stores a shop's daily KPIs ({@link KpiCalculator}) from its conversations and delay notices, one day
 * at a time: the day's facts are read by key and key range (never a Scan; the conversations opened and the notices sent
 * on up to {@link #SPAN_DAYS} consecutive days with one Query each), the day is computed whole and saved with
 * {@link KpiStore#save}, which replaces it, so a rerun stores the same item; a run stores its days together
 * ({@link KpiStore#saveAll}, every {@link #SAVE_BATCH} days and at its end). A day counts the conversations opened and
 * the notices sent on it in the shop's zone. The scheduled {@link #run} recomputes, for every shop, today and the
 * {@link KpiCalculator#SETTLING_DAYS} days before (the days whose windows may still change), oldest first, so a day
 * about to settle is never the one a capped run leaves out. Logs counts only. Thread-safe.
 */
public final class KpiRollup {
    /** Conversations (and notices) read for one day; a busier day is stored from its first ones, and the cap is logged. */
    public static final int MAX_PER_DAY = 2_000;
    /** Conversations read per run; the days left wait for the next run (logged). */
    public static final int MAX_CONVERSATIONS_PER_RUN = 6_000;
    /** The longest range an operator may recompute at once. */
    public static final int MAX_RANGE_DAYS = 400;
    /**
     * Consecutive days of a shop whose openings and notices are read together (one Query of each instead of one per
     * day): a scheduled run's days; an operator's range in steps of this many.
     */
    static final int SPAN_DAYS = KpiCalculator.SETTLING_DAYS + 1;
    /** Days computed before they are stored together ({@link KpiStore#saveAll}: one BatchWriteItem of up to 25). */
    static final int SAVE_BATCH = 25;

    private final Map<ShopDomain, Shop> shops;
    private final ConversationStore conversations;
    private final SlaStore sla;
    private final KpiSources sources;
    private final CsatRatings surveys;
    private final OrderStore orders;
    private final KpiStore store;
    private final JsonLog log;

    /** One day as computed: what it counted, and whether a cap cut it short. */
    public record DayReport(ShopDomain shop, LocalDate day, int conversations, int notices, boolean capped) {
    }

    /** A run: days stored, conversations and notices counted, days cut by a cap, days left for the next run. */
    public record RunReport(Instant at, int days, int conversations, int notices, int cappedDays, int daysLeft) {
        RunReport plus(DayReport day) {
            return new RunReport(at, days + 1, conversations + day.conversations(), notices + day.notices(),
                    cappedDays + (day.capped() ? 1 : 0), daysLeft);
        }

        RunReport withDaysLeft(int left) {
            return new RunReport(at, days, conversations, notices, cappedDays, left);
        }
    }

    /** A shop's setup for the rollup, built once: its zone, languages and KPI calculator (SLA clocks over its calendar). */
    private record Shop(ShopConfig config, ZoneId zone, KpiCalculator kpis) {
        static Shop of(ShopConfig config) {
            var calendar = config.calendar();
            return new Shop(config, config.timeZone(), new KpiCalculator(new SlaClocks(config.sla().policies(), calendar), calendar));
        }
    }

    public KpiRollup(PromptlyConfig config, ConversationStore conversations, SlaStore sla, KpiSources sources, CsatRatings surveys,
                     OrderStore orders, KpiStore store, JsonLog log) {
        Map<ShopDomain, Shop> byDomain = new LinkedHashMap<>();
        config.shops().values().forEach(shop -> byDomain.put(shop.domain(), Shop.of(shop)));
        this.shops = Map.copyOf(byDomain);
        this.conversations = Objects.requireNonNull(conversations, "conversations");
        this.sla = Objects.requireNonNull(sla, "sla");
        this.sources = Objects.requireNonNull(sources, "sources");
        this.surveys = Objects.requireNonNull(surveys, "surveys");
        this.orders = Objects.requireNonNull(orders, "orders");
        this.store = Objects.requireNonNull(store, "store");
        this.log = Objects.requireNonNull(log, "log");
    }

    /** Every shop's days that may still change at {@code now}, while {@code timeLeft} says so and within the run's cap. */
    public RunReport run(Instant now, BooleanSupplier timeLeft) {
        List<Map.Entry<ShopDomain, LocalDate>> days = new ArrayList<>();
        shops.keySet().stream().sorted(java.util.Comparator.comparing(ShopDomain::value)).forEach(domain -> {
            LocalDate today = LocalDate.ofInstant(now, shops.get(domain).zone());
            for (LocalDate day = today.minusDays(KpiCalculator.SETTLING_DAYS); !day.isAfter(today); day = day.plusDays(1)) {
                days.add(Map.entry(domain, day));
            }
        });
        return rollupAll(days, now, timeLeft, "kpi_rollup.run");
    }

    /**
     * An operator's recomputation of one shop's days {@code from} to {@code to} inclusive (at most
     * {@link #MAX_RANGE_DAYS}, none after today in the shop's zone), within the run's cap.
     *
     * @throws UnknownShopException  when the shop is not configured
     * @throws InvalidInputException naming {@code from} or {@code to} when the range is not allowed (nothing computed)
     */
    public RunReport recompute(ShopDomain shop, LocalDate from, LocalDate to, Instant now, BooleanSupplier timeLeft) {
        Shop setup = shops.get(shop);
        if (setup == null) {
            throw new UnknownShopException(shop);
        }
        if (to.isBefore(from)) {
            throw new InvalidInputException("kpi_rollup.to", "must not lie before from");
        }
        if (ChronoUnit.DAYS.between(from, to) + 1 > MAX_RANGE_DAYS) {
            throw new InvalidInputException("kpi_rollup.to", "a range spans at most " + MAX_RANGE_DAYS + " days");
        }
        if (to.isAfter(LocalDate.ofInstant(now, setup.zone()))) {
            throw new InvalidInputException("kpi_rollup.to", "must not lie after today in the shop's time zone");
        }
        List<Map.Entry<ShopDomain, LocalDate>> days = new ArrayList<>();
        for (LocalDate day = from; !day.isAfter(to); day = day.plusDays(1)) {
            days.add(Map.entry(shop, day));
        }
        return rollupAll(days, now, timeLeft, "kpi_rollup.recompute");
    }

    private RunReport rollupAll(List<Map.Entry<ShopDomain, LocalDate>> days, Instant now, BooleanSupplier timeLeft, String event) {
        RunReport report = new RunReport(now, 0, 0, 0, 0, 0);
        Span span = null;
        // Days computed and not yet stored: saved together every SAVE_BATCH days and at the end, also when a later day fails.
        List<DailyKpis> computed = new ArrayList<>();
        try {
            for (int i = 0; i < days.size(); i++) {
                if (report.conversations() >= MAX_CONVERSATIONS_PER_RUN || !timeLeft.getAsBoolean()) {
                    report = report.withDaysLeft(days.size() - i);
                    log.warn("kpi_rollup.run_capped", Map.of("days_left", days.size() - i, "conversations", report.conversations()));
                    break;
                }
                ShopDomain domain = days.get(i).getKey();
                LocalDate day = days.get(i).getValue();
                if (span == null || !span.covers(domain, day)) {
                    span = read(domain, consecutiveDays(days, i), shop(domain));
                }
                report = report.plus(rollup(span, day, now, computed));
                if (computed.size() >= SAVE_BATCH) {
                    saveComputed(computed);
                }
            }
        } catch (RuntimeException e) {
            try {
                saveComputed(computed);
            } catch (RuntimeException alsoFailed) {
                e.addSuppressed(alsoFailed);
            }
            throw e;
        }
        saveComputed(computed);
        log.info(event, Map.of("days", report.days(), "conversations", report.conversations(), "notices", report.notices(),
                "capped_days", report.cappedDays(), "days_left", report.daysLeft()));
        return report;
    }

    /**
     * Computes and stores one day of one configured shop as it stands at {@code now}, written as a run writes its
     * days (the function's role may batch-write KPI days, not put them one by one).
     */
    public DayReport rollup(ShopDomain domain, LocalDate day, Instant now) {
        List<DailyKpis> computed = new ArrayList<>();
        DayReport report = rollup(read(domain, List.of(day), shop(domain)), day, now, computed);
        saveComputed(computed);
        return report;
    }

    private void saveComputed(List<DailyKpis> computed) {
        if (!computed.isEmpty()) {
            store.saveAll(List.copyOf(computed));
            computed.clear();
        }
    }

    private Shop shop(ShopDomain domain) {
        Shop shop = shops.get(domain);
        if (shop == null) {
            throw new UnknownShopException(domain);
        }
        return shop;
    }

    /**
     * The days from {@code days[i]} on of the same shop, each the day after the one before, at most {@link #SPAN_DAYS}:
     * the days whose sources one read of each kind fetches.
     */
    private static List<LocalDate> consecutiveDays(List<Map.Entry<ShopDomain, LocalDate>> days, int i) {
        List<LocalDate> span = new ArrayList<>(List.of(days.get(i).getValue()));
        for (int j = i + 1; j < days.size() && span.size() < SPAN_DAYS && days.get(j).getKey().equals(days.get(i).getKey())
                && days.get(j).getValue().equals(span.get(span.size() - 1).plusDays(1)); j++) {
            span.add(days.get(j).getValue());
        }
        return span;
    }

    /** The conversations opened and the notices sent on consecutive days of a shop, each day as a read of it alone answers. */
    private record Span(Shop shop, ShopDomain domain, List<LocalDate> days, List<List<ConversationId>> opened,
                        List<List<KpiSources.SentDelayNotice>> sent) {
        boolean covers(ShopDomain d, LocalDate day) {
            return domain.equals(d) && days.contains(day);
        }
    }

    private Span read(ShopDomain domain, List<LocalDate> days, Shop shop) {
        // Each day from its start to the next day's start in the shop's zone (23 or 25 hours when the clocks change).
        List<Instant> bounds = new ArrayList<>();
        days.forEach(day -> bounds.add(day.atStartOfDay(shop.zone()).toInstant()));
        bounds.add(days.get(days.size() - 1).plusDays(1).atStartOfDay(shop.zone()).toInstant());
        return new Span(shop, domain, days, sources.conversationsOpened(domain, bounds, MAX_PER_DAY),
                sources.delayNoticesSent(domain, bounds, MAX_PER_DAY));
    }

    /** Computes one day of the span into {@code computed} (the caller stores it). */
    private DayReport rollup(Span span, LocalDate day, Instant now, List<DailyKpis> computed) {
        Shop shop = span.shop();
        ShopDomain domain = span.domain();
        int index = span.days().indexOf(day);
        List<ConversationId> opened = span.opened().get(index);
        List<ConversationFacts> facts = new ArrayList<>();
        for (ConversationId id : opened) {
            conversations.load(domain, id).map(ConversationStore.StoredConversation::conversation)
                    .ifPresent(c -> facts.add(facts(c)));
        }
        List<KpiSources.SentDelayNotice> sent = span.sent().get(index);
        List<SentNotice> notices = new ArrayList<>();
        for (KpiSources.SentDelayNotice notice : sent) {
            notices.add(new SentNotice(notice.channel(), language(shop.config(), notice.orderId()), notice.sentAt(),
                    customerMessagesAbout(domain, notice.orderId())));
        }
        computed.add(shop.kpis().day(domain, day, facts, notices, now));
        boolean capped = opened.size() >= MAX_PER_DAY || sent.size() >= MAX_PER_DAY;
        if (capped) {
            log.warn("kpi_rollup.day_capped", Map.of("shop", domain, "day", day.toString(), "conversations", opened.size(),
                    "notices", sent.size(), "cap", MAX_PER_DAY));
        }
        return new DayReport(domain, day, facts.size(), notices.size(), capped);
    }

    private ConversationFacts facts(Conversation c) {
        List<SlaEvent> events = sla.events(c.shop(), c.id());
        Optional<CsatRatings.CsatOutcome> survey = surveys.outcome(c.shop(), c.id());
        return new ConversationFacts(c.channel(), c.language(), c.intent(), c.wismoReply(), c.createdAt(), events,
                sources.alerts(c.shop(), c.id()), survey.map(CsatRatings.CsatOutcome::surveySentAt),
                survey.map(CsatRatings.CsatOutcome::rating).orElse(OptionalInt.empty()));
    }

    /** The order's language as its notice chose it: the customer's locale when the shop speaks it, else the shop's first. */
    private String language(ShopConfig shop, String orderId) {
        String locale = orders.load(shop.domain(), orderId).map(o -> o.order().customer().locale()).orElse(null);
        return ReplyLanguage.choose(locale, Optional.empty(), shop.languages(), Set.copyOf(shop.languages()));
    }

    private List<Instant> customerMessagesAbout(ShopDomain shop, String orderId) {
        List<Instant> times = new ArrayList<>();
        for (ConversationId id : sources.conversationsAbout(shop, orderId)) {
            sla.events(shop, id).stream().filter(e -> e.type() == SlaEventType.CUSTOMER_MESSAGE).map(SlaEvent::at).forEach(times::add);
        }
        return times;
    }
}
