package dev.promptly.core.reply;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Renders delay notices with the {@code delay_notice} templates. Unknown values stay out of the data, so
 * a template that needs one refuses to render rather than print a gap.
 */
public final class DelayNoticeComposer {
    private final MessageTemplates templates;

    /** {@code templates} of kind {@code delay_notice}. */
    public DelayNoticeComposer(MessageTemplates templates) {
        this.templates = Objects.requireNonNull(templates, "templates");
    }

    public MessageTemplates templates() {
        return templates;
    }

    /** @throws MissingTemplateValueException when a required value is missing */
    public RenderedMessage compose(DelayNoticeFacts facts) {
        return compose(facts, TemplateOverrides.NONE);
    }

    /** With the shop's own wording where it has overridden a {@code delay_notice} template. */
    public RenderedMessage compose(DelayNoticeFacts facts, TemplateOverrides overrides) {
        Map<String, Object> data = new HashMap<>();
        data.put("shop_name", facts.shopName());
        putIfPresent(data, "order_name", facts.orderName());
        putIfPresent(data, "customer_name", facts.customerFirstName());
        putIfPresent(data, "contact_email", facts.contactEmail());
        putIfPresent(data, "help_url", facts.helpUrl());
        data.put("repeat", facts.repeat());
        List<Map<String, Object>> lines = new ArrayList<>();
        for (DelayNoticeFacts.Line delay : facts.delays()) {
            Map<String, Object> line = new HashMap<>();
            line.put(delay.stage().wire(), true);
            if (delay.shipBy() != null) {
                // The promise is kept until the end of the ship day: name that day, not the midnight after it.
                line.put("ship_by", LocalizedDates.date(delay.shipBy().minusSeconds(1), facts.zone(), facts.language()));
            }
            if (delay.newExpectation() != null) {
                line.put("new_expectation", LocalizedDates.date(delay.newExpectation(), facts.zone(), facts.language()));
            }
            putIfPresent(line, "carrier", delay.carrier());
            putIfPresent(line, "tracking_number", delay.trackingNumber());
            putIfPresent(line, "tracking_url", delay.trackingUrl());
            lines.add(line);
        }
        data.put("delays", lines);
        if (facts.goodwill() != null) {
            data.put("goodwill", goodwill(facts.goodwill(), facts.zone(), facts.language()));
        }
        return templates.render(facts.language(), data, overrides);
    }

    /** The code's values as the reader writes them: {@code 10 %} or {@code 5,00 EUR} in German, {@code 10%} or {@code 5.00 EUR} in English. */
    private static Map<String, Object> goodwill(DelayNoticeFacts.Goodwill code, java.time.ZoneId zone, String language) {
        Map<String, Object> values = new HashMap<>();
        values.put("code", code.code());
        if (code.percentage() != null) {
            java.text.NumberFormat number = java.text.NumberFormat.getNumberInstance("de".equals(language) ? java.util.Locale.GERMAN
                    : java.util.Locale.ENGLISH);
            number.setMaximumFractionDigits(2);
            values.put("value", number.format(code.percentage()) + ("de".equals(language) ? " %" : "%"));
        } else {
            values.put("value", LocalizedDates.amount(code.amount(), code.currency(), language));
        }
        if (code.minimum() != null) {
            values.put("minimum", LocalizedDates.amount(code.minimum(), code.currency(), language));
        }
        // Valid until the end instant, exclusive: name the last day it can be used.
        values.put("valid_until", LocalizedDates.date(code.validUntil().minusSeconds(1), zone, language));
        return values;
    }

    private static void putIfPresent(Map<String, Object> data, String key, String value) {
        if (value != null && !value.isBlank()) {
            data.put(key, value);
        }
    }
}
