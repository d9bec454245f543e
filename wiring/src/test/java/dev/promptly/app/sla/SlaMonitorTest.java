package dev.promptly.app.sla;

import static dev.promptly.app.sla.SlaTestSystem.berlin;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.promptly.aws.dynamodb.PromptlyTable;
import dev.promptly.core.outbox.OutboxMessage;
import dev.promptly.core.outbox.OutboxStatus;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;

class SlaMonitorTest {
    private static final String SIMPLE = "{\"first_response\": \"PT4H\"}";

    @Test
    void aCustomerMessageSetsTheCheckpointToTheFirstWarning() {
        var system = new SlaTestSystem(SIMPLE);

        var id = system.message("m1");

        assertEquals(PromptlyTable.sortable(berlin("2026-11-25T13:00")), system.checkpoint(id), "due 14:00, warned an hour before");
        assertEquals(List.of("customer_message", "auto_reply"),
                system.sla.events(system.shop, id).stream().map(e -> e.type().wire()).toList());
    }

    @Test
    void eachStageIsRecordedOnceAndTheCheckpointMovesOnThenLeaves() {
        var system = new SlaTestSystem(SIMPLE);
        var id = system.message("m1");
        var monitor = system.monitor();

        system.clock.set(berlin("2026-11-25T13:00"));
        var warning = monitor.run(100);
        var again = monitor.run(100);
        system.clock.set(berlin("2026-11-25T13:45"));
        monitor.run(100);
        system.clock.set(berlin("2026-11-25T14:00"));
        monitor.run(100);
        system.clock.set(berlin("2026-11-25T15:00"));
        var after = monitor.run(100);

        assertEquals(1, warning.alerts());
        assertEquals(0, again.due(), "the checkpoint moved to 13:45, so the same minute finds nothing");
        assertEquals(0, after.due());
        List<OutboxMessage> alerts = system.alerts();
        assertEquals(3, alerts.size(), alerts.toString());
        assertTrue(alerts.get(0).subject().startsWith("SLA warning: First response for " + "PR-" + id.value() + " due in 1 h 00 min"),
                alerts.get(0).subject());
        assertTrue(alerts.get(1).subject().contains("due in 15 min"), alerts.get(1).subject());
        assertTrue(alerts.get(2).subject().startsWith("SLA breached: First response"), alerts.get(2).subject());
        assertEquals("support@demo-shop.example", alerts.get(0).to());
        assertEquals("auto-generated", alerts.get(0).headers().get("Auto-Submitted"));
        assertTrue(alerts.get(0).text().contains("Customer: Anna Beispiel"), alerts.get(0).text());
        assertTrue(alerts.get(0).text().contains("Why: Policy default (matches every conversation): first response within 4 h 00 min of business hours (Europe/Berlin)"),
                alerts.get(0).text());
        assertNull(system.checkpoint(id), "nothing more is due after the breach without escalations");
        assertEquals("sent", system.sla.alertOutcome(system.shop, id, "first_response", "breach").orElseThrow());
    }

    @Test
    void overlappingMonitorRunsAlertOnce() throws Exception {
        var system = new SlaTestSystem(SIMPLE);
        for (int i = 0; i < 5; i++) {
            system.message("m" + i);
        }
        system.clock.set(berlin("2026-11-25T13:50"));
        var pool = Executors.newFixedThreadPool(4);
        List<Callable<SlaMonitor.RunReport>> runs = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            runs.add(() -> system.monitor().run(100));
        }

        int recorded = 0;
        for (var run : pool.invokeAll(runs)) {
            recorded += run.get().alerts();
        }
        pool.shutdown();

