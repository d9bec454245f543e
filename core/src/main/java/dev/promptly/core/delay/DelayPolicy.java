package dev.promptly.core.delay;

import dev.promptly.core.shopify.ShippingLine;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * A shop's thresholds for delay notices. Day counts are business days of the shop's calendar unless
 * said otherwise (the shop's calendar stands in for the carrier's: no pick-ups on Sundays and public
 * holidays). Immutable and thread-safe.
 *
 * @param handlingBusinessDays   promised time to ship, 0–60 business days after the day counting starts
 *                               (0: the same day)
 * @param cutoff                 orders placed at or after this local time count from the next business day;
 *                               null: no cut-off, every order counts from its own day
 * @param handlingDaysByShipping handling business days by shipping method, matched without case against a
 *                               shipping line's {@code code} or {@code title}; keys are stored in lower case
 * @param labelNoScanDays        business days after label creation without a carrier scan before
 *                               {@link DelayStage#NO_CARRIER_SCAN}, 1–60
 * @param trackingStallDays      business days after the last tracking event before
 *                               {@link DelayStage#TRACKING_STALLED}, 1–60
 * @param transitDays            business days from ship date to expected delivery by ISO 3166 alpha-2
 *                               destination country (upper case), 0–60; must hold {@link #ANY_COUNTRY}
 * @param repeatAfterDays        calendar days after the first notice of a stage before a second, different
 *                               notice for the same stage may go out, 1–365
 * @param sendWindow             the local hours in which notices go out
 * @param maxNoticesPerRun       the circuit breaker trips when one run would send more notices, ≥ 1
 * @param maxShareOfDue          ... or more than this share of the orders due in the run, above 0 and at
 *                               most 1 (1 turns the share rule off); see {@link CircuitBreaker}
 */
public record DelayPolicy(
        int handlingBusinessDays,
        LocalTime cutoff,
        Map<String, Integer> handlingDaysByShipping,
        int labelNoScanDays,
        int trackingStallDays,
        Map<String, Integer> transitDays,
        int repeatAfterDays,
        SendWindow sendWindow,
        int maxNoticesPerRun,
        double maxShareOfDue) {

    /** The {@link #transitDays} key for every country not listed. */
    public static final String ANY_COUNTRY = "*";
    public static final int DEFAULT_LABEL_NO_SCAN_DAYS = 2;
    public static final int DEFAULT_TRACKING_STALL_DAYS = 4;
    public static final int DEFAULT_TRANSIT_DAYS = 5;
    public static final int DEFAULT_REPEAT_AFTER_DAYS = 7;
    public static final int DEFAULT_MAX_NOTICES_PER_RUN = 50;
    public static final double DEFAULT_MAX_SHARE_OF_DUE = 1.0;
    public static final int MAX_DAYS = 60;
    public static final int MAX_REPEAT_AFTER_DAYS = 365;
    private static final Pattern COUNTRY = Pattern.compile("[A-Z]{2}");

    /**
     * @throws IllegalArgumentException naming the first component out of range
     */
    public DelayPolicy {
        days("handlingBusinessDays", handlingBusinessDays, 0);
        handlingDaysByShipping = byShipping(handlingDaysByShipping);
        days("labelNoScanDays", labelNoScanDays, 1);
        days("trackingStallDays", trackingStallDays, 1);
        transitDays = transit(transitDays);
        if (repeatAfterDays < 1 || repeatAfterDays > MAX_REPEAT_AFTER_DAYS) {
            throw new IllegalArgumentException("repeatAfterDays: must be from 1 to " + MAX_REPEAT_AFTER_DAYS);
        }
        Objects.requireNonNull(sendWindow, "sendWindow");
        if (maxNoticesPerRun < 1) {
            throw new IllegalArgumentException("maxNoticesPerRun: must be at least 1");
        }
        if (!(maxShareOfDue > 0 && maxShareOfDue <= 1)) {
            throw new IllegalArgumentException("maxShareOfDue: must be above 0 and at most 1");
        }
    }

    /** The defaults for a shop promising to ship within {@code handlingBusinessDays}. */
    public static DelayPolicy defaults(int handlingBusinessDays) {
        return new DelayPolicy(handlingBusinessDays, null, Map.of(), DEFAULT_LABEL_NO_SCAN_DAYS,
                DEFAULT_TRACKING_STALL_DAYS, Map.of(ANY_COUNTRY, DEFAULT_TRANSIT_DAYS), DEFAULT_REPEAT_AFTER_DAYS,
                SendWindow.DEFAULT, DEFAULT_MAX_NOTICES_PER_RUN, DEFAULT_MAX_SHARE_OF_DUE);
    }

    /**
     * The handling business days promised for an order shipped with {@code shippingLines}: the configured
     * days of a method matching a line's code or title (without case), the largest if several match, so a
     * notice never goes out before any promise is broken; else {@link #handlingBusinessDays}.
     */
    public int handlingDaysFor(List<ShippingLine> shippingLines) {
        int days = -1;
        for (ShippingLine line : shippingLines) {
            for (String name : new String[] {line.code(), line.title()}) {
                Integer configured = name == null ? null : handlingDaysByShipping.get(name.strip().toLowerCase(Locale.ROOT));
                if (configured != null && configured > days) {
                    days = configured;
                }
            }
        }
        return days >= 0 ? days : handlingBusinessDays;
    }

    /** The transit business days to {@code country} (ISO alpha-2, any case), else those for {@link #ANY_COUNTRY}. */
    public int transitDaysTo(String country) {
        Integer days = country == null ? null : transitDays.get(country.strip().toUpperCase(Locale.ROOT));
        return days != null ? days : transitDays.get(ANY_COUNTRY);
    }

    /** The earliest instant a second notice for a stage may go out, when the first went out at {@code firstSentAt}. */
    public Instant repeatAllowedAt(Instant firstSentAt) {
        return firstSentAt.plus(Duration.ofDays(repeatAfterDays));
    }

    private static void days(String name, int value, int min) {
        if (value < min || value > MAX_DAYS) {
            throw new IllegalArgumentException(name + ": must be from " + min + " to " + MAX_DAYS + " business days");
        }
    }

    private static Map<String, Integer> byShipping(Map<String, Integer> raw) {
        Objects.requireNonNull(raw, "handlingDaysByShipping");
        Map<String, Integer> copy = new TreeMap<>();
        raw.forEach((method, days) -> {
            String key = Objects.requireNonNull(method, "handlingDaysByShipping key").strip().toLowerCase(Locale.ROOT);
            if (key.isEmpty()) {
                throw new IllegalArgumentException("handlingDaysByShipping: a shipping method must not be blank");
            }
            days("handlingDaysByShipping." + method, Objects.requireNonNull(days, "handlingDaysByShipping value"), 0);
            if (copy.put(key, days) != null) {
                throw new IllegalArgumentException("handlingDaysByShipping: " + method + " is listed twice (case is ignored)");
            }
        });
        return Collections.unmodifiableMap(copy);
    }

    private static Map<String, Integer> transit(Map<String, Integer> raw) {
        Objects.requireNonNull(raw, "transitDays");
        Map<String, Integer> copy = new TreeMap<>();
        raw.forEach((country, days) -> {
            Objects.requireNonNull(country, "transitDays key");
            if (!country.equals(ANY_COUNTRY) && !COUNTRY.matcher(country).matches()) {
                throw new IllegalArgumentException("transitDays: " + country + " is no upper-case ISO 3166 alpha-2 code or *");
            }
            if (days == null || days < 0 || days > MAX_DAYS) {
                throw new IllegalArgumentException("transitDays." + country + ": must be from 0 to " + MAX_DAYS + " business days");
            }
            copy.put(country, days);
        });
        if (!copy.containsKey(ANY_COUNTRY)) {
            throw new IllegalArgumentException("transitDays: must hold " + ANY_COUNTRY + " for countries not listed");
        }
        return Collections.unmodifiableMap(copy);
    }
}
