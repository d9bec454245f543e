package dev.promptly.functions.delay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.promptly.app.delay.DelayScan;
import dev.promptly.app.delay.DelayScanReport;
import dev.promptly.app.outbox.MailDeliveryException;
import dev.promptly.core.outbox.OutboxKind;
import dev.promptly.core.outbox.OutboxMessage;
import dev.promptly.core.outbox.OutboxStatus;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The delay scan end to end: orders arrive as Shopify webhooks, the scan runs as EventBridge invokes it,
 * notices leave through a real SMTP server. The sample order #1001 is placed Monday 23 November 2026,
 * 09:15 in Berlin; with two business days to ship, the promise holds until the end of Wednesday 25
 * November: 2026-11-25T23:00Z.
 */
class DelayScanTest {
    static final Instant PROMISE_BROKEN = Instant.parse("2026-11-25T23:00:00Z");
    /** 08:00 in Berlin, when the send window opens the morning after. */
    static final Instant BERLIN_MORNING = Instant.parse("2026-11-26T07:00:00Z");

    private DelayScanTestSystem system = new DelayScanTestSystem();

    @AfterEach
    void close() {
        system.close();
    }

    @Test
    void aLateOrderFoundAtNightGetsOneGermanNoticeWhenTheWindowOpens() throws Exception {
        system.deliver("orders/create", system.order(5001001, "#1001"));
        assertEquals("2026-11-25T23:00:00.000000000Z", system.delayDueAt(5001001), "due when the promise breaks");

        system.clock.set(PROMISE_BROKEN.minusSeconds(60));
        assertEquals(0, system.scan().get("due").asInt(), "one minute before, nothing is due");

        system.clock.set(PROMISE_BROKEN);
        JsonNode night = system.scan();
        assertEquals(1, night.get("due").asInt());
        assertEquals(1, night.get("held_for_send_window").asInt(), "midnight in Berlin is outside 08:00-20:00");
        assertEquals(List.of(), system.outbox(OutboxKind.DELAY_NOTICE));
        assertEquals("2026-11-26T07:00:00.000000000Z", system.delayDueAt(5001001), "held until the window opens");

        system.clock.set(BERLIN_MORNING);
        assertEquals(1, system.scan().get("notices").asInt());
        OutboxMessage notice = system.outbox(OutboxKind.DELAY_NOTICE).get(0);
        assertEquals("anna.beispiel@example.com", notice.to());
        assertEquals("Ihre Bestellung #1001 verspätet sich", notice.subject());
        assertTrue(notice.text().startsWith("Hallo Anna,"), notice.text());
        assertTrue(notice.text().contains("obwohl wir den Versand bis Mittwoch, 25. November 2026 zugesagt hatten"), notice.text());
        assertTrue(notice.text().contains("antworten Sie einfach auf diese E-Mail oder schreiben Sie an hilfe@demo-shop.example"), notice.text());
        assertTrue(notice.text().contains("https://demo-shop.example/pages/versand"), notice.text());
        assertEquals("auto-generated", notice.headers().get("Auto-Submitted"));
        assertEquals("5001001", notice.orderId());

        system.sender().sweep(10);
        MimeMessage[] received = system.smtp.getReceivedMessages();
        assertEquals(1, received.length);
        assertEquals("auto-generated", received[0].getHeader("Auto-Submitted")[0]);
        assertEquals("All", received[0].getHeader("X-Auto-Response-Suppress")[0]);

        assertEquals(0, system.scan().get("due").asInt(), "decided: not due again before a repeat could be");
        system.clock.advance(Duration.ofDays(3));
        system.scan();
        assertEquals(1, system.outbox(OutboxKind.DELAY_NOTICE).size(), "one notice per order and stage");
    }

    @Test
    void anOrderThatArrivesAlreadyLateIsDueAtOnce() {
        system.clock.set(Instant.parse("2026-11-30T09:00:00Z"));

        system.deliver("orders/create", system.order(5001001, "#1001"));

        assertEquals("2026-11-30T09:00:00.000000000Z", system.delayDueAt(5001001));
        assertEquals(1, system.scan().get("notices").asInt());
    }

