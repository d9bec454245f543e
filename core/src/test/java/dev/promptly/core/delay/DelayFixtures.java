package dev.promptly.core.delay;

import dev.promptly.core.ShopDomain;
import dev.promptly.core.calendar.BusinessCalendar;
import dev.promptly.core.calendar.HolidayCalendar;
import dev.promptly.core.calendar.TimeRange;
import dev.promptly.core.shopify.CustomerContact;
import dev.promptly.core.shopify.Fulfillment;
import dev.promptly.core.shopify.Order;
import dev.promptly.core.shopify.ShippingLine;
import dev.promptly.core.shopify.TrackingEvent;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Test data: a Berlin shop open Monday to Friday 09:00–18:00 with German Unity Day (Friday 3 October
 * 2025) as its holiday, so the first week of October 2025 has a long weekend from Friday to Sunday.
 */
final class DelayFixtures {
    static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    static final LocalDate UNITY_DAY = LocalDate.of(2025, 10, 3);
    static final BusinessCalendar CALENDAR = berlinShop();

    private DelayFixtures() {
    }

    static BusinessCalendar berlinShop() {
        Map<DayOfWeek, List<TimeRange>> weekly = new EnumMap<>(DayOfWeek.class);
        for (DayOfWeek day : List.of(DayOfWeek.MONDAY, DayOfWeek.TUESDAY, DayOfWeek.WEDNESDAY, DayOfWeek.THURSDAY, DayOfWeek.FRIDAY)) {
            weekly.put(day, List.of(TimeRange.parse("09:00-18:00")));
        }
        HolidayCalendar holidays = date -> date.equals(UNITY_DAY) ? Optional.of("Tag der Deutschen Einheit") : Optional.empty();
        return BusinessCalendar.of(BERLIN, weekly, holidays, Set.of(), Map.of());
    }

    /** A Berlin wall-clock time, e.g. {@code berlin("2025-10-01T10:00")}. */
    static Instant berlin(String localDateTime) {
        return LocalDateTime.parse(localDateTime).atZone(BERLIN).toInstant();
    }

    /** The shop's usual settings: 2 handling days, DE 2 / AT 3 / elsewhere 5 transit days. */
    static DelayPolicy policy() {
        return new DelayPolicy(2, null, Map.of(), 2, 4, Map.of("DE", 2, "AT", 3, "*", 5), 3,
                SendWindow.DEFAULT, 50, 0.25);
    }

    static DelayPolicy policyWithCutoff(LocalTime cutoff) {
        DelayPolicy p = policy();
        return new DelayPolicy(p.handlingBusinessDays(), cutoff, p.handlingDaysByShipping(), p.labelNoScanDays(),
                p.trackingStallDays(), p.transitDays(), p.repeatAfterDays(), p.sendWindow(), p.maxNoticesPerRun(), p.maxShareOfDue());
    }

    static DelayPolicy policyWithShipping(Map<String, Integer> byShipping) {
        DelayPolicy p = policy();
        return new DelayPolicy(p.handlingBusinessDays(), p.cutoff(), byShipping, p.labelNoScanDays(),
                p.trackingStallDays(), p.transitDays(), p.repeatAfterDays(), p.sendWindow(), p.maxNoticesPerRun(), p.maxShareOfDue());
    }

    static OrderBuilder anOrder() {
        return new OrderBuilder();
    }

    static FulfillmentBuilder aFulfillment(String id) {
        return new FulfillmentBuilder(id);
    }

    static final class OrderBuilder {
        private Instant createdAt = berlin("2025-10-01T10:00");
        private String financialStatus = "paid";
        private String fulfillmentStatus;
        private Instant cancelledAt;
        private String country = "DE";
        private final List<ShippingLine> shippingLines = new ArrayList<>();
        private final List<Fulfillment> fulfillments = new ArrayList<>();

        OrderBuilder placedAt(Instant at) {
            createdAt = at;
            return this;
        }

        OrderBuilder paid(String status) {
            financialStatus = status;
            return this;
        }

        OrderBuilder fulfillmentStatus(String status) {
            fulfillmentStatus = status;
            return this;
        }

        OrderBuilder cancelledAt(Instant at) {
            cancelledAt = at;
            return this;
        }

        OrderBuilder shippingTo(String isoCountry) {
            country = isoCountry;
            return this;
        }

        OrderBuilder shippedWith(String title, String code) {
            shippingLines.add(new ShippingLine(title, code));
            return this;
        }

        OrderBuilder with(FulfillmentBuilder fulfillment) {
            fulfillments.add(fulfillment.build());
            if (fulfillmentStatus == null) {
                fulfillmentStatus = "fulfilled";
            }
            return this;
        }

        Order build() {
            return new Order(new ShopDomain("demo-shop.myshopify.com"), "1001", "#1001", createdAt, createdAt,
                    financialStatus, fulfillmentStatus, cancelledAt, null, null, CustomerContact.NONE, country,
                    shippingLines, List.of(), "10.00", "EUR", fulfillments, null);
        }
    }

    static final class FulfillmentBuilder {
        private final String id;
        private String status = "success";
        private String shipmentStatus;
        private Instant createdAt = berlin("2025-10-01T15:00");
        private Instant updatedAt;
        private Instant estimate;
        private TrackingEvent event;

        FulfillmentBuilder(String id) {
            this.id = id;
        }

        FulfillmentBuilder status(String fulfillmentStatus) {
            status = fulfillmentStatus;
            return this;
        }

        FulfillmentBuilder labelCreatedAt(Instant at, String labelStatus) {
            createdAt = at;
            shipmentStatus = labelStatus;
            return this;
        }

        FulfillmentBuilder shippedAt(Instant at) {
            createdAt = at;
            return this;
        }

        FulfillmentBuilder updatedAt(Instant at) {
            updatedAt = at;
            return this;
        }

        FulfillmentBuilder event(String eventStatus, Instant at) {
            event = new TrackingEvent("e-" + at.getEpochSecond(), eventStatus, at, null);
            shipmentStatus = eventStatus;
            return this;
        }

        FulfillmentBuilder shipmentStatus(String statusOnly) {
            shipmentStatus = statusOnly;
            return this;
        }

        FulfillmentBuilder estimatedDelivery(Instant at) {
            estimate = at;
            return this;
        }

        Fulfillment build() {
            return new Fulfillment(id, status, shipmentStatus, "DHL", List.of("00340434"), List.of(), createdAt,
                    updatedAt != null ? updatedAt : createdAt, estimate, event);
        }
    }
}
