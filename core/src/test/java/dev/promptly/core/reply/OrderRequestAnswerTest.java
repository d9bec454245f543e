package dev.promptly.core.reply;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.promptly.core.ShopDomain;
import dev.promptly.core.reply.OrderRequestAnswer.ChangeStage;
import dev.promptly.core.reply.OrderRequestAnswer.RefundStage;
import dev.promptly.core.reply.OrderRequestAnswer.ReturnPolicy;
import dev.promptly.core.reply.OrderRequestAnswer.ReturnStage;
import dev.promptly.core.shopify.CustomerContact;
import dev.promptly.core.shopify.Order;
import dev.promptly.core.shopify.Refund;
import dev.promptly.core.wismo.Intent;
import dev.promptly.core.wismo.OrderReport;
import dev.promptly.core.wismo.ShipmentReport;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/** The answer to refund, return, change and invoice requests: facts in, decision out, at every edge. */
class OrderRequestAnswerTest {
    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    private static final Instant NOW = Instant.parse("2026-11-30T10:00:00Z");
    private static final ReturnPolicy FOURTEEN_DAYS = new ReturnPolicy(OptionalInt.of(14), "https://shop.example/returns");
    private static final String STATUS_URL = "https://shop.example/orders/abc";

    private static Order order(String financialStatus, String fulfillmentStatus, Instant cancelledAt, List<Refund> refunds, String name) {
        return new Order(new ShopDomain("acme.myshopify.com"), "1", name, NOW, NOW, financialStatus, fulfillmentStatus, cancelledAt, null,
                null, CustomerContact.NONE, "DE", List.of(), List.of(), "59.80", "EUR", List.of(), null, refunds, STATUS_URL);
    }

    private static Order paid() {
        return order("paid", null, null, List.of(), "#1001");
    }

    private static OrderReport report(OrderReport.Stage stage, Instant... deliveredAt) {
        List<ShipmentReport> shipments = java.util.Arrays.stream(deliveredAt)
                .map(at -> new ShipmentReport("DHL", "0034", null, ShipmentReport.State.DELIVERED, null, at)).toList();
        return new OrderReport("1", "#1001", stage, shipments, null, false);
    }

    private static final OrderReport NOT_SHIPPED = report(OrderReport.Stage.NOT_SHIPPED);

    private static Optional<OrderRequestAnswer> decide(Intent intent, Order order, OrderReport report, Instant now) {
        return OrderRequestAnswer.decide(intent, order, report, FOURTEEN_DAYS, now, BERLIN, null);
    }

    @Test
    void refundsWithMoneyAreListedAndTheStageFollowsShopifysFinancialStatus() {
        var refund = new Refund("9", Instant.parse("2026-11-25T13:00:00Z"), new BigDecimal("9.90"), "EUR");
        var restockOnly = new Refund("10", Instant.parse("2026-11-26T13:00:00Z"), null, null);

        var state = decide(Intent.REFUND, order("partially_refunded", null, null, List.of(refund, restockOnly), "#1001"), NOT_SHIPPED, NOW)
                .orElseThrow().refund().orElseThrow();

        assertEquals(RefundStage.PARTIALLY_REFUNDED, state.stage());
        assertEquals(List.of(refund), state.refunds());
        assertEquals(RefundStage.REFUNDED, decide(Intent.REFUND, order("refunded", null, null, List.of(refund), "#1001"), NOT_SHIPPED, NOW)
                .orElseThrow().refund().orElseThrow().stage());
        assertEquals(RefundStage.VOIDED, decide(Intent.REFUND, order("voided", null, null, List.of(), "#1001"), NOT_SHIPPED, NOW)
                .orElseThrow().refund().orElseThrow().stage());
        assertEquals(RefundStage.NONE_YET, decide(Intent.REFUND, paid(), NOT_SHIPPED, NOW).orElseThrow().refund().orElseThrow().stage());
    }

    @Test
    void aRefundStoredBeforeTheStatusCaughtUpCountsAsPartial() {
        var refund = new Refund("9", Instant.parse("2026-11-25T13:00:00Z"), new BigDecimal("9.90"), "EUR");

        var state = decide(Intent.REFUND, order("paid", null, null, List.of(refund), "#1001"), NOT_SHIPPED, NOW).orElseThrow().refund().orElseThrow();

        assertEquals(RefundStage.PARTIALLY_REFUNDED, state.stage());
    }

    @Test
    void theReturnWindowCountsFromTheLastParcelsDeliveryDayInTheShopsZoneAndIncludesItsLastDay() {
        // The second parcel came at 23:30 UTC on the 26th: the 27th in Berlin, so the window ends on 11 December.
        var delivered = report(OrderReport.Stage.DELIVERED, Instant.parse("2026-11-25T10:00:00Z"), Instant.parse("2026-11-26T23:30:00Z"));

        var lastDay = decide(Intent.RETURN, paid(), delivered, Instant.parse("2026-12-11T22:59:00Z")).orElseThrow().returns().orElseThrow();
        var dayAfter = decide(Intent.RETURN, paid(), delivered, Instant.parse("2026-12-11T23:00:00Z")).orElseThrow().returns().orElseThrow();

        assertEquals(ReturnStage.OPEN, lastDay.stage());
        assertEquals(LocalDate.of(2026, 11, 27), lastDay.deliveredOn());
        assertEquals(LocalDate.of(2026, 12, 11), lastDay.lastDay());
        assertEquals("https://shop.example/returns", lastDay.link());
        assertEquals(ReturnStage.CLOSED, dayAfter.stage());
    }

