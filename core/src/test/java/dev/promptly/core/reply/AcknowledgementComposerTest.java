package dev.promptly.core.reply;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.promptly.core.message.ConversationId;
import dev.promptly.core.wismo.OrderReport;
import dev.promptly.core.wismo.ShipmentReport;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AcknowledgementComposerTest {
    private static final AcknowledgementComposer COMPOSER = new AcknowledgementComposer(new MessageTemplates("ack", List.of("de", "en")),
            new MessageTemplates("wismo", List.of("de", "en")));
    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    private static final ConversationId ID = new ConversationId("7K3M9QX2AB");

    private static AcknowledgementFacts facts(String language, String name, ReplyPromise promise, Optional<OrderReport> order,
                                              List<AcknowledgementFacts.HelpLink> links) {
        return new AcknowledgementFacts(language, "Demo Shop", ID, name, promise, BERLIN, order, links, true, Optional.empty());
    }

    @Test
    void germanAcknowledgementInsideHoursPromisesTheDueTimeInTheCustomersWords() {
        var promise = new ReplyPromise(Instant.parse("2026-11-30T09:00:00Z"), true, Instant.parse("2026-11-30T08:00:00Z"));

        RenderedMessage ack = COMPOSER.compose(facts("de", "Anna", promise, Optional.empty(), List.of()));

        assertEquals("[PR-7K3M9QX2AB] Wir haben Ihre Nachricht erhalten – Antwort bis Montag, 30. November 2026, 10:00 Uhr (MEZ)",
                ack.subject());
        assertTrue(ack.text().startsWith("Hallo Anna,\n\nvielen Dank für Ihre Nachricht an Demo Shop."), ack.text());
        assertTrue(ack.text().contains("Unser Team ist gerade im Dienst. Sie erhalten bis spätestens Montag, 30. November 2026, 10:00 Uhr (MEZ)"),
                ack.text());
        assertFalse(ack.text().contains("nicht im Dienst"), ack.text());
        assertTrue(ack.html().contains("<strong>PR-7K3M9QX2AB</strong>"), ack.html());
    }

    @Test
    void englishAcknowledgementOutsideHoursSaysWhenTheTeamIsBack() {
        var promise = new ReplyPromise(Instant.parse("2026-11-30T12:00:00Z"), false, Instant.parse("2026-11-30T08:00:00Z"));

        RenderedMessage ack = COMPOSER.compose(facts("en", null, promise, Optional.empty(), List.of()));

        assertTrue(ack.text().startsWith("Hello,\n"), ack.text());
        assertTrue(ack.text().contains("Our team is away right now and back on Monday, 30 November 2026, 09:00 (CET). "
                + "You will get a personal reply by Monday, 30 November 2026, 13:00 (CET) at the latest."), ack.text());
    }

    @Test
    void orderStatusAndHelpLinksAppearWhenKnown() {
        var promise = new ReplyPromise(Instant.parse("2026-11-30T12:00:00Z"), true, Instant.parse("2026-11-30T08:00:00Z"));
        var order = new OrderReport("5001001", "#1001", OrderReport.Stage.SHIPPED, List.of(new ShipmentReport("DHL", "00340434161094042557",
                "https://www.dhl.de/de/privatkunden.html?piececode=00340434161094042557", ShipmentReport.State.IN_TRANSIT,
                Instant.parse("2026-12-02T12:00:00Z"), null)), null, false);
        var links = List.of(new AcknowledgementFacts.HelpLink("shipping", "https://demo-shop.example/pages/versand"));

        RenderedMessage ack = COMPOSER.compose(facts("de", "Anna", promise, Optional.of(order), links));

        assertTrue(ack.text().contains("Ihre Bestellung #1001:\nSie ist versandt.\n- Paket mit DHL, Sendungsnummer 00340434161094042557, "
                + "voraussichtlich am Mittwoch, 2. Dezember 2026\n  Sendungsverfolgung: https://www.dhl.de/de/privatkunden.html?piececode=00340434161094042557"),
                ack.text());
        assertTrue(ack.text().contains("- Versand und Lieferung: https://demo-shop.example/pages/versand"), ack.text());
        // "=" is escaped too; a browser reads the attribute back to the same URL.
        assertTrue(ack.html().contains("<a href=\"https://www.dhl.de/de/privatkunden.html?piececode&#x3D;00340434161094042557\">"), ack.html());
    }

    @Test
    void customerSuppliedValuesAreEscapedForEachPart() {
        var promise = new ReplyPromise(Instant.parse("2026-11-30T12:00:00Z"), true, Instant.parse("2026-11-30T08:00:00Z"));

        RenderedMessage ack = COMPOSER.compose(facts("en", "<script>alert(1)</script>\r\nBcc: x@evil.example {{ticket}}", promise,
                Optional.empty(), List.of()));

        assertFalse(ack.html().contains("<script>"), ack.html());
        assertTrue(ack.html().contains("&lt;script&gt;"), ack.html());
        assertFalse(ack.text().contains("\r"), ack.text());
        assertTrue(ack.text().contains("Bcc: x@evil.example {{ticket}},"), "values are never evaluated as templates: " + ack.text());
    }

    @Test
    void aMissingRequiredValueRefusesTheWholeMessage() {
        var promise = new ReplyPromise(Instant.parse("2026-11-30T12:00:00Z"), true, Instant.parse("2026-11-30T08:00:00Z"));
        var noShopName = new AcknowledgementFacts("de", null, ID, "Anna", promise, BERLIN, Optional.empty(), List.of(), true, Optional.empty());

        var e = assertThrows(MissingTemplateValueException.class, () -> COMPOSER.compose(noShopName));

        assertEquals("shop_name", e.variable());
    }

    @Test
    void replyLanguagePrefersTheOrderLocaleThenTheTextThenTheShopDefault() {
        var templates = java.util.Set.of("de", "en");

        assertEquals("en", ReplyLanguage.choose("en-US", Optional.of("de"), List.of("de", "en"), templates));
        assertEquals("en", ReplyLanguage.choose(null, Optional.of("en"), List.of("de", "en"), templates));
        assertEquals("de", ReplyLanguage.choose("fr", Optional.empty(), List.of("de", "en"), templates));
        assertEquals("de", ReplyLanguage.choose(null, Optional.of("en"), List.of("de"), templates));
        assertEquals("en", ReplyLanguage.choose(null, Optional.empty(), List.of("fr"), templates));
    }
}
