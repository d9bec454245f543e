package dev.promptly.core.reply;

import dev.promptly.core.delay.DelayStage;
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
 */
public record DelayNoticeFacts(String language, String shopName, String orderName, String customerFirstName, ZoneId zone,
                               List<Line> delays, boolean repeat, String contactEmail, String helpUrl) {
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
}
