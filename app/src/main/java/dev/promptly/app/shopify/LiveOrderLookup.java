package dev.promptly.app.shopify;

import dev.promptly.app.port.AdminLookupCache;
import dev.promptly.app.port.AdminLookupCache.Outcome;
import dev.promptly.app.port.ShopifyAdmin;
import dev.promptly.app.port.ShopifyAdmin.AdminApiUnavailableException;
import dev.promptly.config.PromptlyConfig;
import dev.promptly.config.ShopConfig;
import dev.promptly.core.ShopDomain;
import dev.promptly.core.shopify.Order;
import dev.promptly.log.JsonLog;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * Orders Promptly does not have, asked of the shop's Admin API while a message is answered (issue 17):
 * by order name, or the recent orders of an e-mail address. What Shopify returns is stored through the
 * webhook merge rules ({@link AdminOrderWriter}) before it is shown, and shown only under the intake's
 * identity rules (the caller filters by the contact stored on the order).
 *
 * <p>Bounded: one API call per lookup (the client's timeout, no retries beyond its budget), and a
 * lookup that found nothing, or could not ask, is remembered for {@link #REMEMBER} so repeated questions
 * about an unknown order reach the API at most once per period. Logs carry the shop, the kind of lookup,
 * the outcome, counts and durations: never the name or address asked for. Thread-safe.
 */
public final class LiveOrderLookup {
    /** How long a miss or an unavailable API is remembered per name or address. */
    public static final Duration REMEMBER = Duration.ofMinutes(5);
    /** Orders read per address: as many as one reply may list plus a margin for closed ones. */
    static final int MAX_ORDERS_PER_ADDRESS = 5;

    /** What a lookup gave: the orders (stored now), or that the API could not be asked in time. */
    public record Result(List<Order> orders, boolean unavailable) {
        public static final Result NONE = new Result(List.of(), false);
        public static final Result UNAVAILABLE = new Result(List.of(), true);

        public Result {
            orders = List.copyOf(orders);
        }
    }

    private final PromptlyConfig config;
    private final ShopifyAdmin admin;
    private final AdminLookupCache cache;
    private final AdminOrderWriter writer;
    private final Clock clock;
    private final JsonLog log;
    private final AtomicLong unavailable = new AtomicLong();

    public LiveOrderLookup(PromptlyConfig config, ShopifyAdmin admin, AdminLookupCache cache, AdminOrderWriter writer, Clock clock,
                           JsonLog log) {
        this.config = Objects.requireNonNull(config, "config");
        this.admin = admin;
        this.cache = cache;
        this.writer = writer;
        this.clock = Objects.requireNonNull(clock, "clock");
        this.log = Objects.requireNonNull(log, "log");
        if (admin != null) {
            Objects.requireNonNull(cache, "cache");
            Objects.requireNonNull(writer, "writer");
        }
    }

    /** No live lookups: every shop is answered from stored orders only. */
    public static LiveOrderLookup off(PromptlyConfig config, Clock clock, JsonLog log) {
        return new LiveOrderLookup(config, null, null, null, clock, log);
    }

    public boolean enabledFor(ShopDomain shop) {
        return admin != null && admin.enabledFor(shop);
    }

    /** How many lookups this instance could not make since it was built (the API slow, down or refusing). */
    public long unavailableCount() {
        return unavailable.get();
    }

    /** The shop's orders named {@code name} (as the shop spells it, e.g. {@code #1001}). */
    public Result byName(ShopDomain shop, String name) {
        return lookup(shop, "name", "name:" + name, () -> admin.ordersNamed(shop, name));
    }

    /** The recent orders placed with {@code email}, newest first. */
    public Result byEmail(ShopDomain shop, String email) {
        String address = email.trim().toLowerCase(Locale.ROOT);
        return lookup(shop, "email", "email:" + address, () -> admin.recentOrdersOf(shop, address, MAX_ORDERS_PER_ADDRESS));
    }

    private Result lookup(ShopDomain shop, String kind, String subject, Supplier<List<Order>> call) {
        Optional<ShopConfig> shopConfig = config.shop(shop);
        if (shopConfig.isEmpty() || !enabledFor(shop)) {
            return Result.NONE;
        }
        Instant started = clock.instant();
        String key = digest(subject);
        Optional<Outcome> remembered = cache.recent(shop, key, started);
        if (remembered.isPresent()) {
            log.info("admin_lookup.remembered", fields(shop, kind, remembered.get().name().toLowerCase(Locale.ROOT), 0, started));
            return remembered.get() == Outcome.UNAVAILABLE ? Result.UNAVAILABLE : Result.NONE;
        }
        List<Order> found;
        try {
            found = call.get();
        } catch (AdminApiUnavailableException e) {
            unavailable.incrementAndGet();
            cache.remember(shop, key, Outcome.UNAVAILABLE, clock.instant(), clock.instant().plus(REMEMBER));
            Map<String, Object> fields = fields(shop, kind, "unavailable", 0, started);
            fields.put("reason", e.getMessage());
            fields.put("unavailableSinceStart", unavailable.get());
            log.warn("admin_lookup.unavailable", fields);
            return Result.UNAVAILABLE;
        }
        if (found.isEmpty()) {
            cache.remember(shop, key, Outcome.NOT_FOUND, clock.instant(), clock.instant().plus(REMEMBER));
            log.info("admin_lookup.not_found", fields(shop, kind, "not_found", 0, started));
            return Result.NONE;
        }
        List<Order> stored = new ArrayList<>();
        for (Order order : found) {
            var result = writer.store(shopConfig.get(), order);
            if (result.order() != null) {
                stored.add(result.order());
            }
        }
        log.info("admin_lookup.found", fields(shop, kind, "found", stored.size(), started));
        return new Result(stored, false);
    }

    private Map<String, Object> fields(ShopDomain shop, String kind, String outcome, int orders, Instant started) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("shop", shop);
        fields.put("lookup", kind);
        fields.put("outcome", outcome);
        fields.put("orders", orders);
        fields.put("durationMs", Duration.between(started, clock.instant()).toMillis());
        return fields;
    }

    /** The cache key: a digest, so that no name or address is stored as a key. */
    static String digest(String subject) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(subject.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always available", e);
        }
    }
}
