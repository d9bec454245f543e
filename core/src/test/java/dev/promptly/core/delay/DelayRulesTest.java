package dev.promptly.core.delay;

import static dev.promptly.core.delay.DelayFixtures.CALENDAR;
import static dev.promptly.core.delay.DelayFixtures.aFulfillment;
import static dev.promptly.core.delay.DelayFixtures.anOrder;
import static dev.promptly.core.delay.DelayFixtures.berlin;
import static dev.promptly.core.delay.DelayFixtures.policy;
import static dev.promptly.core.delay.DelayFixtures.policyWithCutoff;
import static dev.promptly.core.delay.DelayFixtures.policyWithShipping;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.promptly.core.shopify.Order;
import java.time.Instant;
import java.time.LocalTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The delay rules at their edges. The shop (see {@link DelayFixtures}) opens Monday to Friday; Friday
 * 3 October 2025 is a holiday, so an order of Wednesday 1 October with two handling days must ship by
 * Monday 6 October.
 */
class DelayRulesTest {
    private final DelayRules rules = new DelayRules();

    private DelayAssessment assess(Order order, DelayPolicy policy, Instant now) {
        return rules.assess(order, policy, CALENDAR, now);
    }

    private static List<DelayStage> stages(DelayAssessment assessment) {
        return assessment.delays().stream().map(Delay::stage).toList();
    }

    private static Delay only(DelayAssessment assessment, DelayStage stage) {
        List<Delay> found = assessment.delays().stream().filter(d -> d.stage() == stage).toList();
        assertEquals(1, found.size(), assessment.toString());
        return found.get(0);
    }

    // --- not shipped by the promised date

    @Test
    void anUnshippedOrderIsNotLateOneMinuteBeforeTheEndOfItsShipDay() {
        Order order = anOrder().placedAt(berlin("2025-10-01T10:00")).build();

        DelayAssessment assessment = assess(order, policy(), berlin("2025-10-06T23:59"));

        assertEquals(List.of(), assessment.delays());
        assertTrue(assessment.notifiable());
        assertEquals(berlin("2025-10-07T00:00"), assessment.nextCheckAt());
    }

    @Test
    void anUnshippedOrderIsLateOneMinuteAfterItsShipDayEndedAcrossHolidayAndWeekend() {
        Order order = anOrder().placedAt(berlin("2025-10-01T10:00")).build();

        DelayAssessment assessment = assess(order, policy(), berlin("2025-10-07T00:01"));

        assertEquals(List.of(new Delay("1001", DelayStage.NOT_SHIPPED, null, berlin("2025-10-07T00:00"), null)),
                assessment.delays());
        assertEquals("1001#not_shipped", assessment.delays().get(0).key());
    }

    @Test
    void aLateNoticeFoundAtNightIsCheckedAgainWhenTheSendWindowOpens() {
        Order order = anOrder().placedAt(berlin("2025-10-01T10:00")).build();

        DelayAssessment assessment = assess(order, policy(), berlin("2025-10-07T00:01"));

        assertEquals(berlin("2025-10-07T08:00"), assessment.nextCheckAt());
    }

    @Test
    void aCurrentDelayInsideTheSendWindowIsCheckedAgainWhenARepeatMayBeDue() {
        Order order = anOrder().placedAt(berlin("2025-10-01T10:00")).build();

        DelayAssessment assessment = assess(order, policy(), berlin("2025-10-07T10:00"));

        assertEquals(List.of(DelayStage.NOT_SHIPPED), stages(assessment));
        assertEquals(berlin("2025-10-10T00:00"), assessment.nextCheckAt());
    }

    @Test
    void theShipDeadlineIsTheEndOfTheShipDayInTheShopsZoneAcrossTheDaylightSavingChange() {
        Order order = anOrder().placedAt(berlin("2025-10-23T10:00")).build();

        Instant deadline = rules.shipDeadline(order, policy(), CALENDAR);

        // Thursday + 2 business days = Monday 27 October; its end is midnight CET, after the clocks went back.
        assertEquals(Instant.parse("2025-10-27T23:00:00Z"), deadline);
    }

    @Test
    void anOrderBeforeTheCutOffCountsFromItsOwnDay() {
        Order order = anOrder().placedAt(berlin("2025-10-01T13:59")).build();

        Instant deadline = rules.shipDeadline(order, policyWithCutoff(LocalTime.of(14, 0)), CALENDAR);

        assertEquals(berlin("2025-10-07T00:00"), deadline);
    }