    @Test
    void beforeDeliveryTheWindowStartsOnDeliveryAndWithoutAPolicyOnlyTheLinkIsGiven() {
        var shipped = report(OrderReport.Stage.SHIPPED);

        var waiting = decide(Intent.RETURN, paid(), shipped, NOW).orElseThrow().returns().orElseThrow();
        var unstated = OrderRequestAnswer.decide(Intent.RETURN, paid(), report(OrderReport.Stage.DELIVERED, NOW), new ReturnPolicy(OptionalInt.empty(),
                "https://shop.example/returns"), NOW, BERLIN, null).orElseThrow().returns().orElseThrow();

        assertEquals(ReturnStage.STARTS_ON_DELIVERY, waiting.stage());
        assertEquals(ReturnStage.NOT_STATED, unstated.stage());
        assertEquals("https://shop.example/returns", unstated.link());
    }

    @Test
    void aChangeIsPossibleOnlyUntilSomethingShipsAndOnlyThenUrgent() {
        var possible = decide(Intent.CANCELLATION, paid(), NOT_SHIPPED, NOW).orElseThrow();
        var partial = decide(Intent.ADDRESS_CHANGE, order("paid", "partial", null, List.of(), "#1001"), NOT_SHIPPED, NOW).orElseThrow();
        var shipped = decide(Intent.ADDRESS_CHANGE, paid(), report(OrderReport.Stage.SHIPPED, NOW), NOW).orElseThrow();
        var cancelled = decide(Intent.CANCELLATION, order("voided", null, NOW, List.of(), "#1001"), report(OrderReport.Stage.CANCELLED), NOW)
                .orElseThrow();

        assertEquals(ChangeStage.STILL_POSSIBLE, possible.change().orElseThrow().stage());
        assertTrue(possible.urgent());
        assertEquals(ChangeStage.ALREADY_SHIPPED, partial.change().orElseThrow().stage());
        assertEquals(ChangeStage.ALREADY_SHIPPED, shipped.change().orElseThrow().stage());
        assertFalse(shipped.urgent());
        assertEquals(ChangeStage.ALREADY_CANCELLED, cancelled.change().orElseThrow().stage());
        assertFalse(cancelled.urgent());
    }

    @Test
    void anInvoiceQuestionGetsTheStatusPageOrNothingWithoutOne() {
        Order withoutPage = new Order(new ShopDomain("acme.myshopify.com"), "1", "#1001", NOW, NOW, "paid", null, null, null, null,
                CustomerContact.NONE, "DE", List.of(), List.of(), "59.80", "EUR", List.of(), null);

        assertEquals(STATUS_URL, decide(Intent.INVOICE, paid(), NOT_SHIPPED, NOW).orElseThrow().statusUrl());
        assertEquals(Optional.empty(), decide(Intent.INVOICE, withoutPage, NOT_SHIPPED, NOW));
    }

    @Test
    void otherIntentsAndOrdersWithoutANameGetNoAnswer() {
        for (Intent intent : List.of(Intent.WISMO, Intent.PRE_PURCHASE, Intent.COMPLAINT, Intent.OTHER)) {
            assertEquals(Optional.empty(), decide(intent, paid(), NOT_SHIPPED, NOW), intent.wire());
        }
        assertEquals(Optional.empty(), decide(Intent.REFUND, order("paid", null, null, List.of(), null), NOT_SHIPPED, NOW));
    }

    @Test
    void withoutANumberTheOrderMeantIsTheOnlyOneOrForAChangeTheOnlyUnshippedOne() {
        var open = new OrderReport("1", "#1001", OrderReport.Stage.NOT_SHIPPED, List.of(), null, false);
        var delivered = new OrderReport("2", "#1002", OrderReport.Stage.DELIVERED, List.of(), null, false);
        var alsoOpen = new OrderReport("3", "#1003", OrderReport.Stage.NOT_SHIPPED, List.of(), null, false);

        assertEquals(Optional.of("2"), OrderRequestAnswer.orderMeant(Intent.RETURN, List.of(delivered)));
        assertEquals(Optional.empty(), OrderRequestAnswer.orderMeant(Intent.RETURN, List.of(open, delivered)));
        assertEquals(Optional.of("1"), OrderRequestAnswer.orderMeant(Intent.CANCELLATION, List.of(open, delivered)));
        assertEquals(Optional.empty(), OrderRequestAnswer.orderMeant(Intent.ADDRESS_CHANGE, List.of(open, alsoOpen)));
        assertEquals(Optional.empty(), OrderRequestAnswer.orderMeant(Intent.REFUND, List.of()));
        assertEquals(Optional.empty(), OrderRequestAnswer.orderMeant(Intent.COMPLAINT, List.of(delivered)));
    }

    @Test
    void theShopsNoteIsCarriedAndRenderedWithAmountsInTheReadersStyle() {
        var refund = new Refund("9", Instant.parse("2026-11-25T13:00:00Z"), new BigDecimal("1234.5"), "EUR");
        var answer = OrderRequestAnswer.decide(Intent.REFUND, order("refunded", null, null, List.of(refund), "#1001"), NOT_SHIPPED,
                FOURTEEN_DAYS, NOW, BERLIN, "Refunds reach your card within 5 days.").orElseThrow();

        assertEquals("1.234,50 EUR", LocalizedDates.amount(refund.amount(), refund.currency(), "de"));
        assertEquals("1,234.50 EUR", LocalizedDates.amount(refund.amount(), refund.currency(), "en"));
        assertEquals("Refunds reach your card within 5 days.", answer.note());
    }
}
