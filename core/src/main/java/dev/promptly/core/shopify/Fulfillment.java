package dev.promptly.core.shopify;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One shipment of an order. The base fields come from the fulfillment itself and are ordered by
 * {@code updatedAt}; {@code latestEvent} and {@code estimatedDeliveryAt} come from tracking events and
 * are ordered by the event's time. {@code updatedAt} is null for a fulfillment known only from an event.
 */
public record Fulfillment(
        String fulfillmentId,
        String status,
        String shipmentStatus,
        String trackingCompany,
        List<String> trackingNumbers,
        List<String> trackingUrls,
        Instant createdAt,
        Instant updatedAt,
        Instant estimatedDeliveryAt,
        TrackingEvent latestEvent) {

    public Fulfillment {
        Objects.requireNonNull(fulfillmentId, "fulfillmentId");
        trackingNumbers = trackingNumbers == null ? List.of() : List.copyOf(trackingNumbers);
        trackingUrls = trackingUrls == null ? List.of() : List.copyOf(trackingUrls);
    }

    /** A fulfillment known so far only from one of its tracking events. */
    public static Fulfillment fromEventOnly(String fulfillmentId, TrackingEvent event, Instant estimatedDeliveryAt) {
        return new Fulfillment(fulfillmentId, null, event.status(), null, List.of(), List.of(), null, null,
                estimatedDeliveryAt, event);
    }

    /**
     * This fulfillment as updated by {@code incoming} (a newer or equal version of the same shipment):
     * base fields from whichever is newer, tracking-event fields from whichever event is later.
     */
    public Fulfillment mergedWith(Fulfillment incoming) {
        boolean incomingIsNewer = updatedAt == null
                || (incoming.updatedAt != null && !incoming.updatedAt.isBefore(updatedAt));
        Fulfillment base = incomingIsNewer ? incoming : this;
        TrackingEvent event = latestEvent;
        Instant estimate = estimatedDeliveryAt;
        String shipment = base.shipmentStatus;
        if (incoming.latestEvent != null && incoming.latestEvent.isAfter(latestEvent)) {
            event = incoming.latestEvent;
        }
        if (base.estimatedDeliveryAt != null) {
            estimate = base.estimatedDeliveryAt;
        }
        if (shipment == null && event != null) {
            shipment = event.status();
        }
        return new Fulfillment(fulfillmentId, base.status, shipment, base.trackingCompany, base.trackingNumbers,
                base.trackingUrls, base.createdAt != null ? base.createdAt : createdAt, base.updatedAt,
                estimate, event);
    }

    /**
     * This fulfillment after a tracking event; unchanged when the event is not later than the one known.
     * The event sets the shipment status and, when it carries one, the estimated delivery.
     */
    public Fulfillment withEvent(TrackingEvent event, Instant eventEstimate) {
        if (!event.isAfter(latestEvent)) {
            return this;
        }
        return new Fulfillment(fulfillmentId, status, event.status(), trackingCompany, trackingNumbers, trackingUrls,
                createdAt, updatedAt, eventEstimate != null ? eventEstimate : estimatedDeliveryAt, event);
    }
}
