package dev.promptly.core.shopify;

import java.time.Instant;
import java.util.Objects;

/** A {@code fulfillment_events/create} payload: one tracking event of one fulfillment of one order. */
public record FulfillmentEventUpdate(String orderId, String fulfillmentId, TrackingEvent event, Instant estimatedDeliveryAt) {
    public FulfillmentEventUpdate {
        Objects.requireNonNull(orderId, "orderId");
        Objects.requireNonNull(fulfillmentId, "fulfillmentId");
        Objects.requireNonNull(event, "event");
    }
}
