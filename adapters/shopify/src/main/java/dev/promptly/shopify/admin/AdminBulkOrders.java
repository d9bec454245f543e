package dev.promptly.shopify.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.promptly.app.port.ShopifyAdmin.AdminApiUnavailableException;
import dev.promptly.app.port.ShopifyAdmin.BulkOperation;
import dev.promptly.core.ShopDomain;
import dev.promptly.core.json.JsonTrees;
import dev.promptly.core.shopify.Order;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * A backfill's orders as one bulk operation (https://shopify.dev/docs/api/usage/bulk-operations/queries):
 * {@code bulkOperationRunQuery} starts it, {@code node(id:)} tells its status, and once {@code COMPLETED} its
 * {@code url} serves the result as JSONL. In that file every node is one line; the nodes of a nested connection
 * (an order's line items and shipping lines) are lines of their own carrying {@code __parentId} = the order's
 * {@code id}. The query asks for {@code groupObjects: true}, so those lines follow their order's line and the
 * file is read as a stream, one order at a time, in constant memory whatever its size.
 */
final class AdminBulkOrders {
    /** A line is one order or one of its items; far beyond this it is not Shopify's answer. */
    private static final int MAX_LINE_CHARS = 1024 * 1024;
    private static final Duration DOWNLOAD_TIMEOUT = Duration.ofSeconds(10);

    /** The order fields of {@link AdminOrders#ORDER_FIELDS}, nested connections in bulk form (no page sizes, typed nodes). */
    static final String BULK_ORDER_FIELDS = "id\n" + AdminOrders.ORDER_FIELDS
            .replace("shippingLines(first: 5) { nodes { title code } }", "shippingLines { edges { node { __typename title code } } }")
            .replace("lineItems(first: 20) { nodes { title name quantity sku } }",
                    "lineItems { edges { node { __typename title name quantity sku } } }");

    static final String RUN_MUTATION = """
            mutation PromptlyBulkOrders($query: String!) {
              bulkOperationRunQuery(query: $query, groupObjects: true) {
                bulkOperation { id status }
                userErrors { field code message }
              }
            }
            """;

    static final String STATUS_QUERY = """
            query PromptlyBulkStatus($id: ID!) {
              node(id: $id) {
                ... on BulkOperation { id status errorCode rootObjectCount url partialDataUrl }
              }
            }
            """;

    private final AdminGraphQl graphQl;
    private final HttpClient http;

    AdminBulkOrders(AdminGraphQl graphQl, HttpClient http) {
        this.graphQl = Objects.requireNonNull(graphQl, "graphQl");
        this.http = Objects.requireNonNull(http, "http");
    }

    /** The bulk query document for the orders updated at or after {@code since}, oldest first. */
    static String bulkQuery(Instant since) {
        String search = ShopifyAdminClient.quoted("updated_at:>='" + since.truncatedTo(ChronoUnit.SECONDS) + "'");
        return "{\n  orders(query: " + search + ", sortKey: UPDATED_AT) {\n    edges {\n      node {\n"
                + BULK_ORDER_FIELDS.indent(8) + "      }\n    }\n  }\n}\n";
    }

    String start(ShopDomain shop, Instant since) {
        ObjectNode variables = JsonTrees.object().put("query", bulkQuery(since));
        JsonNode payload = graphQl.execute(shop, "bulk_operation.run_query", RUN_MUTATION, variables).path("bulkOperationRunQuery");
        List<String> codes = AdminGraphQl.userErrorCodes(payload);
        if (!codes.isEmpty()) {
            // OPERATION_IN_PROGRESS: the shop runs another bulk query (ours or another app's); a later run tries again.
            throw new AdminApiUnavailableException("bulk_operation.run_query: user errors " + codes);
        }
        String id = payload.path("bulkOperation").path("id").asText(null);
        if (id == null) {
            throw new AdminApiUnavailableException("bulk_operation.run_query: no bulkOperation in the answer");
        }
        return id;
    }

    BulkOperation status(ShopDomain shop, String id) {
        JsonNode node = graphQl.execute(shop, "bulk_operation.status", STATUS_QUERY, JsonTrees.object().put("id", id)).path("node");
        if (!node.isObject() || !node.path("status").isTextual()) {
            throw new AdminApiUnavailableException("bulk_operation.status: no bulk operation " + id);
        }
        String url = node.path("url").asText(null);
        return new BulkOperation(id, node.path("status").asText(), node.path("errorCode").asText(null),
                node.path("rootObjectCount").asLong(0), url == null ? null : URI.create(url));
    }

    /**
     * Hands the result's orders after the first {@code skip} to {@code sink} in file order until it returns false.
     *
     * @return how many orders were read past {@code skip}: those {@code sink} accepted, and those without the ids
     *         an order needs (never stored, but read), so {@code skip} plus this is where a later read continues
     */
    long read(ShopDomain shop, URI result, long skip, Predicate<Order> sink) {
        HttpResponse<InputStream> response;
        try {
            // The result URL is signed by Shopify; it takes no access token.
            response = http.send(HttpRequest.newBuilder(result).timeout(DOWNLOAD_TIMEOUT).GET().build(),
                    HttpResponse.BodyHandlers.ofInputStream());
        } catch (IOException e) {
            throw new AdminApiUnavailableException("bulk_operation.result: " + e.getClass().getSimpleName(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AdminApiUnavailableException("bulk_operation.result: interrupted", e);
        }
        try (InputStream body = response.body();
             BufferedReader lines = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
            if (response.statusCode() != 200) {
                throw new AdminApiUnavailableException("bulk_operation.result: HTTP " + response.statusCode());
            }
            return new Assembly(shop, skip, sink).readAll(lines);
        } catch (IOException e) {
            throw new AdminApiUnavailableException("bulk_operation.result: " + e.getClass().getSimpleName(), e);
        }
    }

    /** Puts each order line back together with the item lines that follow it, and hands the orders on. */
    private static final class Assembly {
        private final ShopDomain shop;
        private final Predicate<Order> sink;
        private long toSkip;
        private long consumed;
        private ObjectNode current;

        Assembly(ShopDomain shop, long skip, Predicate<Order> sink) {
            this.shop = shop;
            this.toSkip = skip;
            this.sink = sink;
        }

        long readAll(BufferedReader lines) throws IOException {
            String line;
            while ((line = lines.readLine()) != null) {
                if (line.isBlank()) {
                    continue;
                }
                if (line.length() > MAX_LINE_CHARS) {
                    throw new AdminApiUnavailableException("bulk_operation.result: a line of " + line.length() + " characters");
                }
                JsonNode node = JsonTrees.read(line);
                if (node.hasNonNull("__parentId")) {
                    attach(node);
                } else if (!handOn() || !begin(node)) {
                    return consumed;
                }
            }
            handOn();
            return consumed;
        }

        private boolean begin(JsonNode order) {
            current = (ObjectNode) order;
            current.putObject("shippingLines").putArray("nodes");
            current.putObject("lineItems").putArray("nodes");
            return true;
        }

        private void attach(JsonNode child) {
            if (current == null || !child.path("__parentId").asText().equals(current.path("id").asText())) {
                return; // an item of an order skipped or not asked for
            }
            String connection = switch (child.path("__typename").asText()) {
                case "ShippingLine" -> "shippingLines";
                case "LineItem" -> "lineItems";
                default -> null;
            };
            if (connection != null) {
                ((com.fasterxml.jackson.databind.node.ArrayNode) current.path(connection).path("nodes")).add(child);
            }
        }

        /** Hands the order read so far on; false when the sink wants no more. */
        private boolean handOn() {
            if (current == null) {
                return true;
            }
            ObjectNode order = current;
            current = null;
            if (toSkip > 0) {
                toSkip--;
                return true;
            }
            List<Order> parsed = AdminOrders.orders(shop, JsonTrees.array().add(order));
            if (!parsed.isEmpty() && !sink.test(parsed.get(0))) {
                return false;
            }
            consumed++;
            return true;
        }
    }
}
