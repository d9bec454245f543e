package dev.promptly.core.reply;

import dev.promptly.core.delay.DelayStage;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Objects;

/**
 * Everything a delay notice (or its internal note) says about one order. Personal data
 * ({@code customerFirstName}) goes into the message only, never into logs.
 *
 * @param language          one of the shop's template languages
 * @param orderName         the order's name as the customer knows it, e.g. {@code #1001}
 * @param customerFirstName null when unknown: the greeting is then neutral
 * @param zone              the zone dates are shown in
 * @param delays            what is late, at least one
 * @param repeat            whether this is the follow-up to an earlier notice of the same delays
 * @param contactEmail      where a person answers
 * @param helpUrl           the shop's shipping help page, or null
 * @param goodwill          the goodwill code the notice offers, or null for none
 */
public record DelayNoticeFacts(String language, String shopName, String orderName, String customerFirstName, ZoneId zone,
                               List<Line> delays, boolean repeat, String contactEmail, String helpUrl, Goodwill goodwill) {
    /** A notice without a goodwill code. */
    public DelayNoticeFacts(String language, String shopName, String orderName, String customerFirstName, ZoneId zone,
                            List<Line> delays, boolean repeat, String contactEmail, String helpUrl) {
        this(language, shopName, orderName, customerFirstName, zone, delays, repeat, contactEmail, helpUrl, null);
    }

    public DelayNoticeFacts {
        Objects.requireNonNull(language, "language");
        Objects.requireNonNull(shopName, "shopName");
        Objects.requireNonNull(zone, "zone");
        delays = List.copyOf(delays);
        if (delays.isEmpty()) {
            throw new IllegalArgumentException("a delay notice tells of at least one delay");
        }
    }

    /**
     * One delay as the customer reads it.
     *
     * @param shipBy         for {@link DelayStage#NOT_SHIPPED}: the promised ship day's end; else null
     * @param newExpectation a later delivery time still to come, or null when none is known
     * @param carrier        the parcel's carrier, or null
     * @param trackingUrl    the parcel's tracking link, or null
     */
    public record Line(DelayStage stage, Instant shipBy, Instant newExpectation, String carrier, String trackingNumber,
                       String trackingUrl) {
        public Line {
            Objects.requireNonNull(stage, "stage");
        }
    }

    /**
     * A single-use discount code the customer gets for the wait: worth {@code percentage} (e.g. 10 for
     * 10 %) or {@code amount} in {@code currency} (exactly one), on orders of at least {@code minimum}
     * (null: any), usable until {@code validUntil} (exclusive).
     */
    public record Goodwill(String code, BigDecimal percentage, BigDecimal amount, String currency, BigDecimal minimum, Instant validUntil) {
        public Goodwill {
            Objects.requireNonNull(code, "code");
            Objects.requireNonNull(validUntil, "validUntil");
            if ((percentage == null) == (amount == null)) {
                throw new IllegalArgumentException("a code is worth either a percentage or an amount");
            }
        }
    }
}
