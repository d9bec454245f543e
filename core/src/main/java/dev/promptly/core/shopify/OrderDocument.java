package dev.promptly.core.shopify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.promptly.core.ShopDomain;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The one JSON form of an {@link Order}: how it is stored, shown by the local runner and exported for a
 * customer's data request. Written by hand rather than by reflection so that a cold start does not pay
 * for introspecting records, and so that the stored format changes only on purpose.
 */
public final class OrderDocument {
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private OrderDocument() {
    }

    public static ObjectNode toJson(Order order) {
        ObjectNode o = JSON.objectNode();
        o.put("shop", order.shop().value());
        o.put("order_id", order.orderId());
        o.put("name", order.name());
        putTime(o, "created_at", order.createdAt());
        putTime(o, "updated_at", order.updatedAt());
        o.put("financial_status", order.financialStatus());
        o.put("fulfillment_status", order.fulfillmentStatus());
        putTime(o, "cancelled_at", order.cancelledAt());
        o.put("cancel_reason", order.cancelReason());
        putTime(o, "closed_at", order.closedAt());
        ObjectNode customer = o.putObject("customer");
        customer.put("id", order.customer().customerId());
        customer.put("email", order.customer().email());
        customer.put("phone", order.customer().phone());
        customer.put("first_name", order.customer().firstName());
        customer.put("locale", order.customer().locale());
        if (!order.customer().tags().isEmpty()) {
            order.customer().tags().forEach(customer.putArray("tags")::add);
        }
        o.put("shipping_country", order.shippingCountry());
        ArrayNode shipping = o.putArray("shipping_lines");
        order.shippingLines().forEach(s -> shipping.addObject().put("title", s.title()).put("code", s.code()));
        ArrayNode items = o.putArray("line_items");
        order.lineItems().forEach(i -> items.addObject().put("title", i.title()).put("quantity", i.quantity()).put("sku", i.sku()));
        o.put("total_price", order.totalPrice());
        o.put("currency", order.currency());
        ArrayNode fulfillments = o.putArray("fulfillments");
        order.fulfillments().forEach(f -> fulfillments.add(fulfillmentJson(f)));
        putTime(o, "redacted_at", order.redactedAt());
        if (!order.refunds().isEmpty()) {
            ArrayNode refunds = o.putArray("refunds");
            order.refunds().forEach(r -> {
                ObjectNode refund = refunds.addObject().put("refund_id", r.refundId());
                putTime(refund, "processed_at", r.processedAt());
                refund.put("amount", r.amount() == null ? null : r.amount().toPlainString());
                refund.put("currency", r.currency());
            });
        }
        if (order.statusUrl() != null) {
            o.put("order_status_url", order.statusUrl());
        }
        return o;
    }

    public static Order fromJson(JsonNode o) {
        JsonNode c = o.path("customer");
        List<ShippingLine> shipping = new ArrayList<>();
        o.path("shipping_lines").forEach(s -> shipping.add(new ShippingLine(text(s, "title"), text(s, "code"))));
        List<LineItemSummary> items = new ArrayList<>();
        o.path("line_items").forEach(i -> items.add(new LineItemSummary(text(i, "title"), i.path("quantity").asInt(), text(i, "sku"))));
        List<Fulfillment> fulfillments = new ArrayList<>();
        o.path("fulfillments").forEach(f -> fulfillments.add(fulfillmentFrom(f)));
        List<Refund> refunds = new ArrayList<>();
        o.path("refunds").forEach(r -> refunds.add(new Refund(text(r, "refund_id"), time(r, "processed_at"),
                text(r, "amount") == null ? null : new BigDecimal(text(r, "amount")), text(r, "currency"))));
        return new Order(new ShopDomain(text(o, "shop")), text(o, "order_id"), text(o, "name"), time(o, "created_at"),
                time(o, "updated_at"), text(o, "financial_status"), text(o, "fulfillment_status"),
                time(o, "cancelled_at"), text(o, "cancel_reason"), time(o, "closed_at"),
                new CustomerContact(text(c, "id"), text(c, "email"), text(c, "phone"), text(c, "first_name"), text(c, "locale"),
                        ShopifyPayloads.customerTags(c.path("tags"))),
                text(o, "shipping_country"), shipping, items, text(o, "total_price"), text(o, "currency"),
                fulfillments, time(o, "redacted_at"), refunds, text(o, "order_status_url"));
    }

    private static ObjectNode fulfillmentJson(Fulfillment f) {
        ObjectNode o = JSON.objectNode();
        o.put("fulfillment_id", f.fulfillmentId());
        o.put("status", f.status());
        o.put("shipment_status", f.shipmentStatus());
        o.put("tracking_company", f.trackingCompany());
        ArrayNode numbers = o.putArray("tracking_numbers");
        f.trackingNumbers().forEach(numbers::add);
        ArrayNode urls = o.putArray("tracking_urls");
        f.trackingUrls().forEach(urls::add);
        putTime(o, "created_at", f.createdAt());
        putTime(o, "updated_at", f.updatedAt());
        putTime(o, "estimated_delivery_at", f.estimatedDeliveryAt());
        if (f.latestEvent() == null) {
            o.putNull("latest_event");
        } else {
            TrackingEvent e = f.latestEvent();
            ObjectNode event = o.putObject("latest_event");
            event.put("event_id", e.eventId());
            event.put("status", e.status());
            putTime(event, "happened_at", e.happenedAt());
            event.put("message", e.message());
        }
        return o;
    }

    private static Fulfillment fulfillmentFrom(JsonNode f) {
        JsonNode e = f.path("latest_event");
        TrackingEvent event = e.isObject()
                ? new TrackingEvent(text(e, "event_id"), text(e, "status"), time(e, "happened_at"), text(e, "message"))
                : null;
        List<String> numbers = new ArrayList<>();
        f.path("tracking_numbers").forEach(n -> numbers.add(n.asText()));
        List<String> urls = new ArrayList<>();
        f.path("tracking_urls").forEach(u -> urls.add(u.asText()));
        return new Fulfillment(text(f, "fulfillment_id"), text(f, "status"), text(f, "shipment_status"),
                text(f, "tracking_company"), numbers, urls, time(f, "created_at"), time(f, "updated_at"),
                time(f, "estimated_delivery_at"), event);
    }

    private static void putTime(ObjectNode o, String field, Instant time) {
        o.put(field, time == null ? null : time.toString());
    }

    private static String text(JsonNode o, String field) {
        JsonNode v = o.path(field);
        return v.isNull() || v.isMissingNode() ? null : v.asText();
    }

    private static Instant time(JsonNode o, String field) {
        String v = text(o, field);
        return v == null ? null : Instant.parse(v);
    }
}
