package dev.promptly.app.shopify;

import dev.promptly.app.port.OrderStore;
import dev.promptly.app.port.OrderStore.StoredOrder;
import dev.promptly.app.webhook.DelayCheckSchedule;
import dev.promptly.config.ShopConfig;
import dev.promptly.core.shopify.Order;
import dev.promptly.core.shopify.OrderChange;
import dev.promptly.core.shopify.OrderUpdates;
import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Stores an order read from the Admin API through the same rules as an {@code orders/*} webhook
 * ({@link OrderUpdates#applyOrder}: an older {@code updated_at} than the stored one changes nothing, so
 * a newer webhook always wins) and fills the delay scan's due index as a webhook does. The write carries
 * a receipt keyed {@code admin:<order>:<updated_at>}, so storing the same version twice (a resumed
 * backfill, two lookups at once) is recognised as a duplicate. Thread-safe.
 */
public final class AdminOrderWriter {
    /** Receipts of orders read through the Admin API carry this topic. */
    public static final String TOPIC = "admin_api/orders";
    private static final int MAX_ATTEMPTS = 8;

    /** What storing did; {@code order} is the order as stored afterwards (null only when nothing was written). */
    public record Stored(OrderChange.Outcome outcome, boolean duplicate, Order order) {
    }

    private final OrderStore orders;
    private final Clock clock;
    private final DelayCheckSchedule delayChecks = new DelayCheckSchedule();

    public AdminOrderWriter(OrderStore orders, Clock clock) {
        this.orders = Objects.requireNonNull(orders, "orders");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public Stored store(ShopConfig shop, Order incoming) {
        if (!incoming.shop().equals(shop.domain()) || incoming.updatedAt() == null) {
            throw new IllegalArgumentException("an Admin API order needs its shop and updated_at");
        }
        String receiptKey = "admin:" + incoming.orderId() + ":" + incoming.updatedAt().toEpochMilli();
        for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
            Optional<StoredOrder> stored = orders.load(shop.domain(), incoming.orderId());
            OrderChange change = OrderUpdates.applyOrder(stored.map(StoredOrder::order), incoming);
            Instant now = clock.instant();
            var receipt = new OrderStore.Receipt(receiptKey, TOPIC, change.outcome().name().toLowerCase(), now);
            var written = orders.write(shop.domain(), receipt, change.changed() ? Optional.of(change.next()) : Optional.empty(),
                    stored.map(StoredOrder::version), shop.retention().orderDays(),
                    change.changed() ? delayChecks.at(shop, change.next(), now) : null);
            switch (written) {
                case WRITTEN:
                    return new Stored(change.outcome(), false, change.next());
                case DUPLICATE_WEBHOOK:
                    return new Stored(change.outcome(), true, stored.map(StoredOrder::order).orElse(change.next()));
                case CONFLICT:
                    break;
                default:
                    throw new IllegalStateException("unexpected write result " + written);
            }
        }
        throw new IllegalStateException("order kept changing while storing an Admin API order");
    }
}
