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
 * orders so far, orders per second) goes to the log after each page and into the report.
 *
 * <p>{@link Method#BULK} asks Shopify for the same orders as one bulk operation instead (for shops with many
 * orders: no page-by-page cost throttling): the run starts it, polls its status while time is left, and once it
 * completed streams its JSONL result through the same writer, saving its position in the result every
 * {@value #PAGE_SIZE} orders ({@code bulk:<position>:<operation id>} as the cursor), so a later run continues
 * there. A failed, cancelled or expired operation is reported and the next run starts a new one. Thread-safe.
 */
public final class Backfill {
    /** Most days a backfill reaches back; Shopify returns orders older than 60 days only with {@code read_all_orders}. */
    public static final int MAX_DAYS = 365;
    static final int PAGE_SIZE = 50;
    /** The state is kept this long after its last page, so a finished backfill is still visible. */
    private static final Duration KEEP_STATE = Duration.ofDays(30);

    /** How the orders are read: pages of the {@code orders} query, or one bulk operation. */
    public enum Method {
        PAGES, BULK;

        public String wire() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        public static java.util.Optional<Method> fromWire(String value) {
            for (Method method : values()) {
                if (method.wire().equals(value)) {
                    return java.util.Optional.of(method);
                }
            }
            return java.util.Optional.empty();
        }
    }

    /** Waits between polls of a running bulk operation; tests pass one that only moves their clock. */
    public interface Pause {
        void sleep(Duration duration) throws InterruptedException;
    }

    static final Duration BULK_POLL_INTERVAL = Duration.ofSeconds(3);
    private static final String BULK_CURSOR = "bulk:";

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
    private final Pause pause;

    public Backfill(PromptlyConfig config, ShopifyAdmin admin, BackfillStore states, AdminOrderWriter writer, Clock clock, JsonLog log) {
        this(config, admin, states, writer, clock, log, duration -> Thread.sleep(duration.toMillis()));
    }

    public Backfill(PromptlyConfig config, ShopifyAdmin admin, BackfillStore states, AdminOrderWriter writer, Clock clock, JsonLog log,
                    Pause pause) {
        this.pause = Objects.requireNonNull(pause, "pause");
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
        return run(shop, days, Method.PAGES, timeLeft);
    }

    /** As {@link #run(ShopDomain, int, BooleanSupplier)}, reading the orders as {@code method} says. */
    public Report run(ShopDomain shop, int days, Method method, BooleanSupplier timeLeft) {
        ShopConfig shopConfig = config.shop(shop).orElseThrow(() -> new UnknownShopException(shop));
        if (days < 1 || days > MAX_DAYS) {
            throw new InvalidInputException("backfill.days", "must be a whole number from 1 to " + MAX_DAYS);
        }
        if (!admin.enabledFor(shop)) {
            throw new InvalidInputException("backfill.shop", "has no shopify_admin configuration (an Admin API access token)");
        }
        Instant started = clock.instant();
        BackfillState state = states.load(shop).filter(s -> !s.complete() && s.days() == days && methodOf(s) == method).orElse(null);
        boolean resumed = state != null;
        if (state == null) {
            Instant since = started.minus(Duration.ofDays(days)).truncatedTo(ChronoUnit.SECONDS);
            state = new BackfillState(shop, days, since, null, 0, 0, started, started, false);
        }
        log.info("backfill.started", Map.of("shop", shop, "days", days, "since", state.since(), "resumed", resumed,
                "ordersSoFar", state.orders(), "method", method.wire()));
        if (method == Method.BULK) {
            return new BulkRun(shopConfig, state, resumed, started, timeLeft).run();
        }
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
        return finish(shopConfig, state, resumed, pages, orders, applied, unchanged, started, stopped);
    }

    private double rate(long orders, Instant started) {
        long millis = Math.max(1, Duration.between(started, clock.instant()).toMillis());
        return Math.round(orders * 10_000.0 / millis) / 10.0;
    }

    private static Method methodOf(BackfillState state) {
        return state.cursor() != null && state.cursor().startsWith(BULK_CURSOR) ? Method.BULK
                : state.cursor() == null && state.pages() == 0 ? null : Method.PAGES;
    }

    private Report finish(ShopConfig shopConfig, BackfillState state, boolean resumed, long pages, long orders, long applied,
                          long unchanged, Instant started, String stopped) {
        Report report = new Report(shopConfig.domain().value(), state.days(), state.since(), resumed, pages, orders, applied, unchanged,
                state.orders(), state.pages(), rate(orders, started), state.complete(), state.complete() ? null : stopped);
        Map<String, Object> done = new LinkedHashMap<>();
        done.put("shop", shopConfig.domain());
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

    /** One run of a bulk backfill: start or find the operation, wait for it while time is left, store its result. */
    private final class BulkRun {
        private final ShopConfig shopConfig;
        private final ShopDomain shop;
        private final boolean resumed;
        private final Instant started;
        private final BooleanSupplier timeLeft;
        private BackfillState state;
        private long batches;
        private long orders;
        private long applied;
        private long unchanged;

        BulkRun(ShopConfig shopConfig, BackfillState state, boolean resumed, Instant started, BooleanSupplier timeLeft) {
            this.shopConfig = shopConfig;
            this.shop = shopConfig.domain();
            this.state = state;
            this.resumed = resumed;
            this.started = started;
            this.timeLeft = timeLeft;
        }

        Report run() {
            String stopped = null;
            try {
                if (!resumed) {
                    save(BULK_CURSOR + "0:" + admin.startBulkOrdersUpdatedSince(shop, state.since()), false);
                }
                stopped = await();
            } catch (AdminApiUnavailableException e) {
                stopped = "admin_api_unavailable";
                log.warn("backfill.interrupted", Map.of("shop", shop, "reason", e.getMessage(), "ordersSoFar", state.orders()));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                stopped = "interrupted";
            }
            return finish(shopConfig, state, resumed, batches, orders, applied, unchanged, started, stopped);
        }

        /** Polls until the operation ends or time runs out, then reads its result; the reason it stopped, or null when complete. */
        private String await() throws InterruptedException {
            while (timeLeft.getAsBoolean()) {
                ShopifyAdmin.BulkOperation operation = admin.bulkOperation(shop, operationId());
                if (operation.running()) {
                    pause.sleep(BULK_POLL_INTERVAL);
                    continue;
                }
                if (!operation.completed()) {
                    // Shopify keeps nothing to resume from: the next run starts a new operation.
                    String reason = "bulk_operation_" + operation.status().toLowerCase(java.util.Locale.ROOT)
                            + (operation.errorCode() == null ? "" : ":" + operation.errorCode().toLowerCase(java.util.Locale.ROOT));
                    state = new BackfillState(shop, state.days(), state.since(), null, state.orders(), state.pages(), state.startedAt(),
                            clock.instant(), false);
                    states.save(state, clock.instant().plus(KEEP_STATE).getEpochSecond());
                    log.warn("backfill.bulk_operation_ended", Map.of("shop", shop, "status", operation.status(), "ordersSoFar", state.orders()));
                    return reason;
                }
                return read(operation);
            }
            return "time";
        }

        private String read(ShopifyAdmin.BulkOperation operation) {
            if (operation.url() == null) {
                save(state.cursor(), true); // Shopify gives no file when nothing matched
                return null;
            }
            long from = position();
            boolean[] outOfTime = {false};
            long[] sinceSave = {0};
            long read = admin.readBulkOrders(shop, operation.url(), from, order -> {
                if (!timeLeft.getAsBoolean()) {
                    outOfTime[0] = true;
                    return false;
                }
                var stored = writer.store(shopConfig, order);
                if (stored.duplicate() || !stored.outcome().name().equals("APPLIED")) {
                    unchanged++;
                } else {
                    applied++;
                }
                orders++;
                if (++sinceSave[0] == PAGE_SIZE) {
                    sinceSave[0] = 0;
                    // Saved after the batch's orders, so a crash repeats at most one batch (and its writes are idempotent).
                    save(BULK_CURSOR + (position() + PAGE_SIZE) + ":" + operationId(), false, PAGE_SIZE);
                }
                return true;
            });
            long unsaved = from + read - position();
            save(BULK_CURSOR + (from + read) + ":" + operationId(), !outOfTime[0], unsaved);
            return outOfTime[0] ? "time" : null;
        }

        private void save(String cursor, boolean complete) {
            save(cursor, complete, 0);
        }

        private void save(String cursor, boolean complete, long moreOrders) {
            Instant now = clock.instant();
            boolean batch = moreOrders > 0;
            state = new BackfillState(shop, state.days(), state.since(), cursor, state.orders() + moreOrders,
                    state.pages() + (batch ? 1 : 0), state.startedAt(), now, complete);
            states.save(state, now.plus(KEEP_STATE).getEpochSecond());
            if (batch) {
                batches++;
                log.info("backfill.page", Map.of("shop", shop, "page", state.pages(), "orders", moreOrders, "ordersSoFar", state.orders(),
                        "ordersPerSecond", rate(orders, started)));
            }
        }

        private long position() {
            String cursor = state.cursor().substring(BULK_CURSOR.length());
            return Long.parseLong(cursor.substring(0, cursor.indexOf(':')));
        }

        private String operationId() {
            String cursor = state.cursor().substring(BULK_CURSOR.length());
            return cursor.substring(cursor.indexOf(':') + 1);
        }
    }
}
