package dev.promptly.core.reply;

import dev.promptly.core.wismo.OrderReport;
import dev.promptly.core.wismo.ShipmentReport;
import dev.promptly.core.wismo.WismoAnswer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Turns {@link AcknowledgementFacts} into the acknowledgement's subject, text and HTML with the
 * {@code ack} templates. Values that are unknown are left out of the data, so a template that requires
 * them refuses to render instead of printing a gap.
 */
public final class AcknowledgementComposer {
    private final MessageTemplates templates;
    private final MessageTemplates wismoTemplates;

    /** {@code templates} of kind {@code ack}; {@code wismoTemplates} of kind {@code wismo}, for the combined answer. */
    public AcknowledgementComposer(MessageTemplates templates, MessageTemplates wismoTemplates) {
        this.templates = Objects.requireNonNull(templates, "templates");
        this.wismoTemplates = Objects.requireNonNull(wismoTemplates, "wismoTemplates");
    }

    public MessageTemplates templates() {
        return templates;
    }

    /** @throws MissingTemplateValueException when a required value is missing */
    public RenderedMessage compose(AcknowledgementFacts facts) {
        return compose(facts, TemplateOverrides.NONE);
    }

    /** With the shop's own wording where it has overridden an {@code ack} or {@code wismo} template. */
    public RenderedMessage compose(AcknowledgementFacts facts, TemplateOverrides overrides) {
        Map<String, Object> data = data(facts);
        if (facts.wismo().isEmpty()) {
            return templates.render(facts.language(), data, overrides);
        }
        WismoAnswer answer = facts.wismo().get();
        List<Map<String, Object>> orders = new ArrayList<>();
        for (OrderReport report : answer.orders()) {
            orders.add(report(report, facts));
        }
        data.put("orders", orders);
        data.put("several", orders.size() > 1);
        data.put("no_order_found", answer.noOrderFound());
        data.put("ask_which", answer.askWhich());
        data.put("needs_person", answer.needsPerson());
        data.put("lookup_unavailable", answer.lookupUnavailable());
        if (orders.size() == 1) {
            data.put("only_order", orders.get(0));
        }
        return wismoTemplates.render(facts.language(), data, overrides);
    }

    private static Map<String, Object> report(OrderReport report, AcknowledgementFacts facts) {
        Map<String, Object> data = new HashMap<>();
        putIfPresent(data, "name", report.name());
        data.put(report.stage().key(), true);
        if (report.shipBy() != null) {
            data.put("ship_by", LocalizedDates.date(report.shipBy().atTime(12, 0).atZone(facts.displayZone()).toInstant(),
                    facts.displayZone(), facts.language()));
        }
        data.put("ship_by_passed", report.shipByPassed());
        List<Map<String, Object>> shipments = new ArrayList<>();
        for (ShipmentReport shipment : report.shipments()) {
            Map<String, Object> line = new HashMap<>();
            putIfPresent(line, "carrier", shipment.carrier());
            putIfPresent(line, "tracking_number", shipment.trackingNumber());
            putIfPresent(line, "tracking_url", shipment.trackingUrl());
            for (ShipmentReport.State state : ShipmentReport.State.values()) {
                line.put(state.key(), state == shipment.state());
            }
            if (shipment.expectedDelivery() != null) {
                line.put("expected_on", LocalizedDates.date(shipment.expectedDelivery(), facts.displayZone(), facts.language()));
            }
            if (shipment.deliveredAt() != null) {
                line.put("delivered_on", LocalizedDates.date(shipment.deliveredAt(), facts.displayZone(), facts.language()));
            }
            shipments.add(line);
        }
        data.put("shipments", shipments);
        data.put("has_shipments", !shipments.isEmpty());
        return data;
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
        // No lambdas on the path every acknowledgement takes: the first one of a cold start pays for each.
        if (facts.order().isPresent()) {
            data.put("order", report(facts.order().get(), facts));
        }
        if (facts.request().isPresent()) {
            data.put("request", request(facts.request().get(), facts));
        }
        List<Map<String, Object>> help = new ArrayList<>();
        for (var link : facts.helpLinks()) {
            help.add(Map.of(link.topic(), true, "url", link.url()));
        }
        data.put("help", help);
        data.put("has_help", !help.isEmpty());
        return data;
    }

    /**
     * The request answer's data: {@code order_name}, {@code note}, and one section for its intent —
     * {@code refund} (a flag per stage, {@code refunds} with {@code amount} and {@code on}),
     * {@code return} (a flag per stage, {@code days}, {@code delivered_on}, {@code last_day}, {@code link}),
     * {@code change} (a flag per stage, and {@code cancellation} or {@code address_change}) or
     * {@code invoice} ({@code status_url}).
     */
    private static Map<String, Object> request(OrderRequestAnswer answer, AcknowledgementFacts facts) {
        String language = facts.language();
        Map<String, Object> data = new HashMap<>();
        putIfPresent(data, "order_name", answer.orderName());
        putIfPresent(data, "note", answer.note());
        answer.refund().ifPresent(refund -> {
            Map<String, Object> section = flag(refund.stage().name());
            List<Map<String, Object>> lines = new ArrayList<>();
            for (var r : refund.refunds()) {
                Map<String, Object> line = new HashMap<>();
                line.put("amount", LocalizedDates.amount(r.amount(), r.currency(), language));
                if (r.processedAt() != null) {
                    line.put("on", LocalizedDates.date(r.processedAt(), facts.displayZone(), language));
                }
                lines.add(line);
            }
            section.put("refunds", lines);
            section.put("has_refunds", !lines.isEmpty());
            data.put("refund", section);
        });
        answer.returns().ifPresent(window -> {
            Map<String, Object> section = flag(window.stage().name());
            window.days().ifPresent(days -> section.put("days", days));
            if (window.deliveredOn() != null) {
                section.put("delivered_on", LocalizedDates.date(window.deliveredOn(), language));
            }
            if (window.lastDay() != null) {
                section.put("last_day", LocalizedDates.date(window.lastDay(), language));
            }
            putIfPresent(section, "link", window.link());
            data.put("return", section);
        });
        answer.change().ifPresent(change -> {
            Map<String, Object> section = flag(change.stage().name());
            section.put(answer.intent().wire(), true);
            data.put("change", section);
        });
        if (answer.statusUrl() != null) {
            data.put("invoice", Map.of("status_url", answer.statusUrl()));
        }
        return data;
    }

    private static Map<String, Object> flag(String stage) {
        Map<String, Object> section = new HashMap<>();
        section.put(stage.toLowerCase(Locale.ROOT), true);
        return section;
    }

    private static void putIfPresent(Map<String, Object> data, String key, String value) {
        if (value != null && !value.isBlank()) {
            data.put(key, value);
        }
    }
}
