package dev.promptly.core.wismo;

import dev.promptly.core.calendar.BusinessCalendar;
import dev.promptly.core.delay.DelayPolicy;
import dev.promptly.core.delay.DelayRules;
import dev.promptly.core.shopify.Fulfillment;
import dev.promptly.core.shopify.Order;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * The answer to "where is my order?" for one order: its stage and one report per parcel (split
 * shipments each get theirs). While nothing has shipped, {@code shipBy} is the promised shipping date —
 * the order date (after the cut-off: the next business day) plus the handling time in business days of
 * the shop's calendar, as {@link DelayRules#shipDeadline} computes it for delay notices — and
 * {@code shipByPassed} says the promise was broken, which calls for an apology and a person.
 */
public record OrderReport(String orderId, String name, Stage stage, List<ShipmentReport> shipments, LocalDate shipBy, boolean shipByPassed) {

    /** Most final first: a cancelled order is cancelled even if a parcel left. */
    public enum Stage {
        CANCELLED, REFUNDED, DELIVERED, SHIPPED, PARTIALLY_SHIPPED, NOT_SHIPPED;

        public String key() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public OrderReport {
        Objects.requireNonNull(orderId, "orderId");
        Objects.requireNonNull(stage, "stage");
        shipments = List.copyOf(shipments);
    }

    /** Whether the order still moves: not cancelled, refunded or wholly delivered. */
    public boolean open() {
        return stage == Stage.NOT_SHIPPED || stage == Stage.PARTIALLY_SHIPPED || stage == Stage.SHIPPED;
    }

    /** Whether a person should look at it: a broken shipping promise or a carrier problem. */
    public boolean needsPerson() {
        if (shipByPassed) {
            return true;
        }
        for (ShipmentReport shipment : shipments) {
            if (shipment.state() == ShipmentReport.State.EXCEPTION) {
                return true;
            }
        }
        return false;
    }

    private static final DelayRules RULES = new DelayRules();

    /** {@code policy} gives the shipping promise, the same one delay notices hold the shop to. */
    public static OrderReport of(Order order, BusinessCalendar calendar, DelayPolicy policy, Instant now) {
        // Loops, not streams, here and below: a WISMO answer in a cold start's first invoke pays for each lambda.
        List<ShipmentReport> shipped = new ArrayList<>();
        for (Fulfillment f : order.fulfillments()) {
            if (!"cancelled".equals(f.status()) && !"failure".equals(f.status()) && !"error".equals(f.status())) {
                shipped.add(ShipmentReport.of(f, now));
            }
        }
        List<ShipmentReport> shipments = List.copyOf(shipped);
        Stage stage = stage(order, shipments);
        LocalDate shipBy = null;
        boolean passed = false;
        if (stage == Stage.NOT_SHIPPED && order.createdAt() != null) {
            Instant deadline = RULES.shipDeadline(order, policy, calendar);
            shipBy = deadline.minusNanos(1).atZone(calendar.zone()).toLocalDate();
            passed = !now.isBefore(deadline);
        }
        return new OrderReport(order.orderId(), order.name(), stage, shipments, shipBy, passed);
    }

    private static Stage stage(Order order, List<ShipmentReport> shipments) {
        if (order.cancelledAt() != null) {
            return Stage.CANCELLED;
        }
        if ("refunded".equals(order.financialStatus()) || "voided".equals(order.financialStatus())) {
            return Stage.REFUNDED;
        }
        if (shipments.isEmpty()) {
            return Stage.NOT_SHIPPED;
        }
        boolean complete = "fulfilled".equals(order.fulfillmentStatus());
        boolean delivered = true;
        for (ShipmentReport shipment : shipments) {
            delivered &= shipment.state() == ShipmentReport.State.DELIVERED;
        }
        if (complete && delivered) {
            return Stage.DELIVERED;
        }
        return complete ? Stage.SHIPPED : Stage.PARTIALLY_SHIPPED;
    }

}
