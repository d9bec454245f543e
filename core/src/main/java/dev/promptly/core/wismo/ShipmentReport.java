package dev.promptly.core.wismo;

import dev.promptly.core.shopify.Fulfillment;
import java.time.Instant;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * What a customer is told about one parcel. {@code expectedDelivery} is shown only while it can still
 * come true: it is null once past, when the carrier reports a problem, or when the parcel is out for
 * delivery (then that is said instead). {@code deliveredAt} is the carrier's delivery time.
 */
public record ShipmentReport(String carrier, String trackingNumber, String trackingUrl, State state, Instant expectedDelivery,
                             Instant deliveredAt) {

    /** The parcel's state as the customer reads it. */
    public enum State {
        LABEL_CREATED, IN_TRANSIT, OUT_FOR_DELIVERY, READY_FOR_PICKUP, DELIVERED, EXCEPTION;

        public String key() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** Shopify shipment statuses that mean the carrier has a problem with the parcel. */
    private static final Set<String> EXCEPTIONS = Set.of("failure", "attempted_delivery", "delayed");
    private static final Set<String> NOT_YET_SCANNED = Set.of("label_printed", "label_purchased", "confirmed");

    public ShipmentReport {
        Objects.requireNonNull(state, "state");
    }

    public static ShipmentReport of(Fulfillment fulfillment, Instant now) {
        String status = fulfillment.shipmentStatus() == null ? "" : fulfillment.shipmentStatus();
        State state;
        if (status.equals("delivered")) {
            state = State.DELIVERED;
        } else if (status.equals("out_for_delivery")) {
            state = State.OUT_FOR_DELIVERY;
        } else if (status.equals("ready_for_pickup")) {
            state = State.READY_FOR_PICKUP;
        } else if (EXCEPTIONS.contains(status)) {
            state = State.EXCEPTION;
        } else if (NOT_YET_SCANNED.contains(status) || (status.isEmpty() && fulfillment.latestEvent() == null && fulfillment.trackingNumbers().isEmpty())) {
            state = State.LABEL_CREATED;
        } else {
            state = State.IN_TRANSIT;
        }
        Instant estimate = fulfillment.estimatedDeliveryAt();
        boolean showEstimate = estimate != null && estimate.isAfter(now)
                && (state == State.IN_TRANSIT || state == State.LABEL_CREATED);
        Instant delivered = state == State.DELIVERED && fulfillment.latestEvent() != null ? fulfillment.latestEvent().happenedAt() : null;
        return new ShipmentReport(fulfillment.trackingCompany(),
                fulfillment.trackingNumbers().isEmpty() ? null : fulfillment.trackingNumbers().get(0),
                fulfillment.trackingUrls().isEmpty() ? null : fulfillment.trackingUrls().get(0),
                state, showEstimate ? estimate : null, delivered);
    }
}
