package dev.promptly.app.webhook;

import dev.promptly.config.ShopCalendars;
import dev.promptly.config.ShopConfig;
import dev.promptly.core.delay.DelayRules;
import dev.promptly.core.shopify.Order;
import java.time.Instant;

/**
 * When the delay scan should next look at an order: the next instant a delay rule could fire, kept in
 * the sparse {@code DelayDue} index so the scan reads only what is due (null: never, e.g. delivered,
 * cancelled, known only from a fulfillment, or notices switched off for the shop). The same for orders
 * from webhooks and from the Admin API. Thread-safe.
 */
public final class DelayCheckSchedule {
    private static final DelayRules DELAY_RULES = new DelayRules();
    private final ShopCalendars calendars = new ShopCalendars();

    public Instant at(ShopConfig shop, Order order, Instant now) {
        if (!shop.delayNotices().enabled() || !order.hasOrderDetails()) {
            return null;
        }
        var assessment = DELAY_RULES.assess(order, shop.delayPolicy(), calendars.of(shop), now);
        // Late already (it arrived late, or changed while late): due at once; the scan knows what was told.
        return assessment.delays().isEmpty() ? assessment.nextCheckAt() : now;
    }
}
