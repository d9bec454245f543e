package dev.promptly.config;

import dev.promptly.core.delay.DelayPolicy;
import dev.promptly.core.delay.SendWindow;
import java.time.LocalTime;
import java.util.Map;
import java.util.Objects;

/**
 * A shop's proactive delay notices (the {@code delay_notices} block of its configuration). The handling
 * time itself is the shop's {@code handling_time_business_days}; everything else is here, validated by
 * {@link DelayPolicy}'s constructor.
 *
 * @param enabled whether the delay scan sends this shop's customers notices at all
 * @param rules   the thresholds, with the shop's handling days as read from this block's defaults;
 *                {@link #policy(ShopConfig)} puts in the shop's own
 */
public record DelayNoticeSettings(boolean enabled, LocalTime cutoff, Map<String, Integer> handlingDaysByShipping,
                                  int labelNoScanDays, int trackingStallDays, Map<String, Integer> transitDays,
                                  int repeatAfterDays, SendWindow sendWindow, int maxNoticesPerRun, double maxShareOfDue) {
    /** What a shop without a {@code delay_notices} block gets: notices on, the defaults of {@link DelayPolicy}. */
    public static final DelayNoticeSettings DEFAULT = of(true, DelayPolicy.defaults(0));

    /** Validates through {@link DelayPolicy}, so settings and policy cannot disagree on what is valid. */
    public DelayNoticeSettings {
        DelayPolicy checked = new DelayPolicy(0, cutoff, handlingDaysByShipping, labelNoScanDays, trackingStallDays,
                transitDays, repeatAfterDays, sendWindow, maxNoticesPerRun, maxShareOfDue);
        handlingDaysByShipping = checked.handlingDaysByShipping();
        transitDays = checked.transitDays();
    }

    /** These settings with the thresholds of {@code policy} (its handling days are not kept). */
    public static DelayNoticeSettings of(boolean enabled, DelayPolicy policy) {
        Objects.requireNonNull(policy, "policy");
        return new DelayNoticeSettings(enabled, policy.cutoff(), policy.handlingDaysByShipping(), policy.labelNoScanDays(),
                policy.trackingStallDays(), policy.transitDays(), policy.repeatAfterDays(), policy.sendWindow(),
                policy.maxNoticesPerRun(), policy.maxShareOfDue());
    }

    /** The rules for {@code shop}: these thresholds with the shop's {@link ShopConfig#handlingBusinessDays()}. */
    public DelayPolicy policy(ShopConfig shop) {
        return new DelayPolicy(shop.handlingBusinessDays(), cutoff, handlingDaysByShipping, labelNoScanDays,
                trackingStallDays, transitDays, repeatAfterDays, sendWindow, maxNoticesPerRun, maxShareOfDue);
    }
}
