package dev.promptly.core.reply;

import dev.promptly.core.shopify.Fulfillment;
import dev.promptly.core.shopify.Order;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * What a customer may be told about an order at a glance: one stage for the order and one line per
 * shipment. Built only for a sender who matches the order (the caller checks).
 */
public record OrderStatus(String orderName, Stage stage, List<Shipment> shipments) {

    /** The order's stage, most final first: a cancelled order is cancelled even if a parcel left. */
    public enum Stage {
        CANCELLED, REFUNDED, DELIVERED, OUT_FOR_DELIVERY, SHIPPED, PARTIALLY_SHIPPED, PROCESSING;

        public String key() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** One parcel: any field but the status may be null. {@code status} is Shopify's shipment status or "shipped". */
    public record Shipment(String carrier, String trackingNumber, String trackingUrl, String status, Instant estimatedDeliveryAt) {
    }

    public OrderStatus {
        Objects.requireNonNull(stage, "stage");
        shipments = List.copyOf(shipments);
    }

    public static OrderStatus of(Order order) {
        List<Shipment> shipments = order.fulfillments().stream()
                .filter(f -> !"cancelled".equals(f.status()) && !"failure".equals(f.status()) && !"error".equals(f.status()))
                .map(OrderStatus::shipment)
                .toList();
        return new OrderStatus(order.name(), stage(order, shipments), shipments);
    }

    private static Shipment shipment(Fulfillment f) {
        return new Shipment(f.trackingCompany(),
                f.trackingNumbers().isEmpty() ? null : f.trackingNumbers().get(0),
                f.trackingUrls().isEmpty() ? null : f.trackingUrls().get(0),
                f.shipmentStatus() == null ? "shipped" : f.shipmentStatus(),
                f.estimatedDeliveryAt());
    }

    private static Stage stage(Order order, List<Shipment> shipments) {
        if (order.cancelledAt() != null) {
            return Stage.CANCELLED;
        }
        if ("refunded".equals(order.financialStatus()) || "voided".equals(order.financialStatus())) {
            return Stage.REFUNDED;
        }
        if (shipments.isEmpty()) {
            return Stage.PROCESSING;
        }
        boolean allFulfilled = "fulfilled".equals(order.fulfillmentStatus());
        if (allFulfilled && shipments.stream().allMatch(s -> "delivered".equals(s.status()))) {
            return Stage.DELIVERED;
        }
        if (shipments.stream().anyMatch(s -> "out_for_delivery".equals(s.status()))) {
            return Stage.OUT_FOR_DELIVERY;
        }
        return allFulfilled ? Stage.SHIPPED : Stage.PARTIALLY_SHIPPED;
    }
}