    @Test
    void anUpdateToALateOrderAlreadyToldMakesItDueButSendsNothingTwice() {
        system.deliver("orders/create", system.order(5001001, "#1001"));
        system.clock.set(BERLIN_MORNING);
        system.scan();

        system.clock.advance(Duration.ofHours(2));
        system.deliver("orders/updated", system.order(5001001, "#1001").put("updated_at", "2026-11-26T10:00:00+01:00")
                .put("tags", "vip"));
        assertEquals("2026-11-26T09:00:00.000000000Z", system.delayDueAt(5001001));
        JsonNode run = system.scan();

        assertEquals(1, run.get("due").asInt());
        assertEquals(0, run.get("notices").asInt());
        assertEquals(1, system.outbox(OutboxKind.DELAY_NOTICE).size());
        assertEquals("2026-12-02T23:00:00.000000000Z", system.delayDueAt(5001001), "next: seven days after the delay began");
    }

    @Test
    void aSecondDifferentNoticeGoesOutOnlyAfterTheConfiguredDaysAndOnlyOnce() {
        system.deliver("orders/create", system.order(5001001, "#1001"));
        system.clock.set(BERLIN_MORNING);
        system.scan();

        system.clock.set(BERLIN_MORNING.plus(Duration.ofDays(7)).minusSeconds(60));
        system.scan();
        assertEquals(1, system.outbox(OutboxKind.DELAY_NOTICE).size(), "not before seven days");

        system.clock.set(BERLIN_MORNING.plus(Duration.ofDays(7)));
        assertEquals(1, system.scan().get("notices").asInt());
        List<OutboxMessage> notices = system.outbox(OutboxKind.DELAY_NOTICE);
        assertEquals(2, notices.size());
        assertEquals("Neuigkeiten zu Ihrer Bestellung #1001: weiterhin verspätet", notices.get(1).subject());

        system.clock.advance(Duration.ofDays(30));
        system.scan();
        assertEquals(2, system.outbox(OutboxKind.DELAY_NOTICE).size(), "one repeat, ever");
    }

    @Test
    void quietHoursAreReadInEachCustomersTimeZone() {
        system.deliver("orders/create", system.order(5001001, "#1001"));
        var american = system.order(5001002, "#1002");
        american.put("customer_locale", "en-US");
        american.with("shipping_address").put("country_code", "US");
        system.deliver("orders/create", american);

        system.clock.set(BERLIN_MORNING); // 08:00 in Berlin, 02:00 in New York
        JsonNode morning = system.scan();
        assertEquals(1, morning.get("notices").asInt());
        assertEquals(1, morning.get("held_for_send_window").asInt());
        assertEquals("5001001", system.outbox(OutboxKind.DELAY_NOTICE).get(0).orderId());
        assertEquals("2026-11-26T13:00:00.000000000Z", system.delayDueAt(5001002), "08:00 in New York");

        system.clock.set(Instant.parse("2026-11-26T12:59:00Z"));
        assertEquals(0, system.scan().get("notices").asInt());
        system.clock.set(Instant.parse("2026-11-26T13:00:00Z"));
        assertEquals(1, system.scan().get("notices").asInt());
        OutboxMessage english = system.outbox(OutboxKind.DELAY_NOTICE).get(1);
        assertEquals("Your order #1002 is delayed", english.subject());
        assertTrue(english.text().contains("although we promised to ship it by Wednesday, 25 November 2026"), english.text());
    }

