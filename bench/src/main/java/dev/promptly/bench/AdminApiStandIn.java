package dev.promptly.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.promptly.shopify.admin.ShopifyAdminClient;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A shop's GraphQL Admin API in this JVM, for the added latency of a live lookup: it checks path, version and
 * {@code X-Shopify-Access-Token} as Shopify does, and answers an {@code orders} query for {@code name:"#<n>"} with
 * bench customer n's unshipped order (or, when {@code found} is off, with no order) in Shopify's documented
 * response shape (https://shopify.dev/docs/api/admin-graphql/latest/queries/orders), without delay: what is
 * measured is Promptly's own cost around the call.
 */
final class AdminApiStandIn implements AutoCloseable {
    private static final Pattern NAME = Pattern.compile("name:\"#(\\d+)\"");

    private final HttpServer server;
    private final String token;
    private final AtomicInteger calls = new AtomicInteger();
    private volatile boolean found = true;

    AdminApiStandIn(String token) throws IOException {
        this.token = token;
        this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::handle);
        server.setExecutor(Executors.newFixedThreadPool(4, r -> {
            Thread t = new Thread(r, "admin-api-stand-in");
            t.setDaemon(true);
            return t;
        }));
        server.start();
    }

    URI origin() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    int calls() {
        return calls.get();
    }

    /** Whether the orders asked for exist in the shop. */
    void ordersExist(boolean exist) {
        this.found = exist;
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!exchange.getRequestURI().getPath().equals("/admin/api/" + ShopifyAdminClient.API_VERSION + "/graphql.json")
                    || !"POST".equals(exchange.getRequestMethod())) {
                send(exchange, 404, "{\"errors\":\"Not Found\"}");
                return;
            }
            if (!token.equals(exchange.getRequestHeaders().getFirst("X-Shopify-Access-Token"))) {
                send(exchange, 401, "{\"errors\":\"[API] Invalid API key or access token (unrecognized login or wrong password)\"}");
                return;
            }
            JsonNode body = BenchEvents.JSON.readTree(exchange.getRequestBody().readAllBytes());
            Matcher name = NAME.matcher(body.path("variables").path("query").asText(""));
            if (!body.path("query").asText("").contains("orders(") || !name.find()) {
                send(exchange, 400, "{\"errors\":{\"query\":\"Required parameter missing or invalid\"}}");
                return;
            }
            calls.incrementAndGet();
            long n = Long.parseLong(name.group(1));
            send(exchange, 200, ordersAnswer(found ? orderNode(n) : ""));
        }
    }

    private static String orderNode(long n) {
        return """
                {"legacyResourceId":"%d","name":"#%d","createdAt":"%s","updatedAt":"%s","cancelledAt":null,"cancelReason":null,
                 "closedAt":null,"displayFinancialStatus":"PAID","displayFulfillmentStatus":"UNFULFILLED","email":"%s","phone":null,
                 "customerLocale":"de","customer":{"legacyResourceId":"9001","firstName":"Anna","tags":[]},
                 "shippingAddress":{"countryCodeV2":"DE","firstName":"Anna","phone":null},"billingAddress":null,
                 "shippingLines":{"nodes":[]},"lineItems":{"nodes":[]},
                 "totalPriceSet":{"shopMoney":{"amount":"20.00","currencyCode":"EUR"}},"fulfillments":[]}
                """.formatted(BenchEvents.orderId(n), n, java.time.Instant.now().minusSeconds(3600), java.time.Instant.now().minusSeconds(3600),
                BenchEvents.customerEmail(n));
    }

    private static String ordersAnswer(String nodes) {
        return """
                {"data":{"orders":{"nodes":[%s],"pageInfo":{"hasNextPage":false,"endCursor":null}}},
                 "extensions":{"cost":{"requestedQueryCost":52,"actualQueryCost":12,
                   "throttleStatus":{"maximumAvailable":2000.0,"currentlyAvailable":1988,"restoreRate":100.0}}}}
                """.formatted(nodes);
    }

    private static void send(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
