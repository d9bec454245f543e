package dev.promptly.core.reply;

import dev.promptly.core.shopify.Order;
import dev.promptly.core.shopify.Refund;
import dev.promptly.core.wismo.Intent;
import dev.promptly.core.wismo.OrderReport;
import dev.promptly.core.wismo.ShipmentReport;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * What the acknowledgement of a request about one order tells besides the promise of a personal reply,
 * for the intents that are not "where is my order?": a refund's state, the return window, whether a
 * cancellation or address change can still be made, where the invoice is. Facts in (the intent, the
 * order the sender may see, the shop's return policy, now), decision out; reads no clock. Which order may
 * be shown is the caller's rule: only one whose stored contact the reply reaches.
 *
 * @param intent the request: {@link #ANSWERED} lists those with an answer
 * @param orderName the order's name, e.g. {@code #1001}
 * @param refund for a refund: its state and each refund issued
 * @param returns for a return: the window and where to start one
 * @param change for a cancellation or address change: whether it can still be made
 * @param statusUrl for an invoice: the order status page; else null
 * @param note the shop's own sentence for this intent in the reply's language, or null
 */
public record OrderRequestAnswer(Intent intent, String orderName, Optional<RefundState> refund, Optional<ReturnWindow> returns,
                                 Optional<Change> change, String statusUrl, String note) {
    /** The intents answered here. */
    public static final Set<Intent> ANSWERED = EnumSet.of(Intent.REFUND, Intent.RETURN, Intent.CANCELLATION, Intent.ADDRESS_CHANGE,
            Intent.INVOICE);

    public OrderRequestAnswer {
        Objects.requireNonNull(intent, "intent");
        refund = refund == null ? Optional.empty() : refund;
        returns = returns == null ? Optional.empty() : returns;
        change = change == null ? Optional.empty() : change;
    }

    /** How far the money went back, from Shopify's {@code financial_status} and the refunds stored. */
    public enum RefundStage {
        /** {@code refunded}: everything paid went back. */
        REFUNDED,
        /** {@code partially_refunded}, or refunds stored while the status says otherwise: some went back. */
        PARTIALLY_REFUNDED,
        /** {@code voided}: the payment was released before it was taken; nothing was charged. */
        VOIDED,
        /** Nothing went back yet. */
        NONE_YET
    }

    /** A refund's state: the stage and each refund with money (amount, currency, when). */
    public record RefundState(RefundStage stage, List<Refund> refunds) {
        public RefundState {
            Objects.requireNonNull(stage, "stage");
            refunds = List.copyOf(refunds);
        }
    }

    /** Where the return window stands. */
    public enum ReturnStage {
        /** Not delivered yet: the window starts on delivery. */
        STARTS_ON_DELIVERY,
        /** Delivered; returns are possible through {@link ReturnWindow#lastDay()}. */
        OPEN,
        /** Delivered, and the window ended after {@link ReturnWindow#lastDay()}. */
        CLOSED,
        /** The shop states no window (or the delivery date is unknown): only the link is given. */
        NOT_STATED
    }

    /**
     * The return window: {@code days} as the shop's policy says (empty when it states none),
     * {@code deliveredOn} and {@code lastDay} in the shop's zone (null when unknown), and the return link.
     */
    public record ReturnWindow(ReturnStage stage, OptionalInt days, LocalDate deliveredOn, LocalDate lastDay, String link) {
        public ReturnWindow {
            Objects.requireNonNull(stage, "stage");
            Objects.requireNonNull(days, "days");
        }
    }

    /** Whether an order can still be changed or cancelled. */
    public enum ChangeStage {
        /** Nothing has shipped: the team can still change or cancel it, and must act before it leaves. */
        STILL_POSSIBLE,
        /** It (or part of it) has left the warehouse: a change is no longer possible; a return may be. */
        ALREADY_SHIPPED,
        /** The order is already cancelled. */
        ALREADY_CANCELLED
    }

    /** A cancellation or address change: whether it is still possible. */
    public record Change(ChangeStage stage) {
        public Change {
            Objects.requireNonNull(stage, "stage");
        }
    }

    /**
     * The shop's return policy in the reply's language: the window in days after delivery (empty when the
     * shop states none) and the page where a return is started (null when none).
     */
    public record ReturnPolicy(OptionalInt windowDays, String link) {
        public static final ReturnPolicy NONE = new ReturnPolicy(OptionalInt.empty(), null);

        public ReturnPolicy {
            Objects.requireNonNull(windowDays, "windowDays");
            if (windowDays.isPresent() && windowDays.getAsInt() < 1) {
                throw new IllegalArgumentException("windowDays: must be at least 1");
            }
        }
    }

    /**
     * The answer to {@code intent} about {@code order}, or empty when this intent gets none (WISMO has its
     * own answer; pre-purchase questions, complaints and others need a person) or the order gives nothing
     * to tell (no name to call it by, or an invoice question without a status page).
     *
     * @param report the order's status as the WISMO answer reports it (stage, parcels, delivery times)
     * @param zone the zone in which delivery dates and the window's last day are counted (the shop's)
     * @param note the shop's own sentence for this intent in the reply's language, or null
     */
    public static Optional<OrderRequestAnswer> decide(Intent intent, Order order, OrderReport report, ReturnPolicy policy, Instant now,
                                                      ZoneId zone, String note) {
        Objects.requireNonNull(order, "order");
        Objects.requireNonNull(report, "report");
        Objects.requireNonNull(policy, "policy");
        if (order.name() == null) {
            return Optional.empty();
        }
        return switch (intent) {
            case REFUND -> Optional.of(new OrderRequestAnswer(intent, order.name(), Optional.of(refundState(order)), Optional.empty(),
                    Optional.empty(), null, note));
            case RETURN -> Optional.of(new OrderRequestAnswer(intent, order.name(), Optional.empty(),
                    Optional.of(returnWindow(report, policy, now, zone)), Optional.empty(), null, note));
            case CANCELLATION, ADDRESS_CHANGE -> Optional.of(new OrderRequestAnswer(intent, order.name(), Optional.empty(), Optional.empty(),
                    Optional.of(new Change(changeStage(order, report))), null, note));
            case INVOICE -> order.statusUrl() == null ? Optional.empty()
                    : Optional.of(new OrderRequestAnswer(intent, order.name(), Optional.empty(), Optional.empty(), Optional.empty(),
                    order.statusUrl(), note));
            default -> Optional.empty();
        };
    }

    /**
     * The order a request that names none is about, from the orders stored with the sender's contact, when
     * they leave no doubt: the only one; for a cancellation or address change, the only one that has not
     * shipped (only such an order can still be changed). Empty when there are none, or several that fit:
     * a guess could tell one order's facts as another's.
     *
     * @param orders the reports of the contact's orders
     * @return the chosen order's id
     */
    public static Optional<String> orderMeant(Intent intent, List<OrderReport> orders) {
        if (!ANSWERED.contains(intent)) {
            return Optional.empty();
        }
        List<OrderReport> fitting = intent == Intent.CANCELLATION || intent == Intent.ADDRESS_CHANGE
                ? orders.stream().filter(o -> o.stage() == OrderReport.Stage.NOT_SHIPPED).toList()
                : orders;
        return fitting.size() == 1 ? Optional.of(fitting.get(0).orderId()) : Optional.empty();
    }

    /**
     * Whether the team must act at once: a cancellation or address change that is still possible, before
     * the parcel leaves. The conversation then runs under the shop's urgent SLA policy.
     */
    public boolean urgent() {
        return change.map(c -> c.stage() == ChangeStage.STILL_POSSIBLE).orElse(false);
    }

    private static RefundState refundState(Order order) {
        List<Refund> withMoney = order.refunds().stream().filter(r -> r.amount() != null && r.amount().signum() > 0).toList();
        String status = order.financialStatus() == null ? "" : order.financialStatus();
        RefundStage stage = switch (status) {
            case "refunded" -> RefundStage.REFUNDED;
            case "partially_refunded" -> RefundStage.PARTIALLY_REFUNDED;
            case "voided" -> RefundStage.VOIDED;
            default -> withMoney.isEmpty() ? RefundStage.NONE_YET : RefundStage.PARTIALLY_REFUNDED;
        };
        return new RefundState(stage, withMoney);
    }

    private static ReturnWindow returnWindow(OrderReport report, ReturnPolicy policy, Instant now, ZoneId zone) {
        if (report.stage() != OrderReport.Stage.DELIVERED) {
            return new ReturnWindow(policy.windowDays().isPresent() ? ReturnStage.STARTS_ON_DELIVERY : ReturnStage.NOT_STATED,
                    policy.windowDays(), null, null, policy.link());
        }
        // The last parcel's delivery starts the window: the customer has everything only then.
        Optional<Instant> delivered = report.shipments().stream().map(ShipmentReport::deliveredAt).filter(Objects::nonNull)
                .max(Instant::compareTo);
        if (delivered.isEmpty() || policy.windowDays().isEmpty()) {
            return new ReturnWindow(ReturnStage.NOT_STATED, policy.windowDays(), delivered.map(d -> d.atZone(zone).toLocalDate()).orElse(null),
                    null, policy.link());
        }
        LocalDate deliveredOn = delivered.get().atZone(zone).toLocalDate();
        LocalDate lastDay = deliveredOn.plusDays(policy.windowDays().getAsInt());
        ReturnStage stage = now.atZone(zone).toLocalDate().isAfter(lastDay) ? ReturnStage.CLOSED : ReturnStage.OPEN;
        return new ReturnWindow(stage, policy.windowDays(), deliveredOn, lastDay, policy.link());
    }

    private static ChangeStage changeStage(Order order, OrderReport report) {
        if (order.cancelledAt() != null || report.stage() == OrderReport.Stage.CANCELLED) {
            return ChangeStage.ALREADY_CANCELLED;
        }
        // Shopify's fulfillment_status is null or "unfulfilled" until something ships; a live fulfillment says the same.
        boolean fulfilled = order.fulfillmentStatus() != null && !"unfulfilled".equals(order.fulfillmentStatus());
        return fulfilled || !report.shipments().isEmpty() ? ChangeStage.ALREADY_SHIPPED : ChangeStage.STILL_POSSIBLE;
    }
}
