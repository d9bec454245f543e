package dev.promptly.shopify.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * An in-process stand-in for a shop's GraphQL Admin API: it refuses what Shopify would refuse (another
 * path or version: 404; a missing or wrong {@code X-Shopify-Access-Token}: 401; not a POST of JSON with a
 * {@code query}: 400) and answers the rest through {@code responder}, recording every accepted request.
 */
final class GraphQlStandIn implements AutoCloseable {
    static final ObjectMapper JSON = new ObjectMapper();

    /** One accepted request: the GraphQL document and its variables. */
    record Call(String query, JsonNode variables) {
    }

    /** An answer: HTTP status, JSON body, optional Retry-After; {@code delayMillis} before answering. */
    record Reply(int status, String body, String retryAfter, long delayMillis) {
        static Reply ok(String body) {
            return new Reply(200, body, null, 0);
        }
    }

    private final HttpServer server;
    private final String token;
    /** Where bulk operation results are served: a signed storage URL in Shopify, taking no access token. */
    static final String RESULTS = "/bulk-results/";
    private final java.util.Map<String, String> results = new java.util.concurrent.ConcurrentHashMap<>();
    private final List<Call> calls = new CopyOnWriteArrayList<>();
    private volatile Function<Call, Reply> responder = call -> Reply.ok("{\"data\":{}}");

    GraphQlStandIn(String token) throws IOException {
        this.token = token;
        this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::handle);
        server.createContext(RESULTS, this::result);
        server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "graphql-stand-in");
            t.setDaemon(true);
            return t;
        }));
        server.start();
    }

    URI baseUri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    void answer(Function<Call, Reply> responder) {
        this.responder = responder;
    }

    /** Serves {@code jsonl} as a bulk operation's result; its URL. */
    URI result(String name, String jsonl) {
        results.put(name, jsonl);
        return URI.create(baseUri() + RESULTS + name);
    }

    private void result(HttpExchange exchange) throws IOException {
        try (exchange) {
            String body = results.get(exchange.getRequestURI().getPath().substring(RESULTS.length()));
            byte[] bytes = (body == null ? "<Error><Code>NoSuchKey</Code></Error>" : body).getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", body == null ? "application/xml" : "application/jsonl");
            exchange.sendResponseHeaders(body == null ? 404 : 200, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    List<Call> calls() {
        return List.copyOf(calls);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!exchange.getRequestURI().getPath().equals("/admin/api/" + ShopifyAdminClient.API_VERSION + "/graphql.json")) {
                send(exchange, new Reply(404, "{\"errors\":\"Not Found\"}", null, 0));
                return;
            }
            if (!token.equals(exchange.getRequestHeaders().getFirst("X-Shopify-Access-Token"))) {
                send(exchange, new Reply(401, "{\"errors\":\"[API] Invalid API key or access token (unrecognized login or wrong password)\"}", null, 0));
                return;
            }
            String type = exchange.getRequestHeaders().getFirst("Content-Type");
            JsonNode body = JSON.readTree(exchange.getRequestBody().readAllBytes());
            if (!"POST".equals(exchange.getRequestMethod()) || type == null || !type.startsWith("application/json")
                    || body == null || !body.path("query").isTextual()) {
                send(exchange, new Reply(400, "{\"errors\":{\"query\":\"Required parameter missing or invalid\"}}", null, 0));
                return;
            }
            Call call = new Call(body.path("query").asText(), body.path("variables"));
            calls.add(call);
            send(exchange, responder.apply(call));
        }
    }

    private static void send(HttpExchange exchange, Reply reply) throws IOException {
        if (reply.delayMillis() > 0) {
            try {
                Thread.sleep(reply.delayMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        byte[] bytes = reply.body().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
        if (reply.retryAfter() != null) {
            exchange.getResponseHeaders().set("Retry-After", reply.retryAfter());
        }
        exchange.sendResponseHeaders(reply.status(), bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    /** An {@code orders} answer as Shopify documents it, with the cost extension. */
    static String ordersAnswer(String nodesJson, boolean hasNextPage, String endCursor) {
        return """
                {"data":{"orders":{"nodes":[%s],"pageInfo":{"hasNextPage":%s,"endCursor":%s}}},
                 "extensions":{"cost":{"requestedQueryCost":52,"actualQueryCost":12,
                   "throttleStatus":{"maximumAvailable":2000.0,"currentlyAvailable":1988,"restoreRate":100.0}}}}
                """.formatted(nodesJson, hasNextPage, endCursor == null ? "null" : "\"" + endCursor + "\"");
    }

    /** A THROTTLED answer as Shopify documents it (HTTP 200, data absent). */
    static String throttledAnswer(int requested, int available, double restoreRate) {
        return """
                {"errors":[{"message":"Throttled","extensions":{"code":"THROTTLED","documentation":"https://shopify.dev/api/usage/rate-limits"}}],
                 "extensions":{"cost":{"requestedQueryCost":%d,"actualQueryCost":null,
                   "throttleStatus":{"maximumAvailable":2000.0,"currentlyAvailable":%d,"restoreRate":%s}}}}
                """.formatted(requested, available, restoreRate);
    }

    /** One order node with the fields the adapter asks for. */
    static String orderNode(String id, String name, String email, String updatedAt, String fulfillmentsJson) {
        return """
                {"legacyResourceId":"%s","name":"%s","createdAt":"2026-12-01T09:00:00Z","updatedAt":"%s",
                 "cancelledAt":null,"cancelReason":null,"closedAt":null,
                 "displayFinancialStatus":"PAID","displayFulfillmentStatus":"%s",
                 "email":"%s","phone":null,"customerLocale":"de",
                 "customer":{"legacyResourceId":"7001","firstName":"Erika","tags":["VIP"]},
                 "shippingAddress":{"countryCodeV2":"DE","firstName":"Erika","phone":null},
                 "billingAddress":null,
                 "shippingLines":{"nodes":[{"title":"DHL Paket","code":"dhl"}]},
                 "lineItems":{"nodes":[{"title":"Tee","name":"Tee - M","quantity":2,"sku":"TEE-M"}]},
                 "totalPriceSet":{"shopMoney":{"amount":"59.90","currencyCode":"EUR"}},
                 "fulfillments":[%s]}
                """.formatted(id, name, updatedAt, fulfillmentsJson.isEmpty() ? "UNFULFILLED" : "FULFILLED", email, fulfillmentsJson);
    }

    static String fulfillmentNode(String id, String displayStatus, String number) {
        return """
                {"legacyResourceId":"%s","status":"SUCCESS","displayStatus":"%s","createdAt":"2026-12-02T10:00:00Z",
                 "updatedAt":"2026-12-03T10:00:00Z","estimatedDeliveryAt":"2026-12-05T18:00:00Z",
                 "trackingInfo":[{"company":"DHL","number":"%s","url":"https://www.dhl.de/track?n=%s"}]}
                """.formatted(id, displayStatus, number, number);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
