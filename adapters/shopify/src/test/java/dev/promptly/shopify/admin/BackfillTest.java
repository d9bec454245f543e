package dev.promptly.shopify.admin;

import static dev.promptly.shopify.admin.GraphQlStandIn.orderNode;
import static dev.promptly.shopify.admin.GraphQlStandIn.ordersAnswer;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.promptly.app.shopify.AdminOrderWriter;
import dev.promptly.app.shopify.Backfill;
import dev.promptly.aws.dynamodb.DynamoBackfillStore;
import dev.promptly.aws.dynamodb.DynamoOrderStore;
import dev.promptly.aws.dynamodb.PromptlyTable;
import dev.promptly.config.PromptlyConfig;
import dev.promptly.core.ShopDomain;
import dev.promptly.dynamodblocal.EmbeddedDynamoDb;
import dev.promptly.log.JsonLog;
import dev.promptly.testing.MovableClock;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** The backfill over DynamoDB Local and the Admin API client against the GraphQL stand-in (issue 17). */
class BackfillTest {
    private static final String TABLE = "promptly-backfill-test";
    private static final EmbeddedDynamoDb DYNAMO = EmbeddedDynamoDb.inMemory(List.of(PromptlyTable.createTableRequest(TABLE)));
    private static final ShopDomain SHOP = new ShopDomain(AdminTestConfig.SHOP);

    private final DynamoDbClient client = DYNAMO.newClient();
    private final PromptlyConfig config = AdminTestConfig.config();
    private final MovableClock clock = new MovableClock(Instant.parse("2026-12-07T08:00:00Z"));
    private final ByteArrayOutputStream logged = new ByteArrayOutputStream();
    private final JsonLog log = new JsonLog("test", new PrintStream(logged, true, StandardCharsets.UTF_8), clock);
    private final DynamoOrderStore orders = new DynamoOrderStore(client, TABLE);
    private final AtomicBoolean secondPageDown = new AtomicBoolean();
    private GraphQlStandIn standIn;
    private Backfill backfill;

    @BeforeEach
    void start() throws Exception {
        DYNAMO.reset();
        standIn = new GraphQlStandIn(AdminTestConfig.TOKEN);
        // Three pages: orders 1-2, 3-4, 5. Order 5 was never shipped and is late; the others are delivered.
        standIn.answer(call -> {
            JsonNode after = call.variables().path("after");
            if (after.isNull()) {
                return GraphQlStandIn.Reply.ok(ordersAnswer(delivered("1") + "," + delivered("2"), true, "CURSOR-1"));
            }
            if (after.asText().equals("CURSOR-1")) {
                return secondPageDown.get() ? new GraphQlStandIn.Reply(503, "{\"errors\":\"Service Unavailable\"}", null, 0)
                        : GraphQlStandIn.Reply.ok(ordersAnswer(delivered("3") + "," + delivered("4"), true, "CURSOR-2"));
            }
            return GraphQlStandIn.Reply.ok(ordersAnswer(orderNode("5", "#5", "e5@example.com", "2026-11-20T10:00:00Z", ""), false, null));
        });
        var graphQl = new AdminGraphQl(HttpClient.newHttpClient(), shop -> standIn.baseUri(), shop -> AdminTestConfig.TOKEN,
                Duration.ofSeconds(2), Duration.ofMillis(600), 2, clock, pause -> clock.advance(pause));
        backfill = new Backfill(config, new ShopifyAdminClient(config, graphQl), new DynamoBackfillStore(client, TABLE),
                new AdminOrderWriter(orders, clock), clock, log);
    }

    @AfterEach
    void stop() {
        standIn.close();
    }

    @AfterAll
    static void shutdown() {
        DYNAMO.close();
    }

    private static String delivered(String id) {
        return orderNode(id, "#" + id, "e" + id + "@example.com", "2026-11-1" + id + "T10:00:00Z",
                GraphQlStandIn.fulfillmentNode("9" + id, "DELIVERED", "T" + id));
    }

