package dev.promptly.core.reply;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.promptly.core.message.ConversationId;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TemplateOverridesTest {
    private static final AcknowledgementComposer COMPOSER = new AcknowledgementComposer(new MessageTemplates("ack", List.of("de", "en")),
            new MessageTemplates("wismo", List.of("de", "en")));
    private static final ReplyPromise PROMISE = new ReplyPromise(Instant.parse("2026-11-30T09:00:00Z"), true, Instant.parse("2026-11-30T08:00:00Z"));

    private static AcknowledgementFacts facts(String language) {
        return new AcknowledgementFacts(language, "Demo Shop", new ConversationId("7K3M9QX2AB"), "Anna", PROMISE, ZoneId.of("Europe/Berlin"),
                Optional.empty(), List.of(), true, Optional.empty());
    }

    @Test
    void anOverriddenSubjectReplacesOnlyTheSubjectInItsLanguage() {
        var overrides = new TemplateOverrides(Map.of("ack.subject", Map.of("en", "[{{ticket}}] Thanks from {{shop_name}}!")));

        RenderedMessage english = COMPOSER.compose(facts("en"), overrides);
        RenderedMessage german = COMPOSER.compose(facts("de"), overrides);

        assertEquals("[PR-7K3M9QX2AB] Thanks from Demo Shop!", english.subject());
        assertTrue(english.text().startsWith("Hello Anna,\n\nthank you for your message to Demo Shop."), english.text());
        assertTrue(german.subject().startsWith("[PR-7K3M9QX2AB] Wir haben Ihre Nachricht erhalten"), german.subject());
    }

    @Test
    void anOverriddenHtmlPartStillEscapesCustomerValues() {
        var overrides = new TemplateOverrides(Map.of("ack.html", Map.of("en",
                "<p>{{#customer_name}}Dear {{customer_name}}{{/customer_name}}, ticket {{ticket}}</p>")));
        var facts = new AcknowledgementFacts("en", "Demo Shop", new ConversationId("7K3M9QX2AB"), "<b>Anna</b>", PROMISE,
                ZoneId.of("Europe/Berlin"), Optional.empty(), List.of(), true, Optional.empty());

        RenderedMessage ack = COMPOSER.compose(facts, overrides);

        assertEquals("<p>Dear &lt;b&gt;Anna&lt;/b&gt;, ticket PR-7K3M9QX2AB</p>", ack.html());
    }

    @Test
    void unknownNamesLanguagesSyntaxErrorsAndMisplacedVariablesAreNamed() {
        assertEquals(List.of("not a template a shop may override (ack.subject, ack.txt, ack.html, wismo.subject, wismo.txt, wismo.html, "
                + "delay_notice.subject, delay_notice.txt, delay_notice.html, csat_survey.subject, csat_survey.txt, csat_survey.html)"),
                TemplateOverrides.problems("ack.footer", "en", "x"));
        assertEquals(List.of("no ack.subject template is shipped in language \"fr\""), TemplateOverrides.problems("ack.subject", "fr", "x"));
        assertTrue(TemplateOverrides.problems("ack.txt", "en", "{{#order}}Hello").get(0).startsWith("not a valid Mustache template: "),
                TemplateOverrides.problems("ack.txt", "en", "{{#order}}Hello").toString());

        List<String> typo = TemplateOverrides.problems("ack.subject", "en", "[{{ticket}}] reply by {{promise_on}}");
        assertEquals(1, typo.size(), typo.toString());
        assertTrue(typo.get(0).startsWith("unknown variable \"promise_on\" outside any section (variables known there: "), typo.get(0));
        assertTrue(typo.get(0).contains("promise_at"), typo.get(0));

        // "name" is the order's name: only there inside {{#order}}, where the shipped template prints it.
        assertTrue(TemplateOverrides.problems("ack.txt", "en", "{{#order}}Order {{name}}{{/order}}").isEmpty());
        List<String> outside = TemplateOverrides.problems("ack.txt", "en", "Order {{name}}");
        assertEquals(1, outside.size(), outside.toString());
        assertTrue(outside.get(0).startsWith("unknown variable \"name\" outside any section"), outside.get(0));
    }

    @Test
    void unescapedOutputPartialsAndDelimiterChangesAreRefused() {
        assertTrue(TemplateOverrides.problems("ack.html", "en", "<p>{{{shop_name}}}</p>").get(0).contains("prints a value unescaped"));
        assertTrue(TemplateOverrides.problems("ack.html", "en", "<p>{{&shop_name}}</p>").get(0).contains("prints a value unescaped"));
        assertTrue(TemplateOverrides.problems("ack.txt", "en", "{{>footer}}").get(0).contains("partials"));

        var refused = assertThrows(IllegalArgumentException.class,
                () -> new TemplateOverrides(Map.of("wismo.subject", Map.of("de", "{{shop_nam}}"))));
        assertTrue(refused.getMessage().startsWith("wismo.subject (de): unknown variable \"shop_nam\""), refused.getMessage());
    }

    @Test
    void aDelayNoticeOverrideIsUsedByTheDelayComposer() {
        var composer = new DelayNoticeComposer(new MessageTemplates("delay_notice", List.of("de", "en")));
        var overrides = new TemplateOverrides(Map.of("delay_notice.subject", Map.of("en", "{{order_name}} is running late")));
        var facts = new DelayNoticeFacts("en", "Demo Shop", "#1001", "Anna", ZoneId.of("Europe/Berlin"), List.of(new DelayNoticeFacts.Line(
                dev.promptly.core.delay.DelayStage.TRACKING_STALLED, null, null, "DHL", "00340434161234567890", null)), false, null, null);

        RenderedMessage notice = composer.compose(facts, overrides);

        assertEquals("#1001 is running late", notice.subject());
        assertTrue(notice.text().contains("Your parcel with DHL"), notice.text());
    }
}
