package dev.promptly.core.reply;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Turns {@link AcknowledgementFacts} into the acknowledgement's subject, text and HTML with the
 * {@code ack} templates. Values that are unknown are left out of the data, so a template that requires
 * them refuses to render instead of printing a gap.
 */
public final class AcknowledgementComposer {
    private final MessageTemplates templates;

    public AcknowledgementComposer(MessageTemplates templates) {
        this.templates = Objects.requireNonNull(templates, "templates");
    }

    public MessageTemplates templates() {
        return templates;
    }

    /** @throws MissingTemplateValueException when a required value is missing */
    public RenderedMessage compose(AcknowledgementFacts facts) {
        return templates.render(facts.language(), data(facts));
    }

    static Map<String, Object> data(AcknowledgementFacts facts) {
        String language = facts.language();
        Map<String, Object> data = new HashMap<>();
        putIfPresent(data, "shop_name", facts.shopName());
        putIfPresent(data, "customer_name", facts.customerName());
        data.put("ticket", facts.conversation().ticket());
        data.put("open_now", facts.promise().openNow());
        data.put("by_email", facts.byEmail());
        data.put("promise_at", LocalizedDates.dateTime(facts.promise().due(), facts.displayZone(), language));
        data.put("next_opening_at", LocalizedDates.dateTime(facts.promise().nextOpening(), facts.displayZone(), language));
        facts.order().ifPresent(order -> data.put("order", order(order, facts)));
        List<Map<String, Object>> help = new ArrayList<>();
        for (var link : facts.helpLinks()) {
            help.add(Map.of(link.topic(), true, "url", link.url()));
        }
        data.put("help", help);
        data.put("has_help", !help.isEmpty());
        return data;
    }

    private static Map<String, Object> order(OrderStatus order, AcknowledgementFacts facts) {
        Map<String, Object> data = new HashMap<>();
        putIfPresent(data, "name", order.orderName());
        data.put(order.stage().key(), true);
        List<Map<String, Object>> shipments = new ArrayList<>();
        for (var shipment : order.shipments()) {
            Map<String, Object> line = new HashMap<>();
            putIfPresent(line, "carrier", shipment.carrier());
            putIfPresent(line, "tracking_number", shipment.trackingNumber());
            putIfPresent(line, "tracking_url", shipment.trackingUrl());
            line.put("delivered", "delivered".equals(shipment.status()));
            if (shipment.estimatedDeliveryAt() != null) {
                line.put("expected_on", LocalizedDates.date(shipment.estimatedDeliveryAt(), facts.displayZone(), facts.language()));
            }
            shipments.add(line);
        }
        data.put("shipments", shipments);
        data.put("has_shipments", !shipments.isEmpty());
        return data;
    }

    private static void putIfPresent(Map<String, Object> data, String key, String value) {
        if (value != null && !value.isBlank()) {
            data.put(key, value);
        }
    }
}