    @Test
    void anOrderAtOrAfterTheCutOffCountsFromTheNextBusinessDay() {
        DelayPolicy cutoff = policyWithCutoff(LocalTime.of(14, 0));

        Instant atCutoff = rules.shipDeadline(anOrder().placedAt(berlin("2025-10-01T14:00")).build(), cutoff, CALENDAR);
        Instant after = rules.shipDeadline(anOrder().placedAt(berlin("2025-10-01T14:01")).build(), cutoff, CALENDAR);

        // Counting starts Thursday: Monday (1, Friday is a holiday), Tuesday (2).
        assertEquals(berlin("2025-10-08T00:00"), atCutoff);
        assertEquals(berlin("2025-10-08T00:00"), after);
    }

    @Test
    void anOrderAfterTheCutOffBeforeAHolidayCountsFromTheNextOpenDay() {
        Order order = anOrder().placedAt(berlin("2025-10-02T14:01")).build();

        Instant deadline = rules.shipDeadline(order, policyWithCutoff(LocalTime.of(14, 0)), CALENDAR);

        // Counting starts Monday 6 October; + 2 business days is Wednesday 8.
        assertEquals(berlin("2025-10-09T00:00"), deadline);
    }

    @Test
    void anOrderOnAClosedDayCountsFromTheNextBusinessDay() {
        Instant saturday = rules.shipDeadline(anOrder().placedAt(berlin("2025-10-04T11:00")).build(), policy(), CALENDAR);
        Instant holiday = rules.shipDeadline(anOrder().placedAt(berlin("2025-10-03T09:30")).build(), policy(), CALENDAR);

        assertEquals(berlin("2025-10-09T00:00"), saturday);
        assertEquals(berlin("2025-10-09T00:00"), holiday);
    }

    @Test
    void aShippingMethodOverrideMatchesTheCodeWithoutCase() {
        Order order = anOrder().placedAt(berlin("2025-10-01T10:00")).shippedWith("DHL Paket", "EXPRESS").build();

        DelayAssessment before = assess(order, policyWithShipping(Map.of("express", 1)), berlin("2025-10-02T23:59"));
        DelayAssessment after = assess(order, policyWithShipping(Map.of("express", 1)), berlin("2025-10-03T00:01"));

        assertEquals(List.of(), before.delays());
        assertEquals(berlin("2025-10-03T00:00"), only(after, DelayStage.NOT_SHIPPED).since());
    }

    @Test
    void aShippingMethodOverrideMatchesTheTitleAndOtherMethodsKeepTheShopDefault() {
        DelayPolicy policy = policyWithShipping(Map.of("Express", 1));
        Order express = anOrder().shippedWith("express", null).build();
        Order standard = anOrder().shippedWith("Standard", "standard").build();

        assertEquals(berlin("2025-10-03T00:00"), rules.shipDeadline(express, policy, CALENDAR));
        assertEquals(berlin("2025-10-07T00:00"), rules.shipDeadline(standard, policy, CALENDAR));
    }

    @Test
    void aLateOrderThatShipsBeforeTheCheckHasNoNotShippedDelay() {
        Order order = anOrder().placedAt(berlin("2025-10-01T10:00"))
                .with(aFulfillment("f1").labelCreatedAt(berlin("2025-10-07T09:00"), "label_printed"))
                .fulfillmentStatus("fulfilled").build();

        DelayAssessment assessment = assess(order, policy(), berlin("2025-10-07T10:00"));

        assertEquals(List.of(), assessment.delays());
        assertEquals(berlin("2025-10-09T09:00"), assessment.nextCheckAt());
    }

    @Test
    void aPartiallyFulfilledOrderIsLateForItsUnshippedPart() {
        Order order = anOrder().placedAt(berlin("2025-10-01T10:00"))
                .with(aFulfillment("f1").shippedAt(berlin("2025-10-06T09:00")).event("in_transit", berlin("2025-10-06T12:00")))
                .fulfillmentStatus("partial").build();

        DelayAssessment assessment = assess(order, policy(), berlin("2025-10-07T10:00"));

        assertEquals(List.of(DelayStage.NOT_SHIPPED), stages(assessment));
    }

    @Test
    void anOrderAwaitingPaymentIsNotLateToShip() {
        Order order = anOrder().placedAt(berlin("2025-10-01T10:00")).paid("pending").build();

        DelayAssessment assessment = assess(order, policy(), berlin("2025-10-10T10:00"));

        assertEquals(List.of(), assessment.delays());
        assertTrue(assessment.notifiable());
        assertNull(assessment.nextCheckAt());
    }

