package dev.promptly.config;

import dev.promptly.core.ShopDomain;
import dev.promptly.core.calendar.BusinessCalendar;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Each shop's business calendar, built on first use and then kept: {@link ShopConfig#calendar()} builds a
 * new one on every call, and a function that never needs a shop's calendar (an outbox sender that sends
 * no delay notice) should not build it at start-up. Thread-safe.
 */
public final class ShopCalendars {
    private final Map<ShopDomain, BusinessCalendar> byShop = new ConcurrentHashMap<>();

    public BusinessCalendar of(ShopConfig shop) {
        return byShop.computeIfAbsent(shop.domain(), domain -> shop.calendar());
    }
}
