package dev.promptly.config;

import dev.promptly.core.delay.DelayPolicy;
import dev.promptly.core.delay.SendWindow;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Map;
import java.util.Objects;

/**
 * A shop's proactive delay notices (the {@code delay_notices} block of its configuration). The handling
 * time itself is the shop's {@code handling_time_business_days}; everything else is here, validated by
 * {@link DelayPolicy}'s constructor.
 *
 * @param enabled whether the delay scan sends this shop's customers notices at all
 * @param customerTimeZones the zone a customer's send window is read in, by ISO 3166 alpha-2 shipping
 *                          country (upper case); customers in other countries get the shop's zone
 */
public record DelayNoticeSettings(boolean enabled, LocalTime cutoff, Map<String, Integer> handlingDaysByShipping,
                                  int labelNoScanDays, int trackingStallDays, Map<String, Integer> transitDays,
                                  int repeatAfterDays, SendWindow sendWindow, int maxNoticesPerRun, double maxShareOfDue,
                                  Map<String, ZoneId> customerTimeZones) {
    /** What a shop without a {@code delay_notices} block gets: notices on, the defaults of {@link DelayPolicy}. */
    public static final DelayNoticeSettings DEFAULT = of(true, DelayPolicy.defaults(0));

    /** Validates through {@link DelayPolicy}, so settings and policy cannot disagree on what is valid. */
    public DelayNoticeSettings {
        DelayPolicy checked = new DelayPolicy(0, cutoff, handlingDaysByShipping, labelNoScanDays, trackingStallDays,
                transitDays, repeatAfterDays, sendWindow, maxNoticesPerRun, maxShareOfDue);
        handlingDaysByShipping = checked.handlingDaysByShipping();
        transitDays = checked.transitDays();
        customerTimeZones = Map.copyOf(Objects.requireNonNull(customerTimeZones, "customerTimeZones"));
    }

    /** These settings with the thresholds of {@code policy} (its handling days are not kept). */
    public static DelayNoticeSettings of(boolean enabled, DelayPolicy policy) {
        Objects.requireNonNull(policy, "policy");
        return new DelayNoticeSettings(enabled, policy.cutoff(), policy.handlingDaysByShipping(), policy.labelNoScanDays(),
                policy.trackingStallDays(), policy.transitDays(), policy.repeatAfterDays(), policy.sendWindow(),
                policy.maxNoticesPerRun(), policy.maxShareOfDue(), Map.of());
    }

    /** The zone a customer shipping to {@code country} reads the send window in: configured per country, else {@code shopZone}. */
    public ZoneId recipientZone(String country, ZoneId shopZone) {
        ZoneId zone = country == null ? null : customerTimeZones.get(country.strip().toUpperCase(java.util.Locale.ROOT));
        return zone != null ? zone : shopZone;
    }

    /** The rules for {@code shop}: these thresholds with the shop's {@link ShopConfig#handlingBusinessDays()}. */
    public DelayPolicy policy(ShopConfig shop) {
        return new DelayPolicy(shop.handlingBusinessDays(), cutoff, handlingDaysByShipping, labelNoScanDays,
                trackingStallDays, transitDays, repeatAfterDays, sendWindow, maxNoticesPerRun, maxShareOfDue);
    }
}
