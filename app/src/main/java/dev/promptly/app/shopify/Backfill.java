package dev.promptly.app.shopify;

import dev.promptly.app.port.BackfillStore;
import dev.promptly.app.port.BackfillStore.BackfillState;
import dev.promptly.app.port.ShopifyAdmin;
import dev.promptly.app.port.ShopifyAdmin.AdminApiUnavailableException;
import dev.promptly.config.PromptlyConfig;
import dev.promptly.config.ShopConfig;
import dev.promptly.core.ShopDomain;
import dev.promptly.core.error.InvalidInputException;
import dev.promptly.core.error.UnknownShopException;
import dev.promptly.core.shopify.Order;
import dev.promptly.log.JsonLog;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.BooleanSupplier;

/**
 * Loads a shop's orders created or updated in the last N days from its Admin API (issue 17): on first
 * deployment, so Promptly knows the orders from before the webhooks, and on demand. Pages of the
 * {@code orders} query sorted by {@code updated_at}, each stored through the webhook merge rules
 * ({@link AdminOrderWriter}: idempotent, the delay scan's due index filled as for webhooks, so delays that
 * ended get no notice) before the page's end cursor is saved: a run that runs out of time, or meets an
 * unavailable API, is continued by the next run from the page after the last one stored. Progress (pages,
 * orders so far, orders per second) goes to the log after each page and into the report. Thread-safe.
 */
public final class Backfill {
    /** Most days a backfill reaches back; Shopify returns orders older than 60 days only with {@code read_all_orders}. */
    public static final int MAX_DAYS = 365;
    static final int PAGE_SIZE = 50;
    /** The state is kept this long after its last page, so a finished backfill is still visible. */
    private static final Duration KEEP_STATE = Duration.ofDays(30);

    /** What one run did, and where the backfill stands. */
    public record Report(String shop, int days, Instant since, boolean resumed, long pagesThisRun, long ordersThisRun,
                         long applied, long unchanged, long ordersSoFar, long pagesSoFar, double ordersPerSecond, boolean complete,
                         String stoppedBecause) {
    }

    private final PromptlyConfig config;
    private final ShopifyAdmin admin;
    private final BackfillStore states;
    private final AdminOrderWriter writer;
    private final Clock clock;
    private final JsonLog log;

    public Backfill(PromptlyConfig config, ShopifyAdmin admin, BackfillStore states, AdminOrderWriter writer, Clock clock, JsonLog log) {
        this.config = Objects.requireNonNull(config, "config");
        this.admin = Objects.requireNonNull(admin, "admin");
        this.states = Objects.requireNonNull(states, "states");
        this.writer = Objects.requireNonNull(writer, "writer");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.log = Objects.requireNonNull(log, "log");
    }

    /**
     * Continues the shop's unfinished backfill over the same number of days, or starts a new one, and
     * stores pages while {@code timeLeft} says so.
     *
     * @throws UnknownShopException the shop is not configured
     * @throws InvalidInputException {@code days} out of range, or the shop has no {@code shopify_admin}
     */
    public Report run(ShopDomain shop, int days, BooleanSupplier timeLeft) {
        ShopConfig shopConfig = config.shop(shop).orElseThrow(() -> new UnknownShopException(shop));
        if (days < 1 || days > MAX_DAYS) {
            throw new InvalidInputException("backfill.days", "must be a whole number from 1 to " + MAX_DAYS);
        }
        if (!admin.enabledFor(shop)) {
            throw new InvalidInputException("backfill.shop", "has no shopify_admin configuration (an Admin API access token)");
        }
        Instant started = clock.instant();
        BackfillState state = states.load(shop).filter(s -> !s.complete() && s.days() == days).orElse(null);
        boolean resumed = state != null;
        if (state == null) {
            Instant since = started.minus(Duration.ofDays(days)).truncatedTo(ChronoUnit.SECONDS);
            state = new BackfillState(shop, days, since, null, 0, 0, started, started, false);
        }
        log.info("backfill.started", Map.of("shop", shop, "days", days, "since", state.since(), "resumed", resumed,
                "ordersSoFar", state.orders()));
        long pages = 0;
        long orders = 0;
        long applied = 0;
        long unchanged = 0;
        String stopped = null;
        while (!state.complete()) {
            if (!timeLeft.getAsBoolean()) {
                stopped = "time";
                break;
            }
            ShopifyAdmin.OrderPage page;
            try {
                page = admin.ordersUpdatedSince(shop, state.since(), state.cursor(), PAGE_SIZE);
            } catch (AdminApiUnavailableException e) {
                stopped = "admin_api_unavailable";
                log.warn("backfill.interrupted", Map.of("shop", shop, "reason", e.getMessage(), "ordersSoFar", state.orders()));
                break;
            }
            for (Order order : page.orders()) {
                var stored = writer.store(shopConfig, order);
                if (stored.duplicate() || !stored.outcome().name().equals("APPLIED")) {
                    unchanged++;
                } else {
                    applied++;
                }
            }
            pages++;
            orders += page.orders().size();
            Instant now = clock.instant();
            state = new BackfillState(shop, days, state.since(), page.hasNextPage() ? page.endCursor() : state.cursor(),
                    state.orders() + page.orders().size(), state.pages() + 1, state.startedAt(), now, !page.hasNextPage());
            // Saved after the page's orders, so a crash repeats at most one page (and its writes are idempotent).
            states.save(state, now.plus(KEEP_STATE).getEpochSecond());
            Map<String, Object> progress = new LinkedHashMap<>();
            progress.put("shop", shop);
            progress.put("page", state.pages());
            progress.put("orders", page.orders().size());
            progress.put("ordersSoFar", state.orders());
            progress.put("ordersPerSecond", rate(orders, started));
            log.info("backfill.page", progress);
        }
        Report report = new Report(shop.value(), days, state.since(), resumed, pages, orders, applied, unchanged, state.orders(),
                state.pages(), rate(orders, started), state.complete(), state.complete() ? null : stopped);
        Map<String, Object> done = new LinkedHashMap<>();
        done.put("shop", shop);
        done.put("complete", report.complete());
        done.put("pagesThisRun", pages);
        done.put("ordersThisRun", orders);
        done.put("ordersSoFar", report.ordersSoFar());
        done.put("ordersPerSecond", report.ordersPerSecond());
        if (report.stoppedBecause() != null) {
            done.put("stoppedBecause", report.stoppedBecause());
        }
        log.info("backfill.finished", done);
        return report;
    }

    private double rate(long orders, Instant started) {
        long millis = Math.max(1, Duration.between(started, clock.instant()).toMillis());
        return Math.round(orders * 10_000.0 / millis) / 10.0;
    }
}