    // --- label without a carrier scan

    @Test
    void aLabelWithoutScanIsNotLateOneMinuteBeforeItsBusinessDaysHavePassed() {
        Order order = anOrder().with(aFulfillment("f1").labelCreatedAt(berlin("2025-10-02T16:00"), "label_printed")).build();

        DelayAssessment assessment = assess(order, policy(), berlin("2025-10-07T15:59"));

        assertEquals(List.of(), assessment.delays());
        assertEquals(berlin("2025-10-07T16:00"), assessment.nextCheckAt());
    }

    @Test
    void aLabelWithoutScanIsLateOneMinuteAfterItsBusinessDaysHavePassed() {
        Order order = anOrder().with(aFulfillment("f1").labelCreatedAt(berlin("2025-10-02T16:00"), "label_printed")).build();

        DelayAssessment assessment = assess(order, policy(), berlin("2025-10-07T16:01"));

        Delay delay = only(assessment, DelayStage.NO_CARRIER_SCAN);
        assertEquals(berlin("2025-10-07T16:00"), delay.since());
        assertEquals("f1", delay.fulfillmentId());
        assertEquals("1001#f1#no_carrier_scan", delay.key());
        assertEquals(List.of(DelayStage.NO_CARRIER_SCAN), stages(assessment));
    }

    @ParameterizedTest
    @ValueSource(strings = {"label_purchased", "confirmed"})
    void otherLabelStatusesAlsoMeanNoCarrierScan(String status) {
        Order order = anOrder().with(aFulfillment("f1").labelCreatedAt(berlin("2025-10-02T16:00"), status)).build();

        DelayAssessment assessment = assess(order, policy(), berlin("2025-10-07T16:01"));

        assertEquals(List.of(DelayStage.NO_CARRIER_SCAN), stages(assessment));
    }

    @Test
    void aParcelWithoutAnyTrackingStatusIsNeverCalledUnscannedOrStalled() {
        Order order = anOrder().shippingTo("FR").with(aFulfillment("f1").labelCreatedAt(berlin("2025-10-02T16:00"), null)).build();

        DelayAssessment assessment = assess(order, policy(), berlin("2025-10-09T10:00"));

        // Only the expected delivery can still fire: Thursday 2 + 5 business days (FR) = Friday 10.
        assertEquals(List.of(), assessment.delays());
        assertEquals(berlin("2025-10-11T00:00"), assessment.nextCheckAt());
    }

    // --- tracking stalled

    @Test
    void trackingIsNotStalledOneMinuteBeforeItsBusinessDaysHavePassed() {
        Order order = anOrder().with(aFulfillment("f1").shippedAt(berlin("2025-10-01T15:00"))
                .event("in_transit", berlin("2025-10-02T11:00")).estimatedDelivery(berlin("2025-10-20T12:00"))).build();

        DelayAssessment assessment = assess(order, policy(), berlin("2025-10-09T10:59"));

        assertEquals(List.of(), assessment.delays());
        assertEquals(berlin("2025-10-09T11:00"), assessment.nextCheckAt());
    }

    @Test
    void trackingIsStalledOneMinuteAfterItsBusinessDaysHavePassedAndTellsTheCarriersEstimate() {
        Order order = anOrder().with(aFulfillment("f1").shippedAt(berlin("2025-10-01T15:00"))
                .event("in_transit", berlin("2025-10-02T11:00")).estimatedDelivery(berlin("2025-10-20T12:00"))).build();

        DelayAssessment assessment = assess(order, policy(), berlin("2025-10-09T11:01"));

        assertEquals(List.of(new Delay("1001", DelayStage.TRACKING_STALLED, "f1", berlin("2025-10-09T11:00"),
                berlin("2025-10-20T12:00"))), assessment.delays());
    }

    // --- past the expected delivery

    @Test
    void aParcelIsNotPastItsEstimateBeforeTheEstimatedDayEnds() {
        Order order = anOrder().with(aFulfillment("f1").shippedAt(berlin("2025-10-02T09:00"))
                .event("in_transit", berlin("2025-10-06T08:00")).estimatedDelivery(berlin("2025-10-06T12:00"))).build();

        DelayAssessment assessment = assess(order, policy(), berlin("2025-10-06T23:59"));

        assertEquals(List.of(), assessment.delays());
        assertEquals(berlin("2025-10-07T00:00"), assessment.nextCheckAt());
    }

