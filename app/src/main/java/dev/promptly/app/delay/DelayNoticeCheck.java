package dev.promptly.app.delay;

import dev.promptly.app.outbox.SendCheck;
import dev.promptly.app.port.OrderStore;
import dev.promptly.app.port.OrderStore.StoredOrder;
import dev.promptly.config.PromptlyConfig;
import dev.promptly.config.ShopCalendars;
import dev.promptly.config.ShopConfig;
import dev.promptly.core.delay.Delay;
import dev.promptly.core.delay.DelayAssessment;
import dev.promptly.core.delay.DelayRules;
import dev.promptly.core.outbox.OutboxKind;
import dev.promptly.core.outbox.OutboxMessage;
import java.time.Clock;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Withdraws a delay notice whose delay is over by the time it would go out — the order shipped, was
 * delivered or cancelled while the notice waited for a retry — so no customer is told of a delay that
 * no longer holds. Other messages pass unchecked.
 */
public final class DelayNoticeCheck implements SendCheck {
    private static final String REPEAT_SUFFIX = "#repeat";

    private final PromptlyConfig config;
    private final OrderStore orders;
    private final Clock clock;
    private final DelayRules rules = new DelayRules();
    private final ShopCalendars calendars = new ShopCalendars();

    public DelayNoticeCheck(PromptlyConfig config, OrderStore orders, Clock clock) {
        this.config = Objects.requireNonNull(config, "config");
        this.orders = Objects.requireNonNull(orders, "orders");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public Optional<String> withdrawReason(OutboxMessage message) {
        if (message.kind() != OutboxKind.DELAY_NOTICE || message.orderId() == null) {
            return Optional.empty();
        }
        Optional<ShopConfig> shop = config.shop(message.shop());
        if (shop.isEmpty() || !shop.get().delayNotices().enabled()) {
            return Optional.of("delay_notices_off");
        }
        Optional<StoredOrder> stored = orders.load(message.shop(), message.orderId());
        if (stored.isEmpty()) {
            return Optional.of("order_gone");
        }
        DelayAssessment now = rules.assess(stored.get().order(), shop.get().delayPolicy(), calendars.of(shop.get()), clock.instant());
        if (!now.notifiable()) {
            return Optional.of("order_finished");
        }
        Set<String> current = now.delays().stream().map(Delay::key).collect(Collectors.toSet());
        String told = message.headers().getOrDefault(DelayNotices.DELAY_KEYS_HEADER, "");
        boolean stillLate = Arrays.stream(told.split(" "))
                .map(key -> key.endsWith(REPEAT_SUFFIX) ? key.substring(0, key.length() - REPEAT_SUFFIX.length()) : key)
                .anyMatch(current::contains);
        return stillLate ? Optional.empty() : Optional.of("delay_over");
    }
}