    private Map<String, AttributeValue> orderItem(String orderId) {
        return client.getItem(r -> r.tableName(TABLE).key(Map.of(PromptlyTable.PK, AttributeValue.fromS(SHOP.value()),
                PromptlyTable.SK, AttributeValue.fromS("ORDER#" + orderId)))).item();
    }

    @Test
    void aBackfillStoresEveryPageAndMakesOnlyOngoingDelaysDue() {
        Backfill.Report report = backfill.run(SHOP, 60, () -> true);

        assertTrue(report.complete());
        assertEquals(5, report.ordersSoFar());
        assertEquals(3, report.pagesSoFar());
        assertEquals(5, report.applied());
        assertEquals("updated_at:>='2026-10-08T08:00:00Z'", standIn.calls().get(0).variables().path("query").asText());
        for (String id : List.of("1", "2", "3", "4", "5")) {
            assertTrue(orders.load(SHOP, id).isPresent(), "order " + id);
        }
        assertNull(orderItem("1").get(PromptlyTable.DELAY_DUE_AT), "a delivered order is not due: its delay, if any, ended");
        assertEquals(PromptlyTable.sortable(clock.instant()), orderItem("5").get(PromptlyTable.DELAY_DUE_AT).s(),
                "an order late now is due at once, as after a webhook");
        String lines = logged.toString(StandardCharsets.UTF_8);
        assertTrue(lines.contains("\"event\":\"backfill.page\""), lines);
        assertFalse(lines.contains("e5@example.com"), "no address in the log");
    }

    @Test
    void aBackfillThatRanOutOfTimeResumesFromTheStoredCursor() {
        AtomicInteger allowed = new AtomicInteger(1);

        Backfill.Report first = backfill.run(SHOP, 60, () -> allowed.getAndDecrement() > 0);
        Backfill.Report second = backfill.run(SHOP, 60, () -> true);

        assertFalse(first.complete());
        assertEquals("time", first.stoppedBecause());
        assertEquals(2, first.ordersSoFar());
        assertTrue(second.resumed());
        assertTrue(second.complete());
        assertEquals(3, second.ordersThisRun());
        assertEquals(5, second.ordersSoFar());
        assertEquals(3, standIn.calls().size(), "no page is asked twice");
        assertEquals("CURSOR-1", standIn.calls().get(1).variables().path("after").asText());
    }

    @Test
    void anUnavailableApiStopsTheRunAndTheNextRunContinuesWhereItStopped() {
        secondPageDown.set(true);

        Backfill.Report first = backfill.run(SHOP, 60, () -> true);
        secondPageDown.set(false);
        Backfill.Report second = backfill.run(SHOP, 60, () -> true);

        assertEquals("admin_api_unavailable", first.stoppedBecause());
        assertEquals(2, first.ordersSoFar());
        assertTrue(second.resumed());
        assertTrue(second.complete());
        assertEquals(5, second.ordersSoFar());
    }

    @Test
    void runningAFinishedBackfillAgainChangesNothing() {
        backfill.run(SHOP, 60, () -> true);
        long version = orders.load(SHOP, "3").orElseThrow().version();

        Backfill.Report again = backfill.run(SHOP, 60, () -> true);

        assertFalse(again.resumed());
        assertEquals(0, again.applied());
        assertEquals(5, again.unchanged());
        assertEquals(version, orders.load(SHOP, "3").orElseThrow().version());
    }

    @Test
    void anOlderApiOrderNeverOverwritesANewerStoredOne() throws Exception {
        var writer = new AdminOrderWriter(orders, clock);
        var shop = config.shop(SHOP).orElseThrow();
        var newer = AdminOrders.order(SHOP, GraphQlStandIn.JSON.readTree(orderNode("3", "#3", "new@example.com", "2026-12-01T10:00:00Z", "")
                .replace("\n", " ")));
        writer.store(shop, newer);

        backfill.run(SHOP, 60, () -> true);

        var stored = orders.load(SHOP, "3").orElseThrow().order();
        assertEquals(Instant.parse("2026-12-01T10:00:00Z"), stored.updatedAt());
        assertEquals("new@example.com", stored.customer().email());
    }
}
