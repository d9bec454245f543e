package dev.promptly.core.reply;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.promptly.core.message.ConversationId;
import dev.promptly.core.reply.OrderRequestAnswer.Change;
import dev.promptly.core.reply.OrderRequestAnswer.ChangeStage;
import dev.promptly.core.reply.OrderRequestAnswer.RefundStage;
import dev.promptly.core.reply.OrderRequestAnswer.RefundState;
import dev.promptly.core.reply.OrderRequestAnswer.ReturnStage;
import dev.promptly.core.reply.OrderRequestAnswer.ReturnWindow;
import dev.promptly.core.shopify.Refund;
import dev.promptly.core.wismo.Intent;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/** Each request answer in both languages, in the text and the HTML part of the acknowledgement. */
class OrderRequestRenderingTest {
    private static final AcknowledgementComposer COMPOSER = new AcknowledgementComposer(new MessageTemplates("ack", List.of("de", "en")),
            new MessageTemplates("wismo", List.of("de", "en")));
    private static final ReplyPromise PROMISE = new ReplyPromise(Instant.parse("2026-11-30T12:00:00Z"), true, Instant.parse("2026-11-30T08:00:00Z"));

    private static RenderedMessage render(String language, OrderRequestAnswer answer) {
        return COMPOSER.compose(new AcknowledgementFacts(language, "Demo Shop", new ConversationId("7K3M9QX2AB"), null, PROMISE,
                ZoneId.of("Europe/Berlin"), Optional.empty(), List.of(), true, Optional.empty(), Optional.of(answer)));
    }

    private static OrderRequestAnswer answer(Intent intent, RefundState refund, ReturnWindow window, Change change, String url, String note) {
        return new OrderRequestAnswer(intent, "#1001", Optional.ofNullable(refund), Optional.ofNullable(window), Optional.ofNullable(change), url,
                note);
    }

    private static void assertBoth(RenderedMessage message, String text, String html) {
        assertTrue(message.text().contains(text), message.text());
        assertTrue(message.html().contains(html), message.html());
    }

    @Test
    void aRefundListsEachAmountWithItsDayInBothLanguages() {
        var refund = new RefundState(RefundStage.REFUNDED, List.of(new Refund("9", Instant.parse("2026-11-25T13:00:00Z"), new BigDecimal("59.8"), "EUR")));
        var answer = answer(Intent.REFUND, refund, null, null, null, null);

        assertBoth(render("en", answer), "Your order #1001: the full amount has been refunded.\n- 59.80 EUR, refunded on Wednesday, 25 November 2026",
                "<li>59.80 EUR, refunded on Wednesday, 25 November 2026</li>");
        assertBoth(render("de", answer), "Ihre Bestellung #1001: Der gesamte Betrag wurde erstattet.\n- 59,80 EUR, erstattet am Mittwoch, 25. November 2026",
                "<li>59,80 EUR, erstattet am Mittwoch, 25. November 2026</li>");
    }

    @Test
    void aReturnGivesTheLastDayAndTheLinkInBothLanguages() {
        var window = new ReturnWindow(ReturnStage.OPEN, OptionalInt.of(30), LocalDate.of(2026, 11, 26), LocalDate.of(2026, 12, 26),
                "https://demo-shop.example/returns");
        var answer = answer(Intent.RETURN, null, window, null, null, null);

        assertBoth(render("en", answer), "you can return it until Saturday, 26 December 2026 (30 days from delivery on Thursday, 26 November 2026).\n"
                + "Start your return here: https://demo-shop.example/returns", "<a href=\"https://demo-shop.example/returns\">Start your return</a>");
        assertBoth(render("de", answer), "Sie können sie bis Samstag, 26. Dezember 2026 zurücksenden",
                "<a href=\"https://demo-shop.example/returns\">Rücksendung starten</a>");
    }

    @Test
    void aChangeSaysWhetherItIsStillPossibleForItsKindInBothLanguages() {
        var cancel = answer(Intent.CANCELLATION, null, null, new Change(ChangeStage.STILL_POSSIBLE), null, null);
        var address = answer(Intent.ADDRESS_CHANGE, null, null, new Change(ChangeStage.ALREADY_SHIPPED), null, null);

        assertBoth(render("en", cancel), "it has not shipped yet, so it can still be cancelled. Our team is dealing with it as a priority",
                "It has not shipped yet, so it can still be cancelled.");
        assertBoth(render("de", address), "Sie hat unser Lager bereits verlassen, daher können wir die Lieferadresse nicht mehr ändern",
                "daher können wir die Lieferadresse nicht mehr ändern");
        assertFalse(render("en", address).text().contains("cancelled"), render("en", address).text());
    }

    @Test
    void anInvoiceLinksTheStatusPageAndTheShopsNoteIsEscapedInHtml() {
        var answer = answer(Intent.INVOICE, null, null, null, "https://demo-shop.example/orders/abc?key=k&x=1", "Rechnungen <b>als PDF</b>");

        assertBoth(render("de", answer), "Ihre Rechnung zur Bestellung #1001 finden Sie auf Ihrer Bestellstatus-Seite: https://demo-shop.example/orders/abc?key=k&x=1",
                "<a href=\"https://demo-shop.example/orders/abc?key&#x3D;k&amp;x&#x3D;1\">Bestellstatus-Seite</a>");
        assertBoth(render("en", answer), "Your invoice for order #1001 is on your order status page:", "<p>Rechnungen &lt;b&gt;als PDF&lt;/b&gt;</p>");
    }
}
