package dev.promptly.shopify.admin;

import static dev.promptly.shopify.admin.GraphQlStandIn.fulfillmentNode;
import static dev.promptly.shopify.admin.GraphQlStandIn.orderNode;
import static dev.promptly.shopify.admin.GraphQlStandIn.ordersAnswer;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.promptly.app.inbound.IntakeResult;
import dev.promptly.app.inbound.MessageIntake;
import dev.promptly.app.shopify.AdminOrderWriter;
import dev.promptly.app.shopify.LiveOrderLookup;
import dev.promptly.aws.dynamodb.DynamoAdminLookupCache;
import dev.promptly.aws.dynamodb.DynamoConversationStore;
import dev.promptly.aws.dynamodb.DynamoOrderStore;
import dev.promptly.aws.dynamodb.PromptlyTable;
import dev.promptly.config.PromptlyConfig;
import dev.promptly.core.ShopDomain;
import dev.promptly.core.message.Channel;
import dev.promptly.core.message.InboundMessage;
import dev.promptly.core.message.Sender;
import dev.promptly.dynamodblocal.EmbeddedDynamoDb;
import dev.promptly.log.JsonLog;
import dev.promptly.testing.MovableClock;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The intake over DynamoDB Local and the real Admin API client against the GraphQL stand-in: an order
 * Promptly never received by webhook is looked up, stored and answered (issue 17).
 */
class LiveOrderLookupEndToEndTest {
    private static final String TABLE = "promptly-live-lookup-test";
    private static final EmbeddedDynamoDb DYNAMO = EmbeddedDynamoDb.inMemory(List.of(PromptlyTable.createTableRequest(TABLE)));
    private static final ShopDomain SHOP = new ShopDomain(AdminTestConfig.SHOP);
    private static final String CUSTOMER = "erika@example.com";

    private final DynamoDbClient client = DYNAMO.newClient();
    private final PromptlyConfig config = AdminTestConfig.config();
    private final MovableClock clock = new MovableClock(Instant.parse("2026-12-04T08:00:00Z"));
    private final ByteArrayOutputStream logged = new ByteArrayOutputStream();
    private final JsonLog log = new JsonLog("test", new PrintStream(logged, true, StandardCharsets.UTF_8), clock);
    private final DynamoOrderStore orders = new DynamoOrderStore(client, TABLE);
    private GraphQlStandIn standIn;
    private LiveOrderLookup live;
    private MessageIntake intake;

    @BeforeEach
    void start() throws Exception {
        DYNAMO.reset();
        standIn = new GraphQlStandIn(AdminTestConfig.TOKEN);
        // As deployed for live lookups: 1.5 s per call, no back-off (an acknowledgement never waits for a busy shop).
        var admin = ShopifyAdminClient.create(config, ref -> ref.name(), standIn.baseUri(), Duration.ofMillis(1500), Duration.ZERO, clock);
        live = new LiveOrderLookup(config, admin, new DynamoAdminLookupCache(client, TABLE), new AdminOrderWriter(orders, clock), clock, log);
        intake = MessageIntake.standard(config, new DynamoConversationStore(client, TABLE), orders, clock, log, live);
    }

    @AfterEach
    void stop() {
        standIn.close();
    }

    @AfterAll
    static void shutdown() {
        DYNAMO.close();
    }

    private IntakeResult ask(String subject, String text) {
        var message = new InboundMessage(SHOP, Channel.EMAIL, "<" + UUID.randomUUID() + "@mail.example>", new Sender("Erika", CUSTOMER, null),
                subject, text, List.of(), null, clock.instant(), Map.of(), null, List.of(), false);
        return intake.accept(message);
    }

    private static String trackedOrder(String email) {
        return ordersAnswer(orderNode("5501", "#1001", email, "2026-12-03T10:00:00Z", fulfillmentNode("8801", "IN_TRANSIT", "00340434")),
                false, null);
    }

