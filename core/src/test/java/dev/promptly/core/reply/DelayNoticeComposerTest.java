package dev.promptly.core.reply;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.promptly.core.delay.DelayStage;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;

class DelayNoticeComposerTest {
    static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    private final DelayNoticeComposer composer = new DelayNoticeComposer(new MessageTemplates("delay_notice", List.of("de", "en")));

    private static DelayNoticeFacts facts(String language, String orderName, boolean repeat, DelayNoticeFacts.Line... lines) {
        return new DelayNoticeFacts(language, "Demo Shop", orderName, "Anna", BERLIN, List.of(lines), repeat,
                "hilfe@demo-shop.example", null);
    }

    private static DelayNoticeFacts.Line parcel(DelayStage stage, Instant newExpectation, String carrier, String url) {
        return new DelayNoticeFacts.Line(stage, null, newExpectation, carrier, "00340434161234567890", url);
    }

    @Test
    void aStalledParcelSaysWhatIsLateTheNewExpectationTheTrackingLinkAndHowToReachAPerson() {
        RenderedMessage m = composer.compose(facts("en", "#1001", false, parcel(DelayStage.TRACKING_STALLED,
                Instant.parse("2026-12-02T12:00:00Z"), "DHL", "https://track.example/00340434161234567890")));

        assertEquals("Your order #1001 is delayed", m.subject());
        assertTrue(m.text().contains("Your parcel with DHL (tracking number 00340434161234567890) is on its way, but its tracking has not moved"), m.text());
        assertTrue(m.text().contains("It is now expected on Wednesday, 2 December 2026."), m.text());
        assertTrue(m.text().contains("Track it: https://track.example/00340434161234567890"), m.text());
        assertTrue(m.text().contains("simply reply to this e-mail or write to hilfe@demo-shop.example, and a person from our team will answer"), m.text());
        assertTrue(m.html().contains("<a href=\"https://track.example/00340434161234567890\">Track it</a>"), m.html());
    }

    @Test
    void eachStageHasItsOwnSentenceInBothLanguages() {
        for (String language : List.of("de", "en")) {
            for (DelayStage stage : DelayStage.values()) {
                var line = stage == DelayStage.NOT_SHIPPED
                        ? new DelayNoticeFacts.Line(stage, Instant.parse("2026-11-25T23:00:00Z"), null, null, null, null)
                        : parcel(stage, null, "DHL", null);
                RenderedMessage m = composer.compose(facts(language, "#1001", false, line));
                assertTrue(m.text().lines().filter(l -> !l.isBlank()).count() >= 5, language + " " + stage + ": " + m.text());
                assertFalse(m.text().contains("{{"), m.text());
            }
        }
    }

    @Test
    void theShipByDayIsTheLastDayOfThePromiseNotTheMidnightAfterIt() {
        RenderedMessage m = composer.compose(facts("de", "#1001", false,
                new DelayNoticeFacts.Line(DelayStage.NOT_SHIPPED, Instant.parse("2026-11-25T23:00:00Z"), null, null, null, null)));

        assertTrue(m.text().contains("bis Mittwoch, 25. November 2026 zugesagt"), m.text());
    }

    @Test
    void aRepeatSaysItIsStillDelayed() {
        RenderedMessage m = composer.compose(facts("de", "#1001", true, parcel(DelayStage.CARRIER_EXCEPTION, null, "DHL", null)));

        assertEquals("Neuigkeiten zu Ihrer Bestellung #1001: weiterhin verspätet", m.subject());
        assertTrue(m.text().contains("Sie verspätet sich weiterhin"), m.text());
    }

    @Test
    void aNoticeWithoutTheOrdersNameIsRefused() {
        var e = assertThrows(MissingTemplateValueException.class,
                () -> composer.compose(facts("en", null, false, parcel(DelayStage.NO_CARRIER_SCAN, null, null, null))));

        assertEquals("order_name", e.variable());
    }

    @Test
    void carrierTextIsEscapedInHtmlAndCannotBreakTheSubject() {
        RenderedMessage m = composer.compose(facts("en", "#1001\r\nBcc: x@example.com", false,
                parcel(DelayStage.PAST_EXPECTED_DELIVERY, null, "<script>alert(1)</script>", null)));

        assertFalse(m.html().contains("<script>"), m.html());
        assertTrue(m.html().contains("&lt;script&gt;"), m.html());
        assertFalse(m.subject().contains("\n") || m.subject().contains("\r"), m.subject());
    }

    private static DelayNoticeFacts withCode(String language, DelayNoticeFacts.Goodwill code) {
        return new DelayNoticeFacts(language, "Demo Shop", "#1001", "Anna", BERLIN, List.of(new DelayNoticeFacts.Line(DelayStage.NOT_SHIPPED,
                Instant.parse("2026-11-25T23:00:00Z"), null, null, null, null)), false, "hilfe@demo-shop.example", null, code);
    }

    @Test
    void anEnglishNoticeNamesTheCodeItsPercentageMinimumAndLastDay() {
        var code = new DelayNoticeFacts.Goodwill("SORRY-7KQ2M4XD", new java.math.BigDecimal("10"), null, "EUR",
                new java.math.BigDecimal("20.00"), Instant.parse("2027-01-06T08:00:00Z"));

        RenderedMessage m = composer.compose(withCode("en", code));

        assertTrue(m.text().contains("here is a code for 10% off your next order of 20.00 EUR or more: SORRY-7KQ2M4XD\n"
                + "It can be used once, until Wednesday, 6 January 2027."), m.text());
        assertTrue(m.html().contains("<strong>SORRY-7KQ2M4XD</strong>"), m.html());
    }

    @Test
    void aGermanNoticeNamesTheCodeAndItsAmountAsGermansWriteIt() {
        var code = new DelayNoticeFacts.Goodwill("SORRY-7KQ2M4XD", null, new java.math.BigDecimal("5.00"), "EUR", null,
                Instant.parse("2027-01-06T08:00:00Z"));

        RenderedMessage m = composer.compose(withCode("de", code));

        assertTrue(m.text().contains("schenken wir Ihnen 5,00 EUR Rabatt auf Ihre nächste Bestellung, mit dem Code: SORRY-7KQ2M4XD\n"
                + "Er gilt einmal, bis Mittwoch, 6. Januar 2027."), m.text());
        assertTrue(m.html().contains("5,00 EUR Rabatt") && m.html().contains("<strong>SORRY-7KQ2M4XD</strong>"), m.html());
    }

    @Test
    void aNoticeWithoutACodeSaysNothingOfOne() {
        RenderedMessage en = composer.compose(withCode("en", null));
        RenderedMessage de = composer.compose(withCode("de", null));

        assertFalse(en.text().contains("code"), en.text());
        assertFalse(de.text().contains("Code"), de.text());
        assertFalse(en.html().contains("<strong>SORRY"), en.html());
    }
}