    @Test
    void aBerlinCustomerIsNotWrittenToAfterEightInTheEveningWhileANewYorkCustomerIs() {
        system.deliver("orders/create", system.order(5001001, "#1001"));
        var american = system.order(5001002, "#1002");
        american.with("shipping_address").put("country_code", "US");
        system.deliver("orders/create", american);

        system.clock.set(Instant.parse("2026-11-26T19:30:00Z")); // 20:30 in Berlin, 14:30 in New York
        JsonNode evening = system.scan();

        assertEquals(1, evening.get("notices").asInt());
        assertEquals("5001002", system.outbox(OutboxKind.DELAY_NOTICE).get(0).orderId());
        assertEquals("2026-11-27T07:00:00.000000000Z", system.delayDueAt(5001001), "08:00 the next morning in Berlin");
    }

    @Test
    void aCustomerWithAnOpenConversationAboutTheOrderGetsNoNoticeButTheTeamGetsANote() {
        system.deliver("orders/create", system.order(5001001, "#1001"));
        var asked = system.customerWrites("anna.beispiel@example.com", "Bestellung #1001", "Wo ist meine Bestellung #1001?");

        system.clock.set(BERLIN_MORNING);
        JsonNode run = system.scan();

        assertEquals(0, run.get("notices").asInt());
        assertEquals(1, run.get("notes").asInt());
        assertEquals(List.of(), system.outbox(OutboxKind.DELAY_NOTICE));
        OutboxMessage note = system.outbox(OutboxKind.NOTE).get(0);
        assertEquals("support@demo-shop.example", note.to());
        assertEquals(asked.conversation().value(), note.conversationId());
        assertEquals("5001001", note.orderId());
        assertTrue(note.subject().startsWith("[" + asked.ticket() + "] Internal note: order #1001 is late"), note.subject());
        assertTrue(note.text().contains("not shipped by the promised date"), note.text());

        system.clock.advance(Duration.ofDays(1));
        system.scan();
        assertEquals(List.of(), system.outbox(OutboxKind.DELAY_NOTICE), "the stage was decided: the team tells the customer");
        assertEquals(1, system.outbox(OutboxKind.NOTE).size());
    }

    @Test
    void aConversationAboutAnotherOrderDoesNotStopTheNotice() {
        system.deliver("orders/create", system.order(5001001, "#1001"));
        system.deliver("orders/create", system.order(5001002, "#1002"));
        system.customerWrites("anna.beispiel@example.com", "Bestellung #1002", "Wo ist meine Bestellung #1002?");

        system.clock.set(BERLIN_MORNING);
        JsonNode run = system.scan();

        assertEquals(1, run.get("notices").asInt());
        assertEquals(1, run.get("notes").asInt());
        assertEquals("5001001", system.outbox(OutboxKind.DELAY_NOTICE).get(0).orderId());
    }

    @Test
    void theCircuitBreakerHoldsEveryNoticeOfARunThatWouldSendTooManyAndTellsTheTeamOnce() {
        system.close();
        system = new DelayScanTestSystem(", \"circuit_breaker\": {\"max_notices\": 2}");
        for (int i = 1; i <= 3; i++) {
            system.deliver("orders/create", system.order(5001000 + i, "#100" + i));
        }

        system.clock.set(BERLIN_MORNING);
        JsonNode tripped = system.scan();
        assertEquals(0, tripped.get("notices").asInt());
        assertEquals(3, tripped.get("held_by_circuit_breaker").asInt());
        assertEquals(List.of(), system.outbox(OutboxKind.DELAY_NOTICE));
        List<OutboxMessage> alerts = system.outbox(OutboxKind.NOTE);
        assertEquals(1, alerts.size());
        assertEquals("support@demo-shop.example", alerts.get(0).to());
        assertTrue(alerts.get(0).subject().contains("Delay notices held: 3 would have gone out at once"), alerts.get(0).subject());

        system.clock.advance(Duration.ofMinutes(15));
        JsonNode again = system.scan();
        assertEquals(3, again.get("held_by_circuit_breaker").asInt(), "still held while the numbers stay high");
        assertEquals(1, system.outbox(OutboxKind.NOTE).size(), "the team is told once a day");

        assertEquals(system.shop.value(), system.invoke("{\"release_breaker\": \"" + system.shop.value() + "\"}").get("released").asText());
        system.clock.advance(Duration.ofMinutes(15));
        assertEquals(3, system.scan().get("notices").asInt(), "a person released them");
        assertEquals(3, system.outbox(OutboxKind.DELAY_NOTICE).size());
        system.clock.advance(Duration.ofDays(1));
        system.scan();
        assertEquals(3, system.outbox(OutboxKind.DELAY_NOTICE).size(), "the release lets one run through, nothing twice");
    }

