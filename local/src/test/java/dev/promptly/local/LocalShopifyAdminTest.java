package dev.promptly.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.promptly.core.message.MessageSignature;
import dev.promptly.shopify.admin.ShopifyAdminClient;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** The local runner's {@code --shopify-admin-url}: the whole live-lookup flow against a stand-in (issue 17). */
class LocalShopifyAdminTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient http = HttpClient.newHttpClient();

    /** The answer of Shopify's {@code orders} query for the sample message's sender and order #1001. */
    private static final String ORDERS = """
            {"data":{"orders":{"nodes":[{"legacyResourceId":"7771001","name":"#1001","createdAt":"2026-11-20T09:00:00Z",
              "updatedAt":"2026-11-22T10:00:00Z","cancelledAt":null,"cancelReason":null,"closedAt":null,
              "displayFinancialStatus":"PAID","displayFulfillmentStatus":"FULFILLED","email":"anna.beispiel@example.com",
              "phone":null,"customerLocale":"de","customer":{"legacyResourceId":"9001","firstName":"Anna","tags":[]},
              "shippingAddress":{"countryCodeV2":"DE","firstName":"Anna","phone":null},"billingAddress":null,
              "shippingLines":{"nodes":[]},"lineItems":{"nodes":[]},
              "totalPriceSet":{"shopMoney":{"amount":"20.00","currencyCode":"EUR"}},
              "fulfillments":[{"legacyResourceId":"6601","status":"SUCCESS","displayStatus":"IN_TRANSIT",
                "createdAt":"2026-11-21T10:00:00Z","updatedAt":"2026-11-22T10:00:00Z","estimatedDeliveryAt":null,
                "trackingInfo":[{"company":"DHL","number":"JJD0099887766","url":null}]}]}],
              "pageInfo":{"hasNextPage":false,"endCursor":null}}},
             "extensions":{"cost":{"requestedQueryCost":52,"actualQueryCost":12,
               "throttleStatus":{"maximumAvailable":2000.0,"currentlyAvailable":1988,"restoreRate":100.0}}}}
            """;

    @Test
    void theOptionTakesAnHttpOriginAndRefusesAnythingElse() {
        var options = LocalOptions.parse(List.of("--shopify-admin-url", "http://127.0.0.1:8081"));

        assertEquals(URI.create("http://127.0.0.1:8081"), options.shopifyAdminUrl());
        assertNull(LocalOptions.parse(List.of()).shopifyAdminUrl());
        var e = assertThrows(IllegalArgumentException.class, () -> LocalOptions.parse(List.of("--shopify-admin-url", "ftp://x/y")));
        assertTrue(e.getMessage().startsWith("--shopify-admin-url: must be an http(s) origin"), e.getMessage());
    }

    @Test
    void withoutTheOptionLookupsAreOffAndTheRunnerSaysSo() throws Exception {
        try (LocalSystem system = LocalSystem.start(LocalRunnerClient.onTestClock(new LocalOptions(0, null, null, null, 0, false)))) {
            assertTrue(system.shopifyAdminStatus().contains("off locally"), system.shopifyAdminStatus());

            var backfill = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + system.port() + "/local/jobs/backfill/run"))
                    .POST(HttpRequest.BodyPublishers.ofString("{\"shop\": \"" + LocalRunnerClient.SHOP + "\", \"days\": 60}")).build(),
                    HttpResponse.BodyHandlers.ofString());

            assertEquals(400, backfill.statusCode(), backfill.body());
            assertTrue(backfill.body().contains("--shopify-admin-url"), backfill.body());
        }
    }

    @Test
    void anOrderOnlyTheStandInKnowsIsAnsweredThroughTheLocalRunner() throws Exception {
        List<String> tokens = new CopyOnWriteArrayList<>();
        HttpServer standIn = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        standIn.createContext("/admin/api/" + ShopifyAdminClient.API_VERSION + "/graphql.json", exchange -> {
            tokens.add(String.valueOf(exchange.getRequestHeaders().getFirst("X-Shopify-Access-Token")));
            JsonNode body = JSON.readTree(exchange.getRequestBody().readAllBytes());
            String search = body.path("variables").path("query").asText();
            boolean asked = "POST".equals(exchange.getRequestMethod()) && body.path("query").asText().contains("orders(")
                    && (search.equals("name:\"#1001\"") || search.startsWith("updated_at:>='"));
            byte[] answer = (asked ? ORDERS : "{\"errors\":[{\"message\":\"unexpected\",\"extensions\":{\"code\":\"BAD_REQUEST\"}}]}")
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        standIn.start();
        URI origin = URI.create("http://127.0.0.1:" + standIn.getAddress().getPort());
        try (LocalSystem system = LocalSystem.start(LocalRunnerClient.onTestClock(new LocalOptions(0, null, null, null, 0, false))
                .withShopifyAdminUrl(origin))) {
            String body = JSON.readTree(Files.readString(Path.of("..", "events", "message-bodies", "email-relay-de.json"))).toString();

            var response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + system.port() + "/messages"))
                    .header("Content-Type", "application/json")
                    .header("X-Promptly-Shop", LocalRunnerClient.SHOP)
                    .header("X-Promptly-Signature", MessageSignature.sign("local-messages-secret", body.getBytes(StandardCharsets.UTF_8)))
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());

            assertEquals(202, response.statusCode(), response.body());
            assertTrue(system.shopifyAdminStatus().contains("lookups on"), system.shopifyAdminStatus());
            assertEquals(List.of("local-admin-token"), tokens);
            var outbox = JSON.readTree(http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + system.port() + "/local/outbox"))
                    .GET().build(), HttpResponse.BodyHandlers.ofString()).body());
            JsonNode ack = outbox.get(0);
            assertEquals("7771001", ack.get("order_id").asText());
            assertTrue(ack.get("text").asText().contains("JJD0099887766"), ack.toString());

            var backfill = JSON.readTree(http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + system.port()
                            + "/local/jobs/backfill/run"))
                    .POST(HttpRequest.BodyPublishers.ofString("{\"backfill\": {\"shop\": \"" + LocalRunnerClient.SHOP + "\", \"days\": 60}}"))
                    .build(), HttpResponse.BodyHandlers.ofString()).body());
            assertEquals("backfill", backfill.get("job").asText(), backfill.toString());
            assertTrue(backfill.get("complete").asBoolean(), backfill.toString());
            assertEquals(1, backfill.get("orders_so_far").asInt());
            assertEquals(1, backfill.get("unchanged").asInt(), "the order the lookup stored is not stored twice");
            assertEquals("pages", backfill.get("method").asText(), "pages of the orders query unless bulk is asked for");

            var unknownMethod = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + system.port() + "/local/jobs/backfill/run"))
                    .POST(HttpRequest.BodyPublishers.ofString("{\"backfill\": {\"shop\": \"" + LocalRunnerClient.SHOP
                            + "\", \"days\": 60, \"method\": \"zip\"}}")).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(400, unknownMethod.statusCode(), unknownMethod.body());
            assertTrue(unknownMethod.body().contains("backfill.method"), unknownMethod.body());
        } finally {
            standIn.stop(0);
        }
    }
}
