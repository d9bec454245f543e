package dev.promptly.shopify.admin;

import static dev.promptly.shopify.admin.GraphQlStandIn.orderNode;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.promptly.app.shopify.AdminOrderWriter;
import dev.promptly.app.shopify.Backfill;
import dev.promptly.aws.dynamodb.DynamoBackfillStore;
import dev.promptly.aws.dynamodb.DynamoOrderStore;
import dev.promptly.aws.dynamodb.PromptlyTable;
import dev.promptly.config.PromptlyConfig;
import dev.promptly.core.ShopDomain;
import dev.promptly.core.shopify.Order;
import dev.promptly.dynamodblocal.EmbeddedDynamoDb;
import dev.promptly.log.JsonLog;
import dev.promptly.testing.MovableClock;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The backfill as one bulk operation (issue 17) against the GraphQL stand-in: started with
 * {@code bulkOperationRunQuery}, polled through {@code node(id:)}, its JSONL result streamed into DynamoDB Local
 * (https://shopify.dev/docs/api/usage/bulk-operations/queries).
 */
class BulkBackfillTest {
    private static final String TABLE = "promptly-bulk-backfill-test";
    private static final EmbeddedDynamoDb DYNAMO = EmbeddedDynamoDb.inMemory(List.of(PromptlyTable.createTableRequest(TABLE)));
    private static final ShopDomain SHOP = new ShopDomain(AdminTestConfig.SHOP);
    private static final String OPERATION = "gid://shopify/BulkOperation/720918";

    private final DynamoDbClient client = DYNAMO.newClient();
    private final PromptlyConfig config = AdminTestConfig.config();
    private final MovableClock clock = new MovableClock(Instant.parse("2026-12-07T08:00:00Z"));
    private final ByteArrayOutputStream logged = new ByteArrayOutputStream();
    private final DynamoOrderStore orders = new DynamoOrderStore(client, TABLE);
    /** What the stand-in says of the operation, in turn; the last answer repeats. */
    private final List<String> statuses = new ArrayList<>();
    private final AtomicInteger polls = new AtomicInteger();
    private final AtomicReference<URI> result = new AtomicReference<>();
    private final AtomicReference<String> startErrors = new AtomicReference<>("[]");
    private final List<Duration> pauses = new ArrayList<>();
    private GraphQlStandIn standIn;
    private ShopifyAdminClient admin;
    private Backfill backfill;

    @BeforeEach
    void start() throws Exception {
        DYNAMO.reset();
        standIn = new GraphQlStandIn(AdminTestConfig.TOKEN);
        standIn.answer(call -> {
            if (call.query().contains("bulkOperationRunQuery")) {
                boolean refused = !startErrors.get().equals("[]");
                return GraphQlStandIn.Reply.ok("""
                        {"data":{"bulkOperationRunQuery":{"bulkOperation":%s,"userErrors":%s}}}
                        """.formatted(refused ? "null" : "{\"id\":\"" + OPERATION + "\",\"status\":\"CREATED\"}", startErrors.get()));
            }
            String status = statuses.get(Math.min(polls.getAndIncrement(), statuses.size() - 1));
            String url = status.equals("COMPLETED") && result.get() != null ? "\"" + result.get() + "\"" : "null";
            return GraphQlStandIn.Reply.ok("""
                    {"data":{"node":{"id":"%s","status":"%s","errorCode":%s,"rootObjectCount":"3","url":%s,"partialDataUrl":null}}}
                    """.formatted(call.variables().path("id").asText(), status, status.equals("FAILED") ? "\"TIMEOUT\"" : "null", url));
        });
        var graphQl = new AdminGraphQl(HttpClient.newHttpClient(), shop -> standIn.baseUri(), shop -> AdminTestConfig.TOKEN,
                Duration.ofSeconds(2), Duration.ofMillis(600), 2, clock, pause -> clock.advance(pause));
        admin = new ShopifyAdminClient(config, graphQl, HttpClient.newHttpClient());
        backfill = new Backfill(config, admin, new DynamoBackfillStore(client, TABLE), new AdminOrderWriter(orders, clock), clock,
                new JsonLog("test", new PrintStream(logged, true, StandardCharsets.UTF_8), clock), pause -> {
                    pauses.add(pause);
                    clock.advance(pause);
                });
    }

    @AfterEach
    void stop() {
        standIn.close();
    }

    @AfterAll
    static void shutdown() {
        DYNAMO.close();
    }

    /** Order {@code id} as a bulk result gives it: one line for the order, one per line item and shipping line after it. */
    private static String orderLines(String id) throws Exception {
        ObjectNode order = (ObjectNode) GraphQlStandIn.JSON.readTree(orderNode(id, "#" + id, "e" + id + "@example.com",
                "2026-11-1" + id + "T10:00:00Z", GraphQlStandIn.fulfillmentNode("9" + id, "DELIVERED", "T" + id)));
        order.remove("shippingLines");
        order.remove("lineItems");
        order.put("id", "gid://shopify/Order/" + id);
        String parent = "\"__parentId\":\"gid://shopify/Order/" + id + "\"";
        return order + "\n"
                + "{\"__typename\":\"LineItem\",\"title\":\"Tee\",\"name\":\"Tee - M\",\"quantity\":2,\"sku\":\"TEE-M\"," + parent + "}\n"
                + "{\"__typename\":\"LineItem\",\"title\":\"Cap\",\"name\":\"Cap\",\"quantity\":1,\"sku\":\"CAP\"," + parent + "}\n"
                + "{\"__typename\":\"ShippingLine\",\"title\":\"DHL Paket\",\"code\":\"dhl\"," + parent + "}\n";
    }

    private void completesWith(String... ids) throws Exception {
        StringBuilder jsonl = new StringBuilder();
        for (String id : ids) {
            jsonl.append(orderLines(id));
        }
        result.set(standIn.result("720918.jsonl", jsonl.toString()));
    }

    @Test
    void theQueryAsksForTheOrdersUpdatedSinceTheStartInBulkFormGroupedUnderTheirOrder() {
        String query = AdminBulkOrders.bulkQuery(Instant.parse("2026-10-08T08:00:00Z"));

        assertTrue(query.contains("orders(query: \"updated_at:>='2026-10-08T08:00:00Z'\", sortKey: UPDATED_AT)"), query);
        assertTrue(query.contains("lineItems { edges { node { __typename title name quantity sku } } }"), query);
        assertFalse(query.contains("(first: 20)"), "connections in a bulk query take no page size");
        assertTrue(AdminBulkOrders.RUN_MUTATION.contains("groupObjects: true"), "items follow their order, so the file streams");
    }

    @Test
    void aBulkBackfillWaitsForTheOperationAndStoresEachOrderWithItsItems() throws Exception {
        // given an operation that runs for two polls, then completes with three orders
        statuses.addAll(List.of("CREATED", "RUNNING", "COMPLETED"));
        completesWith("1", "2", "3");

        // when
        Backfill.Report report = backfill.run(SHOP, 60, Backfill.Method.BULK, () -> true);

        // then
        assertTrue(report.complete(), String.valueOf(report));
        assertEquals(3, report.ordersSoFar());
        assertEquals(3, report.applied());
        assertEquals(List.of(Duration.ofSeconds(3), Duration.ofSeconds(3)), pauses, "polled while it ran");
        GraphQlStandIn.Call start = standIn.calls().get(0);
        assertTrue(start.variables().path("query").asText().contains("updated_at:>='2026-10-08T08:00:00Z'"), start.variables().toString());
        assertEquals(OPERATION, standIn.calls().get(1).variables().path("id").asText());
        Order stored = orders.load(SHOP, "2").orElseThrow().order();
        assertEquals(List.of("Tee", "Cap"), stored.lineItems().stream().map(item -> item.title()).toList());
        assertEquals("dhl", stored.shippingLines().get(0).code());
        assertEquals("delivered", stored.fulfillments().get(0).shipmentStatus());
        assertFalse(logged.toString(StandardCharsets.UTF_8).contains("e2@example.com"), "no address in the log");
    }

    @Test
    void aBulkBackfillThatRanOutOfTimeMidFileContinuesAfterTheLastOrderStored() throws Exception {
        statuses.add("COMPLETED");
        completesWith("1", "2", "3");
        AtomicInteger allowed = new AtomicInteger(3); // the poll, then two orders

        Backfill.Report first = backfill.run(SHOP, 60, Backfill.Method.BULK, () -> allowed.getAndDecrement() > 0);
        Backfill.Report second = backfill.run(SHOP, 60, Backfill.Method.BULK, () -> true);

        assertEquals("time", first.stoppedBecause());
        assertEquals(2, first.ordersSoFar());
        assertTrue(second.resumed());
        assertTrue(second.complete());
        assertEquals(1, second.ordersThisRun(), "only the third order is read again");
        assertEquals(1, standIn.calls().stream().filter(c -> c.query().contains("bulkOperationRunQuery")).count(),
                "the same operation continues: none is started twice");
    }

    @Test
    void aFailedOperationIsReportedAndTheNextRunStartsANewOne() throws Exception {
        statuses.add("FAILED");

        Backfill.Report first = backfill.run(SHOP, 60, Backfill.Method.BULK, () -> true);
        statuses.clear();
        polls.set(0);
        statuses.add("COMPLETED");
        completesWith("1");
        Backfill.Report second = backfill.run(SHOP, 60, Backfill.Method.BULK, () -> true);

        assertFalse(first.complete());
        assertEquals("bulk_operation_failed:timeout", first.stoppedBecause());
        assertTrue(second.complete());
        assertEquals(2, standIn.calls().stream().filter(c -> c.query().contains("bulkOperationRunQuery")).count());
    }

    @Test
    void anOperationThatFoundNothingCompletesWithoutAFileAndABusyShopIsReported() {
        startErrors.set("[{\"field\":null,\"code\":\"OPERATION_IN_PROGRESS\",\"message\":\"A bulk query operation for this app and shop is already in progress\"}]");

        Backfill.Report busy = backfill.run(SHOP, 60, Backfill.Method.BULK, () -> true);
        startErrors.set("[]");
        statuses.add("COMPLETED");
        Backfill.Report empty = backfill.run(SHOP, 60, Backfill.Method.BULK, () -> true);

        assertEquals("admin_api_unavailable", busy.stoppedBecause());
        assertTrue(empty.complete());
        assertEquals(0, empty.ordersSoFar());
    }
}