    @Test
    void overlappingRunsSendEachNoticeOnce() throws Exception {
        for (int i = 0; i < 20; i++) {
            system.deliver("orders/create", system.order(5002000 + i, "#2" + i));
        }
        system.clock.set(BERLIN_MORNING);

        // Each container's clock is a little off, so nothing but the decision markers can tell the runs apart.
        List<DelayScan> scans = List.of(system.newScan(), system.newScan(java.time.Clock.offset(system.clock, Duration.ofMillis(7))),
                system.newScan(java.time.Clock.offset(system.clock, Duration.ofMillis(-5))));
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(scans.size());
        List<Future<DelayScanReport>> runs = new ArrayList<>();
        for (DelayScan scan : scans) {
            runs.add(pool.submit(() -> {
                start.await();
                return system.scanWith(scan);
            }));
        }
        start.countDown();
        int notices = 0;
        for (var run : runs) {
            notices += run.get().notices();
        }
        pool.shutdown();

        assertEquals(20, notices, "each order's notice decided by exactly one run");
        List<OutboxMessage> written = system.outbox(OutboxKind.DELAY_NOTICE);
        assertEquals(20, written.size());
        assertEquals(20, written.stream().map(OutboxMessage::orderId).distinct().count());
    }

    @Test
    void aRunThatStopsHalfWayIsCompletedByTheNextWithoutDuplicates() {
        for (int i = 0; i < 10; i++) {
            system.deliver("orders/create", system.order(5003000 + i, "#3" + i));
        }
        system.clock.set(BERLIN_MORNING);
        AtomicInteger checks = new AtomicInteger();

        DelayScanReport first = system.newScan().run(2_000, () -> checks.incrementAndGet() <= 5);
        DelayScanReport second = system.scanWith(system.newScan());

        assertTrue(first.notices() > 0 && first.notices() < 10, "the first run stopped part-way: " + first);
        assertEquals(10, first.notices() + second.notices());
        assertEquals(10 - first.notices(), second.due(), "only what the first left is still due");
        assertEquals(10, system.outbox(OutboxKind.DELAY_NOTICE).size());
    }

    @Test
    void aLateOrderThatShipsAtNightGetsNoNoticeInTheMorning() {
        system.deliver("orders/create", system.order(5001001, "#1001"));
        system.clock.set(PROMISE_BROKEN);
        assertEquals(1, system.scan().get("held_for_send_window").asInt());

        system.clock.set(Instant.parse("2026-11-26T05:00:00Z"));
        system.deliver("fulfillments/create", DelayScanTestSystem.sample("fulfillments-create").put("order_id", 5001001)
                .put("created_at", "2026-11-26T06:00:00+01:00").put("updated_at", "2026-11-26T06:00:00+01:00"));
        var shipped = system.order(5001001, "#1001").put("fulfillment_status", "fulfilled").put("updated_at", "2026-11-26T06:00:01+01:00");
        system.deliver("orders/updated", shipped);

        system.clock.set(BERLIN_MORNING);
        system.scan();
        assertEquals(List.of(), system.outbox(OutboxKind.DELAY_NOTICE));
    }