    @Test
    void aParcelIsPastItsEstimateOneMinuteAfterTheEstimatedDayEnded() {
        Order order = anOrder().with(aFulfillment("f1").shippedAt(berlin("2025-10-02T09:00"))
                .event("in_transit", berlin("2025-10-06T08:00")).estimatedDelivery(berlin("2025-10-06T12:00"))).build();

        DelayAssessment assessment = assess(order, policy(), berlin("2025-10-07T00:01"));

        assertEquals(List.of(new Delay("1001", DelayStage.PAST_EXPECTED_DELIVERY, "f1", berlin("2025-10-07T00:00"), null)),
                assessment.delays());
    }

    @Test
    void withoutAnEstimateTheExpectedDayIsTheShipDatePlusTransitDaysOfTheCountryOrTheDefault() {
        Instant now = berlin("2025-10-10T07:00");

        Instant germany = only(assess(shippedWednesdayTo("DE"), policy(), now), DelayStage.PAST_EXPECTED_DELIVERY).since();
        Instant austria = only(assess(shippedWednesdayTo("AT"), policy(), now), DelayStage.PAST_EXPECTED_DELIVERY).since();
        Instant france = only(assess(shippedWednesdayTo("FR"), policy(), now), DelayStage.PAST_EXPECTED_DELIVERY).since();

        // Wednesday 1 October + 2 business days (DE) = Monday 6, + 3 (AT) = Tuesday 7, + 5 (*) = Thursday 9.
        assertEquals(berlin("2025-10-07T00:00"), germany);
        assertEquals(berlin("2025-10-08T00:00"), austria);
        assertEquals(berlin("2025-10-10T00:00"), france);
    }

    @Test
    void transitDaysAreNotLateOneMinuteBeforeTheExpectedDayEnds() {
        DelayAssessment assessment = assess(shippedWednesdayTo("AT"), policy(), berlin("2025-10-07T23:59"));

        assertEquals(List.of(), assessment.delays());
        assertEquals(berlin("2025-10-08T00:00"), assessment.nextCheckAt());
    }

    @Test
    void aCarriersEstimateWinsOverTransitDays() {
        Order order = anOrder().shippingTo("DE").with(aFulfillment("f1").shippedAt(berlin("2025-10-01T15:00"))
                .event("in_transit", berlin("2025-10-06T08:00")).estimatedDelivery(berlin("2025-10-09T10:00"))).build();

        DelayAssessment assessment = assess(order, policy(), berlin("2025-10-08T12:00"));

        assertEquals(List.of(), assessment.delays());
        assertEquals(berlin("2025-10-10T00:00"), assessment.nextCheckAt());
    }

    private static Order shippedWednesdayTo(String country) {
        return anOrder().shippingTo(country).with(aFulfillment("f1").shippedAt(berlin("2025-10-01T15:00"))
                .event("in_transit", berlin("2025-10-06T08:00"))).build();
    }

    // --- carrier exceptions

    @ParameterizedTest
    @ValueSource(strings = {"failure", "attempted_delivery", "delayed", "returned_to_sender"})
    void eachCarrierExceptionIsADelaySinceItsEvent(String status) {
        Order order = anOrder().with(aFulfillment("f1").shippedAt(berlin("2025-10-06T09:00"))
                .event(status, berlin("2025-10-06T14:00"))).build();

        DelayAssessment assessment = assess(order, policy(), berlin("2025-10-06T15:00"));

        assertEquals(List.of(new Delay("1001", DelayStage.CARRIER_EXCEPTION, "f1", berlin("2025-10-06T14:00"), null)),
                assessment.delays());
    }

    @Test
    void aDelayedParcelTellsTheCarriersNewEstimate() {
        Order order = anOrder().with(aFulfillment("f1").shippedAt(berlin("2025-10-06T09:00"))
                .event("delayed", berlin("2025-10-06T14:00")).estimatedDelivery(berlin("2025-10-10T12:00"))).build();

        DelayAssessment assessment = assess(order, policy(), berlin("2025-10-06T15:00"));

        assertEquals(berlin("2025-10-10T12:00"), only(assessment, DelayStage.CARRIER_EXCEPTION).newExpectation());
    }

