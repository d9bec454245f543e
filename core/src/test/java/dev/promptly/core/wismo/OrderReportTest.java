package dev.promptly.core.wismo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.promptly.core.ShopDomain;
import dev.promptly.core.calendar.BusinessCalendar;
import dev.promptly.core.calendar.HolidayCalendar;
import dev.promptly.core.calendar.TimeRange;
import dev.promptly.core.delay.DelayPolicy;
import dev.promptly.core.shopify.CustomerContact;
import dev.promptly.core.shopify.Fulfillment;
import dev.promptly.core.shopify.Order;
import dev.promptly.core.shopify.TrackingEvent;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class OrderReportTest {
    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    /** Mon–Fri 09:00–18:00; Friday 2025-10-03 is a holiday. */
    private static final BusinessCalendar CALENDAR;

    static {
        Map<DayOfWeek, List<TimeRange>> weekly = new EnumMap<>(DayOfWeek.class);
        for (DayOfWeek day : List.of(DayOfWeek.MONDAY, DayOfWeek.TUESDAY, DayOfWeek.WEDNESDAY, DayOfWeek.THURSDAY, DayOfWeek.FRIDAY)) {
            weekly.put(day, List.of(new TimeRange(LocalTime.of(9, 0), LocalTime.of(18, 0))));
        }
        HolidayCalendar holidays = date -> date.equals(LocalDate.of(2025, 10, 3)) ? Optional.of("Tag der Deutschen Einheit") : Optional.empty();
        CALENDAR = BusinessCalendar.of(BERLIN, weekly, holidays, Set.of(), Map.of());
    }

    private static Order order(Instant created, String fulfillmentStatus, List<Fulfillment> fulfillments) {
        return new Order(new ShopDomain("acme.myshopify.com"), "1", "#1001", created, created, "paid", fulfillmentStatus, null, null, null,
                CustomerContact.NONE, "DE", List.of(), List.of(), "10.00", "EUR", fulfillments, null);
    }

    private static Fulfillment parcel(String id, String shipmentStatus, Instant estimate, TrackingEvent event) {
        return new Fulfillment(id, "success", shipmentStatus, "DHL", List.of("0034"), List.of("https://t.example/0034"),
                Instant.parse("2025-09-30T10:00:00Z"), Instant.parse("2025-09-30T10:00:00Z"), estimate, event);
    }

    @Test
    void theShippingPromiseSkipsTheWeekendAndAHoliday() {
        // Thursday 2025-10-02, 2 business days: Friday is a holiday, so Monday and Tuesday.
        var report = OrderReport.of(order(Instant.parse("2025-10-02T08:00:00Z"), null, List.of()), CALENDAR, DelayPolicy.defaults(2),
                Instant.parse("2025-10-06T08:00:00Z"));

        assertEquals(OrderReport.Stage.NOT_SHIPPED, report.stage());
        assertEquals(LocalDate.of(2025, 10, 7), report.shipBy());
        assertFalse(report.shipByPassed());
    }

    @Test
    void theDayAfterThePromiseTheOrderIsLateAndNeedsAPerson() {
        var report = OrderReport.of(order(Instant.parse("2025-10-02T08:00:00Z"), null, List.of()), CALENDAR, DelayPolicy.defaults(2),
                Instant.parse("2025-10-07T22:30:00Z"));

        assertTrue(report.shipByPassed(), "00:30 on Wednesday in Berlin is past Tuesday's promise");
        assertTrue(report.needsPerson());
    }

    @Test
    void anEstimateIsShownOnlyWhileItCanComeTrue() {
        Instant estimate = Instant.parse("2025-10-08T16:00:00Z");
        Instant before = Instant.parse("2025-10-07T10:00:00Z");
        Instant after = Instant.parse("2025-10-09T10:00:00Z");
        var inTransit = parcel("1", "in_transit", estimate, null);
        var outForDelivery = parcel("2", "out_for_delivery", estimate, null);
        var problem = parcel("3", "attempted_delivery", estimate, null);

        assertEquals(estimate, ShipmentReport.of(inTransit, before).expectedDelivery());
        assertNull(ShipmentReport.of(inTransit, after).expectedDelivery());
        assertNull(ShipmentReport.of(outForDelivery, before).expectedDelivery());
        assertEquals(ShipmentReport.State.OUT_FOR_DELIVERY, ShipmentReport.of(outForDelivery, before).state());
        assertNull(ShipmentReport.of(problem, before).expectedDelivery());
        assertEquals(ShipmentReport.State.EXCEPTION, ShipmentReport.of(problem, before).state());
    }

    @Test
    void anOrderIsDeliveredOnlyWhenEveryParcelIs() {
        var delivered = new TrackingEvent("e1", "delivered", Instant.parse("2025-10-08T11:00:00Z"), null);
        var oneDelivered = order(Instant.parse("2025-10-02T08:00:00Z"), "fulfilled",
                List.of(parcel("1", "delivered", null, delivered), parcel("2", "in_transit", null, null)));
        var allDelivered = order(Instant.parse("2025-10-02T08:00:00Z"), "fulfilled", List.of(parcel("1", "delivered", null, delivered)));

        assertEquals(OrderReport.Stage.SHIPPED, OrderReport.of(oneDelivered, CALENDAR, DelayPolicy.defaults(2), Instant.parse("2025-10-09T10:00:00Z")).stage());
        var report = OrderReport.of(allDelivered, CALENDAR, DelayPolicy.defaults(2), Instant.parse("2025-10-09T10:00:00Z"));
        assertEquals(OrderReport.Stage.DELIVERED, report.stage());
        assertEquals(delivered.happenedAt(), report.shipments().get(0).deliveredAt());
        assertFalse(report.open());
    }

    @Test
    void aWeekendOrderIsPromisedTheSameDayAsDelayNoticesHoldTheShopTo() {
        // Saturday 2025-10-04: the shop is closed, so counting starts on Monday and two business days
        // later is Wednesday, exactly as DelayRules counts for delay notices.
        var saturday = order(Instant.parse("2025-10-04T10:00:00Z"), null, List.of());

        var report = OrderReport.of(saturday, CALENDAR, DelayPolicy.defaults(2), Instant.parse("2025-10-06T08:00:00Z"));

        Instant deadline = new dev.promptly.core.delay.DelayRules().shipDeadline(saturday, DelayPolicy.defaults(2), CALENDAR);
        assertEquals(deadline.minusNanos(1).atZone(BERLIN).toLocalDate(), report.shipBy());
        assertEquals(LocalDate.of(2025, 10, 8), report.shipBy());
    }
}
