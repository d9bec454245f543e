package dev.promptly.config;

import dev.promptly.core.delay.DelayStage;
import java.math.BigDecimal;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A shop's goodwill codes on delay notices (the shop's {@code goodwill} block, issue 17): per delay
 * stage none, or a single-use discount code for the order's customer worth a percentage or a fixed amount
 * in the shop's currency; and a monthly budget the shop's codes never exceed together. {@link #OFF} when
 * the shop configures nothing.
 *
 * @param offers         the code each stage earns; stages not in the map earn none
 * @param maxCodesPerMonth how many codes the shop's notices may carry per calendar month (in the shop's zone)
 * @param maxValuePerMonth how much they may be worth together per month, in the shop's currency (a
 *                         percentage code counts as that share of the late order's total)
 * @param waitOnFailure  when the Admin API fails: true, the notice waits for the next scans (at most a day)
 *                       to carry its code; false (the default), it goes out without one at once
 */
public record GoodwillSettings(Map<DelayStage, Offer> offers, int maxCodesPerMonth, BigDecimal maxValuePerMonth,
                               boolean waitOnFailure) {
    /** No codes. */
    public static final GoodwillSettings OFF = new GoodwillSettings(Map.of(), 0, BigDecimal.ZERO, false);
    /** Codes are valid at most this long: a discount without end is not goodwill but a standing offer. */
    public static final int MAX_VALID_DAYS = 365;

    public GoodwillSettings {
        offers = offers.isEmpty() ? Map.of() : Map.copyOf(new EnumMap<>(offers));
        Objects.requireNonNull(maxValuePerMonth, "maxValuePerMonth");
        if (!offers.isEmpty() && (maxCodesPerMonth < 1 || maxValuePerMonth.signum() <= 0)) {
            throw new IllegalArgumentException("goodwill codes need a monthly budget of at least one code and a positive value");
        }
    }

    public boolean enabled() {
        return !offers.isEmpty();
    }

    /** The code a notice of {@code stage} earns, if any. */
    public Optional<Offer> offerFor(DelayStage stage) {
        return Optional.ofNullable(offers.get(stage));
    }

    /**
     * One stage's code: {@code percentage} (0 < p <= 100) or {@code amount} (> 0, shop currency), exactly
     * one; usable on orders of at least {@code minimumOrderValue} (null: any); valid {@code validDays} from
     * its creation.
     */
    public record Offer(BigDecimal percentage, BigDecimal amount, BigDecimal minimumOrderValue, int validDays) {
        public Offer {
            if ((percentage == null) == (amount == null)) {
                throw new IllegalArgumentException("a code is worth either a percentage or an amount");
            }
            if (percentage != null && (percentage.signum() <= 0 || percentage.compareTo(BigDecimal.valueOf(100)) > 0)) {
                throw new IllegalArgumentException("percentage must be above 0 and at most 100");
            }
            if (amount != null && amount.signum() <= 0) {
                throw new IllegalArgumentException("amount must be above 0");
            }
            if (minimumOrderValue != null && minimumOrderValue.signum() <= 0) {
                throw new IllegalArgumentException("minimum_order_value must be above 0");
            }
            if (validDays < 1 || validDays > MAX_VALID_DAYS) {
                throw new IllegalArgumentException("valid_days must be from 1 to " + MAX_VALID_DAYS);
            }
        }
    }
}
