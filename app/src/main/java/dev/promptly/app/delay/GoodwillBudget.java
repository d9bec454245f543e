package dev.promptly.app.delay;

import dev.promptly.app.port.GoodwillStore;
import dev.promptly.config.GoodwillSettings;
import dev.promptly.config.ShopConfig;
import dev.promptly.core.ShopDomain;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.YearMonth;
import java.util.Objects;
import java.util.Optional;

/**
 * A shop's goodwill budget for one month as the report and the local runner show it: what its codes used
 * ({@code usedCodes}, {@code usedValue} in the shop's currency; reserved and created codes, not failed
 * ones) of what it may use ({@code maxCodes}, {@code maxValue}).
 *
 * @param month {@code yyyy-MM} in the shop's time zone
 */
public record GoodwillBudget(ShopDomain shop, String month, long usedCodes, BigDecimal usedValue, int maxCodes, BigDecimal maxValue) {
    public GoodwillBudget {
        Objects.requireNonNull(shop, "shop");
        Objects.requireNonNull(month, "month");
        Objects.requireNonNull(usedValue, "usedValue");
        Objects.requireNonNull(maxValue, "maxValue");
    }

    /** What {@code shop}'s codes used of the budget of the month of {@code now} (in the shop's zone); empty when it has no codes configured. */
    public static Optional<GoodwillBudget> of(ShopConfig shop, GoodwillStore store, Instant now) {
        GoodwillSettings settings = shop.goodwill();
        if (!settings.enabled()) {
            return Optional.empty();
        }
        GoodwillStore.BudgetUse used = store.used(shop.domain(), month(shop, now));
        return Optional.of(new GoodwillBudget(shop.domain(), used.month(), used.codes(), used.value(), settings.maxCodesPerMonth(),
                settings.maxValuePerMonth()));
    }

    /** The budget month of {@code now}: {@code yyyy-MM} in the shop's time zone. */
    static String month(ShopConfig shop, Instant now) {
        return YearMonth.from(now.atZone(shop.timeZone())).toString();
    }
}