    @Test
    void aNoticeWaitingForARetryIsWithdrawnWhenTheOrderShipsMeanwhile() {
        system.deliver("orders/create", system.order(5001001, "#1001"));
        system.clock.set(BERLIN_MORNING);
        system.scan();
        system.useTransport(Optional.of((from, to, mime) -> {
            throw new MailDeliveryException("451 try again later", false, null);
        }));
        system.sender().sweep(10);
        assertEquals(OutboxStatus.PENDING, system.outbox(OutboxKind.DELAY_NOTICE).get(0).status(), "waits for its retry");

        system.deliver("orders/updated", system.order(5001001, "#1001").put("fulfillment_status", "fulfilled")
                .put("updated_at", "2026-11-26T08:30:00+01:00"));
        system.clock.advance(Duration.ofMinutes(2));
        system.useTransport(Optional.of(new dev.promptly.mail.smtp.SmtpMailTransport("127.0.0.1", system.smtp.getSmtp().getPort())));
        system.sender().sweep(10);

        OutboxMessage withdrawn = system.outbox(OutboxKind.DELAY_NOTICE).get(0);
        assertEquals(OutboxStatus.WITHDRAWN, withdrawn.status());
        assertEquals("delay_over", withdrawn.lastError());
        assertEquals(0, system.smtp.getReceivedMessages().length);
    }

    @Test
    void aNoticeForAnOrderCancelledBeforeItIsSentIsWithdrawn() {
        system.deliver("orders/create", system.order(5001001, "#1001"));
        system.clock.set(BERLIN_MORNING);
        system.scan();

        var cancelled = DelayScanTestSystem.sample("orders-cancelled").put("id", 5001001).put("name", "#1001");
        system.deliver("orders/cancelled", cancelled);
        system.sender().sweep(10);

        assertEquals(OutboxStatus.WITHDRAWN, system.outbox(OutboxKind.DELAY_NOTICE).get(0).status());
        assertEquals(0, system.smtp.getReceivedMessages().length);
        assertNull(system.delayDueAt(5001001), "a cancelled order needs no more checks");
    }

    @Test
    void anOrderWithoutAnEmailAddressIsDecidedOnceWithoutANotice() {
        var phoneOnly = system.order(5001001, "#1001");
        phoneOnly.remove("email");
        phoneOnly.with("customer").remove("email");
        system.deliver("orders/create", phoneOnly);
        system.clock.set(BERLIN_MORNING);

        JsonNode run = system.scan();

        assertEquals(1, run.get("unreachable").asInt());
        assertEquals(List.of(), system.outbox(OutboxKind.DELAY_NOTICE));
        assertEquals(0, system.scan().get("due").asInt());
    }

    @Test
    void aShopThatSwitchesNoticesOffGetsNoneAndItsOrdersLeaveTheIndex() {
        system.deliver("orders/create", system.order(5001001, "#1001"));
        system.clock.set(BERLIN_MORNING);

        DelayScanReport run = system.scanWith(system.scanWithConfig(system.configWith(", \"enabled\": false")));

        assertEquals(1, run.due());
        assertEquals(0, run.notices());
        assertNull(system.delayDueAt(5001001));
        assertEquals(List.of(), system.outbox(OutboxKind.DELAY_NOTICE));
    }

    @Test
    void anOrderOfAShopNoLongerConfiguredLeavesTheIndexWithoutANotice() {
        system.deliver("orders/create", system.order(5001001, "#1001"));
        system.clock.set(BERLIN_MORNING);
        try (var other = new DelayScanTestSystem()) {
            DelayScanReport run = system.scanWith(system.scanWithConfig(other.config));

            assertEquals(0, run.notices());
            assertNull(system.delayDueAt(5001001));
            assertEquals(List.of(), system.outbox(OutboxKind.DELAY_NOTICE));
        }
    }

    @Test
    void logsNameOrdersAndCountsButNoPersonalData() {
        system.deliver("orders/create", system.order(5001001, "#1001"));
        system.clock.set(BERLIN_MORNING);
        system.scan();

        String logs = system.logText();
        assertTrue(logs.contains("\"event\":\"delay_scan.decided\""), logs);
        assertFalse(logs.contains("anna"), logs);
        assertFalse(logs.contains("Anna"), logs);
        assertFalse(logs.contains("Musterstraße"), logs);
    }
}