        assertEquals(5, recorded, "one stage (the 15-minute warning; the 60-minute one is superseded) per conversation");
        assertEquals(5, system.alerts().size());
    }

    @Test
    void anAgentReplyStopsTheClockAndRemovesTheCheckpoint() {
        var system = new SlaTestSystem(SIMPLE);
        var id = system.message("m1");
        system.clock.set(berlin("2026-11-25T11:00"));

        var clocks = system.agents.record(null, "Bearer " + SlaTestSystem.TOKEN, id.value(),
                "{\"type\": \"agent_replied\"}".getBytes(StandardCharsets.UTF_8));
        system.clock.set(berlin("2026-11-25T15:00"));
        var run = system.monitor().run(100);

        assertEquals("satisfied", clocks.get("clocks").get(0).get("state").asText());
        assertNull(system.checkpoint(id));
        assertEquals(0, run.due());
        assertEquals(List.of(), system.alerts());
    }

    @Test
    void aNonUrgentAlertOutsideAlertHoursIsHeldForTheNextOpening() {
        var system = new SlaTestSystem("""
                {"first_response": "PT4H", "policies": [{"name": "chat", "time": "calendar", "first_response": "PT2H"}],
                 "alert_hours": {"hours": "business_hours", "outside": "hold"}}""");
        system.clock.set(berlin("2026-11-27T17:00"));
        var id = system.message("m1");

        system.clock.set(berlin("2026-11-27T19:00"));
        system.monitor().run(100);

        var alerts = system.alerts();
        assertEquals(1, alerts.size(), "the breach; the warnings it supersedes are dropped");
        assertEquals(OutboxStatus.PENDING, alerts.get(0).status());
        assertEquals(berlin("2026-11-30T09:00"), alerts.get(0).notBefore(), "Friday evening waits for Monday 09:00");
        assertTrue(alerts.get(0).subject().startsWith("SLA breached"), alerts.get(0).subject());
        assertNull(system.checkpoint(id));
    }

    @Test
    void anUrgentPolicysBreachGoesOutAtOnceOutsideAlertHours() {
        var system = new SlaTestSystem("""
                {"first_response": "PT4H", "policies": [{"name": "urgent", "urgent": true, "time": "calendar", "first_response": "PT2H"}],
                 "alert_hours": {"hours": "business_hours", "outside": "hold"}}""");
        system.clock.set(berlin("2026-11-27T17:00"));
        system.message("m1");

        system.clock.set(berlin("2026-11-27T19:00"));
        system.monitor().run(100);

        var alerts = system.alerts();
        assertEquals(1, alerts.size());
        assertEquals(berlin("2026-11-27T19:00"), alerts.get(0).notBefore());
    }

    @Test
    void alertsOutsideAlertHoursAreCollectedIntoOneDigestPerTargetAtTheNextOpening() {
        var system = new SlaTestSystem("""
                {"first_response": "PT4H", "policies": [{"name": "chat", "time": "calendar", "first_response": "PT2H"}],
                 "alert_hours": {"hours": "business_hours", "outside": "digest"}}""");
        system.clock.set(berlin("2026-11-27T17:30"));
        system.message("m1");
        system.message("m2");
        var monitor = system.monitor();

        system.clock.set(berlin("2026-11-27T18:45"));
        monitor.run(100);
        system.clock.set(berlin("2026-11-27T19:30"));
        monitor.run(100);
        var beforeOpening = system.alerts();
        system.clock.set(berlin("2026-11-30T09:00"));
        var opening = monitor.run(100);
        var again = monitor.run(100);

        assertEquals(List.of(), beforeOpening, "nothing goes out while the team is away");
        assertEquals(1, opening.digestsSent());
        assertEquals(0, again.due());
        var digest = system.alerts();
        assertEquals(1, digest.size(), digest.toString());
        assertTrue(digest.get(0).subject().startsWith("SLA digest: 4 alerts"), digest.get(0).subject());
        assertTrue(digest.get(0).text().contains("SLA breached: First response for PR-"), digest.get(0).text());
    }

    @Test
    void aVipCustomersMessageAboutTheirOrderMatchesThePolicyForTheirTagAndOrderValue() throws Exception {
        var system = new SlaTestSystem("""
                {"first_response": "PT4H", "policies": [
                   {"name": "vip", "match": {"customer_tags": ["vip"], "min_order_value": 50}, "first_response": "PT1H"},
                   {"name": "standard", "first_response": "PT4H"}]}""");
        var json = new com.fasterxml.jackson.databind.ObjectMapper();
        var body = (com.fasterxml.jackson.databind.node.ObjectNode) json.readTree(java.nio.file.Files.readString(
                java.nio.file.Path.of("..", "events", "shopify-bodies", "orders-create.json")));
        ((com.fasterxml.jackson.databind.node.ObjectNode) body.get("customer")).put("tags", "VIP, Stammkunde");
        var order = dev.promptly.core.shopify.ShopifyPayloads.order(system.shop, body);
        var orders = new dev.promptly.aws.dynamodb.DynamoOrderStore(system.client, system.table);
        orders.write(system.shop, new dev.promptly.aws.dynamodb.DynamoOrderStore.Receipt("w1", "orders/create", "applied", system.clock.instant()),
                java.util.Optional.of(order), java.util.Optional.empty(), 365, null);

        var id = system.intake.accept(new dev.promptly.core.message.InboundMessage(system.shop, dev.promptly.core.message.Channel.EMAIL,
                "vip-1", new dev.promptly.core.message.Sender("Anna Beispiel", "anna.beispiel@example.com", null), "Bestellung #1001",
                "Hallo, ich habe eine Frage zu Bestellung #1001: kann ich die Farbe ändern?", List.of(), null, system.clock.instant(), Map.of(),
                null, List.of(), false)).conversation();

        var view = system.agents.view(system.shop, id).orElseThrow();
        assertEquals("vip", view.get("policy").get("name").asText(), view.toString());
        assertEquals("customer tagged vip", view.get("policy").get("matched_because").get(1).asText());
        assertEquals(0, new java.math.BigDecimal("59.80").compareTo(new java.math.BigDecimal(view.get("explain").get("facts").get("order_value").asText())));
    }

    @Test
    void redactingTheCustomerErasesTheSlaLogTheMarkersAndTheAlerts() {
        var system = new SlaTestSystem(SIMPLE);
        var id = system.message("m1");
        system.clock.set(berlin("2026-11-25T13:00"));
        system.monitor().run(100);

        var annas = system.conversations.customerConversations(system.shop, c -> "anna.beispiel@example.com".equals(c.customer().email()))
                .stream().map(dev.promptly.core.message.Conversation::id).toList();
        system.conversations.redactCustomer(system.shop, annas, null, null, List.of());

        assertEquals(List.of(), system.sla.events(system.shop, id));
        assertTrue(system.sla.alertOutcome(system.shop, id, "first_response", "warning-PT1H").isEmpty());
        assertEquals(List.of(), system.alerts());
    }

    @Test
    void automaticMailStartsNoClock() {
        var system = new SlaTestSystem(SIMPLE);

        var id = system.message("m1", Map.of("Auto-Submitted", List.of("auto-replied")));

        assertNull(system.checkpoint(id));
        assertEquals(List.of(), system.sla.events(system.shop, id));
    }
}
