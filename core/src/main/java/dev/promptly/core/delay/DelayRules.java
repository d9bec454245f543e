package dev.promptly.core.delay;

import dev.promptly.core.calendar.BusinessCalendar;
import dev.promptly.core.shopify.Fulfillment;
import dev.promptly.core.shopify.Order;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Decides which delays an order has at an instant and when to look again. Pure: it reads no clock and
 * no store; every instant is passed in. Stateless and thread-safe.
 *
 * <p>The rules, in the shop's calendar zone, with day counts in business days of that calendar:
 * <ul>
 *   <li><b>Finished orders</b> — cancelled, refunded or voided, or {@code fulfilled} with every active
 *       parcel delivered (or picked up) — are not notifiable and need no checks. Cancelled and failed
 *       fulfillments ({@code status} {@code cancelled}, {@code failure}, {@code error}) are ignored.</li>
 *   <li>{@link DelayStage#NOT_SHIPPED}: counting starts on the order's local date; an order placed on a
 *       day that is not a business day, or at or after the cut-off, counts from the next business day.
 *       The ship day is that day plus the handling business days (per shipping method where configured);
 *       the promise is kept until the <em>end of the ship day</em>: the delay starts at local midnight
 *       that ends it (the first instant of the next date), not at the shop's closing time, because
 *       warehouses often hand parcels over after the shop's hours. It holds while the order's
 *       {@code fulfillment_status} is not {@code fulfilled} (a partial order is late for its unshipped
 *       part), not for orders known only from fulfillment webhooks, and not while payment is
 *       {@code pending} (the promise starts with payment, whose time is not kept).</li>
 *   <li>{@link DelayStage#NO_CARRIER_SCAN}: the parcel's shipment status says there is a label but no
 *       carrier scan ({@code label_printed}, {@code label_purchased}, {@code confirmed}) and the label
 *       (the fulfillment's {@code created_at}) is that many business days old, counted to the same local
 *       time. A parcel without any shipment status is not judged: its carrier may not report to
 *       Shopify.</li>
 *   <li>{@link DelayStage#TRACKING_STALLED}: the parcel is moving (a carrier-scanned state other than an
 *       exception) and its latest tracking event is that many business days old, to the same local
 *       time.</li>
 *   <li>{@link DelayStage#PAST_EXPECTED_DELIVERY}: not delivered after the expected day: the local date of
 *       Shopify's estimate if known, else the ship date (the fulfillment's {@code created_at}) plus the
 *       transit business days to the shipping country. Like the shipping promise, the day is kept until
 *       its end.</li>
 *   <li>{@link DelayStage#CARRIER_EXCEPTION}: shipment status {@code failure}, {@code attempted_delivery},
 *       {@code delayed} or {@code returned_to_sender} (Shopify itself reports a return as
 *       {@code failure}), since the latest event if it reports that status, else since the fulfillment's
 *       last update.</li>
 * </ul>
 * A parcel that is delivered, picked up or ready for pick-up has no delays. {@code newExpectation} is
 * the carrier's estimate when it still lies ahead.
 */
public final class DelayRules {
    private static final Set<String> INACTIVE_FULFILLMENTS = Set.of("cancelled", "failure", "error");
    private static final Set<String> DELIVERED = Set.of("delivered", "picked_up");
    private static final Set<String> ARRIVED = Set.of("delivered", "picked_up", "ready_for_pickup");
    /** Shopify shipment statuses that mean the carrier has a problem with the parcel (as in WISMO answers). */
    private static final Set<String> EXCEPTIONS = Set.of("failure", "attempted_delivery", "delayed", "returned_to_sender");
    /** A label exists, but no carrier has scanned the parcel yet (as in WISMO answers). */
    private static final Set<String> NOT_YET_SCANNED = Set.of("label_printed", "label_purchased", "confirmed");

    /**
     * The delays of {@code order} at {@code now} and when to assess it again.
     *
     * @param calendar the shop's business calendar; its zone is the shop's zone for every local date
     */
    public DelayAssessment assess(Order order, DelayPolicy policy, BusinessCalendar calendar, Instant now) {
        Objects.requireNonNull(order, "order");
        Objects.requireNonNull(policy, "policy");
        Objects.requireNonNull(calendar, "calendar");
        Objects.requireNonNull(now, "now");
        List<Fulfillment> active = order.fulfillments().stream()
                .filter(f -> f.status() == null || !INACTIVE_FULFILLMENTS.contains(f.status()))
                .toList();
        if (finished(order, active)) {
            return DelayAssessment.FINISHED;
        }
        Assessment result = new Assessment(order.orderId(), now);
        ZoneId zone = calendar.zone();
        if (order.createdAt() != null && !"fulfilled".equals(order.fulfillmentStatus())
                && !"pending".equals(order.financialStatus())) {
            result.threshold(DelayStage.NOT_SHIPPED, null, shipDeadline(order, policy, calendar), null);
        }
        for (Fulfillment fulfillment : active) {
            String status = shipmentStatus(fulfillment);
            if (ARRIVED.contains(status)) {
                continue;
            }
            String id = fulfillment.fulfillmentId();
            Instant estimate = fulfillment.estimatedDeliveryAt();
            Instant ahead = estimate != null && estimate.isAfter(now) ? estimate : null;
            if (NOT_YET_SCANNED.contains(status)) {
                if (fulfillment.createdAt() != null) {
                    result.threshold(DelayStage.NO_CARRIER_SCAN, id,
                            businessDaysAfter(fulfillment.createdAt(), policy.labelNoScanDays(), calendar), ahead);
                }
            } else if (EXCEPTIONS.contains(status)) {
                result.threshold(DelayStage.CARRIER_EXCEPTION, id, exceptionSince(fulfillment, status, now), ahead);
            } else if (!status.isEmpty() && fulfillment.latestEvent() != null) {
                result.threshold(DelayStage.TRACKING_STALLED, id,
                        businessDaysAfter(fulfillment.latestEvent().happenedAt(), policy.trackingStallDays(), calendar), ahead);
            }
            LocalDate expectedDay = null;
            if (estimate != null) {
                expectedDay = LocalDate.ofInstant(estimate, zone);
            } else if (fulfillment.createdAt() != null) {
                LocalDate shipped = LocalDate.ofInstant(fulfillment.createdAt(), zone);
                expectedDay = calendar.addBusinessDays(shipped, policy.transitDaysTo(order.shippingCountry()));
            }
            if (expectedDay != null) {
                result.threshold(DelayStage.PAST_EXPECTED_DELIVERY, id, endOf(expectedDay, zone), ahead);
            }
        }
        return result.finish(policy, zone);
    }

    /**
     * The instant the shipping promise of {@code order} is broken: the end of its ship day (see the class
     * description), in the calendar's zone.
     */
    public Instant shipDeadline(Order order, DelayPolicy policy, BusinessCalendar calendar) {
        Objects.requireNonNull(order.createdAt(), "order.createdAt");
        ZonedDateTime placed = order.createdAt().atZone(calendar.zone());
        LocalDate day = placed.toLocalDate();
        boolean afterCutoff = policy.cutoff() != null && !placed.toLocalTime().isBefore(policy.cutoff());
        LocalDate firstDay = afterCutoff ? calendar.addBusinessDays(day, 1) : calendar.addBusinessDays(day, 0);
        LocalDate shipDay = calendar.addBusinessDays(firstDay, policy.handlingDaysFor(order.shippingLines()));
        return endOf(shipDay, calendar.zone());
    }

    private static boolean finished(Order order, List<Fulfillment> active) {
        if (order.cancelledAt() != null) {
            return true;
        }
        if ("refunded".equals(order.financialStatus()) || "voided".equals(order.financialStatus())) {
            return true;
        }
        return "fulfilled".equals(order.fulfillmentStatus()) && !active.isEmpty()
                && active.stream().allMatch(f -> DELIVERED.contains(shipmentStatus(f)));
    }

    private static String shipmentStatus(Fulfillment fulfillment) {
        if (fulfillment.shipmentStatus() != null) {
            return fulfillment.shipmentStatus();
        }
        return fulfillment.latestEvent() != null ? fulfillment.latestEvent().status() : "";
    }

    private static Instant exceptionSince(Fulfillment fulfillment, String status, Instant now) {
        if (fulfillment.latestEvent() != null && status.equals(fulfillment.latestEvent().status())) {
            return fulfillment.latestEvent().happenedAt();
        }
        Instant known = fulfillment.updatedAt() != null ? fulfillment.updatedAt() : fulfillment.createdAt();
        return known != null && !known.isAfter(now) ? known : now;
    }

    /** {@code days} business days after {@code at}, at the same local time (a time the clock skips moves forward). */
    private static Instant businessDaysAfter(Instant at, int days, BusinessCalendar calendar) {
        ZonedDateTime local = at.atZone(calendar.zone());
        LocalDate day = calendar.addBusinessDays(local.toLocalDate(), days);
        return ZonedDateTime.of(day, local.toLocalTime(), calendar.zone()).toInstant();
    }

    /** The first instant after {@code day}: a day "kept until its end" is broken then. */
    private static Instant endOf(LocalDate day, ZoneId zone) {
        return day.plusDays(1).atStartOfDay(zone).toInstant();
    }

    /** Collects thresholds: crossed ones become delays, future ones candidates for the next check. */
    private static final class Assessment {
        private final String orderId;
        private final Instant now;
        private final List<Delay> delays = new ArrayList<>();
        private Instant next;

        Assessment(String orderId, Instant now) {
            this.orderId = orderId;
            this.now = now;
        }

        void threshold(DelayStage stage, String fulfillmentId, Instant crossedAt, Instant newExpectation) {
            if (crossedAt.isAfter(now)) {
                candidate(crossedAt);
            } else {
                delays.add(new Delay(orderId, stage, fulfillmentId, crossedAt, newExpectation));
            }
        }

        DelayAssessment finish(DelayPolicy policy, ZoneId shopZone) {
            for (Delay delay : delays) {
                // The first notice cannot go out before `since`, so no repeat is due before this instant.
                candidate(policy.repeatAllowedAt(delay.since()));
            }
            if (!delays.isEmpty()) {
                candidate(policy.sendWindow().nextSendableAt(now, shopZone));
            }
            return new DelayAssessment(delays, next, true);
        }

        private void candidate(Instant at) {
            if (at.isAfter(now) && (next == null || at.isBefore(next))) {
                next = at;
            }
        }
    }
}