    @Test
    void anUnknownOrderAskedAboutIsAnsweredFromTheApiAndStored() {
        standIn.answer(call -> GraphQlStandIn.Reply.ok(trackedOrder(CUSTOMER)));

        IntakeResult result = ask("Wo bleibt meine Bestellung #1001?", "Hallo, wo ist meine Bestellung #1001? Danke");

        assertEquals("name:\"#1001\"", standIn.calls().get(0).variables().path("query").asText());
        String reply = result.acknowledgement().orElseThrow().text();
        assertTrue(reply.contains("00340434"), reply);
        var stored = orders.load(SHOP, "5501").orElseThrow().order();
        assertEquals(Instant.parse("2026-12-03T10:00:00Z"), stored.updatedAt());
        assertEquals(CUSTOMER, stored.customer().email());
        assertEquals("5501", orders.findByName(SHOP, "#1001").get(0).order().orderId());
    }

    @Test
    void anOrderOfSomeoneElseIsStoredButItsDetailsAreNotShown() {
        standIn.answer(call -> GraphQlStandIn.Reply.ok(trackedOrder("someone.else@example.com")));

        IntakeResult result = ask("Wo bleibt meine Bestellung #1001?", "Hallo, wo ist meine Bestellung #1001? Danke");

        String reply = result.acknowledgement().orElseThrow().text();
        assertFalse(reply.contains("00340434"), reply);
        assertTrue(reply.contains("keine passende Bestellung"), reply);
        assertTrue(orders.load(SHOP, "5501").isPresent());
    }

    @Test
    void aSenderWithNoStoredOrdersGetsTheirRecentOrdersFromTheApi() {
        standIn.answer(call -> GraphQlStandIn.Reply.ok(trackedOrder(CUSTOMER)));

        IntakeResult result = ask("Lieferung", "Hallo, wo bleibt meine Bestellung? Sie ist noch nicht angekommen.");

        assertEquals("email:\"erika@example.com\"", standIn.calls().get(0).variables().path("query").asText());
        assertTrue(result.acknowledgement().orElseThrow().text().contains("00340434"));
        assertEquals(1, orders.findByContact(SHOP, CUSTOMER, null).size());
    }

    @Test
    void whenTheApiIsDownTheAcknowledgementGoesWithoutDetailsWithinTheBudget() {
        // The stand-in would find the order, but only after 4 s: a reply without its tracking proves the call was abandoned.
        standIn.answer(call -> new GraphQlStandIn.Reply(200, trackedOrder(CUSTOMER), null, 4000));

        IntakeResult result = ask("Wo bleibt meine Bestellung #1001?", "Hallo, wo ist meine Bestellung #1001? Danke");

        String reply = result.acknowledgement().orElseThrow().text();
        assertTrue(reply.contains("Wir können Ihre Bestellung gerade nicht abrufen"), reply);
        assertFalse(reply.contains("00340434"));
        assertEquals(1, live.unavailableCount());
        String lines = logged.toString(StandardCharsets.UTF_8);
        assertTrue(lines.contains("admin_lookup.unavailable"), lines);
        assertTrue(lines.contains("\"orderLookup\":\"unavailable\""), lines);
        assertFalse(lines.contains(CUSTOMER), "no address in the log");
        assertFalse(lines.contains("1001"), "no order number in the log");
    }

    @Test
    void repeatedQuestionsAboutAnUnknownOrderReachTheApiOncePerFewMinutes() {
        standIn.answer(call -> GraphQlStandIn.Reply.ok(ordersAnswer("", false, null)));

        ask("Bestellung #4242", "Wo ist meine Bestellung #4242?");
        clock.advance(Duration.ofMinutes(1));
        IntakeResult again = ask("Bestellung #4242", "Wo ist meine Bestellung #4242? Bitte antworten");

        assertEquals(1, standIn.calls().size());
        assertTrue(again.acknowledgement().orElseThrow().text().contains("keine passende Bestellung"));

        clock.advance(LiveOrderLookup.REMEMBER);
        ask("Bestellung #4242", "Noch einmal: wo ist meine Bestellung #4242?");

        assertEquals(2, standIn.calls().size());
    }
}