    @Test
    void anExceptionWithoutItsEventCountsFromTheFulfillmentsLastUpdate() {
        Order order = anOrder().with(aFulfillment("f1").shippedAt(berlin("2025-10-06T09:00"))
                .shipmentStatus("failure").updatedAt(berlin("2025-10-06T13:00"))).build();

        DelayAssessment assessment = assess(order, policy(), berlin("2025-10-06T15:00"));

        assertEquals(berlin("2025-10-06T13:00"), only(assessment, DelayStage.CARRIER_EXCEPTION).since());
    }

    // --- finished orders

    @Test
    void aCancelledLateOrderIsNotNotifiableAndNeedsNoChecks() {
        Order order = anOrder().placedAt(berlin("2025-10-01T10:00")).cancelledAt(berlin("2025-10-08T10:00")).build();

        DelayAssessment assessment = assess(order, policy(), berlin("2025-10-09T10:00"));

        assertFinished(assessment);
    }

    @ParameterizedTest
    @ValueSource(strings = {"refunded", "voided"})
    void aRefundedLateOrderIsNotNotifiableAndNeedsNoChecks(String financialStatus) {
        Order order = anOrder().placedAt(berlin("2025-10-01T10:00")).paid(financialStatus).build();

        DelayAssessment assessment = assess(order, policy(), berlin("2025-10-09T10:00"));

        assertFinished(assessment);
    }

    @Test
    void aDeliveredOrderIsNotNotifiableAndNeedsNoChecksEvenAfterItsEstimate() {
        Order order = anOrder().with(aFulfillment("f1").shippedAt(berlin("2025-10-01T15:00"))
                        .event("delivered", berlin("2025-10-08T11:00")).estimatedDelivery(berlin("2025-10-06T12:00")))
                .with(aFulfillment("f2").status("cancelled").labelCreatedAt(berlin("2025-10-01T15:00"), "label_printed"))
                .build();

        DelayAssessment assessment = assess(order, policy(), berlin("2025-10-09T10:00"));

        assertFinished(assessment);
    }

    @Test
    void aPartlyDeliveredOrderStaysNotifiableForItsOtherParcel() {
        Order order = anOrder().with(aFulfillment("f1").shippedAt(berlin("2025-10-01T15:00")).event("delivered", berlin("2025-10-06T11:00")))
                .with(aFulfillment("f2").labelCreatedAt(berlin("2025-10-01T15:00"), "label_printed")).build();

        DelayAssessment assessment = assess(order, policy(), berlin("2025-10-06T16:00"));

        assertTrue(assessment.notifiable());
        assertEquals(List.of(new Delay("1001", DelayStage.NO_CARRIER_SCAN, "f2", berlin("2025-10-06T15:00"), null)),
                assessment.delays());
    }

    private static void assertFinished(DelayAssessment assessment) {
        assertFalse(assessment.notifiable());
        assertEquals(List.of(), assessment.delays());
        assertNull(assessment.nextCheckAt());
    }

    // --- the next check

    @Test
    void theNextCheckIsTheEarliestFutureThresholdOfAllParcels() {
        Order order = anOrder()
                .with(aFulfillment("f1").labelCreatedAt(berlin("2025-10-02T16:00"), "label_printed"))
                .with(aFulfillment("f2").shippedAt(berlin("2025-10-06T09:00")).event("in_transit", berlin("2025-10-06T10:00")))
                .build();

        DelayAssessment assessment = assess(order, policy(), berlin("2025-10-06T12:00"));

        // f1: no scan from Tue 7 16:00, past expected from Wed 8 00:00; f2: expected Thu 9 00:00, stalled Fri 10 10:00.
        assertEquals(List.of(), assessment.delays());
        assertEquals(berlin("2025-10-07T16:00"), assessment.nextCheckAt());
    }

    @Test
    void severalParcelsCanBeLateAtOnceEachWithItsOwnKey() {
        Order order = anOrder().placedAt(berlin("2025-10-01T10:00"))
                .with(aFulfillment("f1").labelCreatedAt(berlin("2025-10-02T16:00"), "label_printed"))
                .with(aFulfillment("f2").shippedAt(berlin("2025-10-06T09:00")).event("failure", berlin("2025-10-07T09:00")))
                .fulfillmentStatus("partial").build();

        DelayAssessment assessment = assess(order, policy(), berlin("2025-10-07T17:00"));

        assertEquals(List.of("1001#not_shipped", "1001#f1#no_carrier_scan", "1001#f2#carrier_exception"),
                assessment.delays().stream().map(Delay::key).toList());
    }
}
