package dev.promptly.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.promptly.shopify.admin.ShopifyAdminClient;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * Goodwill codes through the local runner with the shipped example configuration (10 % off when not
 * shipped, at most 100 codes worth 500.00 a month): the sample order #1001 of Anna (customer 7001, 59.80
 * EUR), placed Monday 23 November 2026, is late from midnight after Wednesday 25 November.
 */
class LocalGoodwillHttpTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SHOP = LocalRunnerClient.SHOP;

    private static void lateOrder(LocalRunnerClient runner) throws Exception {
        runner.webhook("orders/create", LocalRunnerClient.shopifySample("orders-create"), "local-goodwill-1");
        runner.post("/local/clock", "{\"now\": \"2026-11-26T09:00:00Z\"}");
    }

    @Test
    void withAStandInTheNoticeCarriesACodeAndTheBudgetShowsItsUse() throws Exception {
        List<JsonNode> mutations = new CopyOnWriteArrayList<>();
        HttpServer standIn = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        standIn.createContext("/admin/api/" + ShopifyAdminClient.API_VERSION + "/graphql.json", exchange -> {
            JsonNode request = JSON.readTree(exchange.getRequestBody().readAllBytes());
            byte[] answer;
            if ("local-admin-token".equals(exchange.getRequestHeaders().getFirst("X-Shopify-Access-Token"))
                    && request.path("query").asText().contains("discountCodeBasicCreate")) {
                mutations.add(request.path("variables"));
                answer = """
                        {"data":{"discountCodeBasicCreate":{"codeDiscountNode":{"id":"gid://shopify/DiscountCodeNode/9"},"userErrors":[]}}}"""
                        .getBytes(StandardCharsets.UTF_8);
            } else {
                answer = "{\"data\":{\"orders\":{\"nodes\":[],\"pageInfo\":{\"hasNextPage\":false,\"endCursor\":null}}}}"
                        .getBytes(StandardCharsets.UTF_8);
            }
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        standIn.start();
        URI origin = URI.create("http://127.0.0.1:" + standIn.getAddress().getPort());
        try (LocalRunnerClient runner = LocalRunnerClient.start(new LocalOptions(0, null, null, null, 0, false).withShopifyAdminUrl(origin))) {
            lateOrder(runner);

            JsonNode report = JSON.readTree(runner.post("/local/jobs/delay-scan/run", "").body());
            JsonNode goodwill = runner.get("/local/shops/" + SHOP + "/goodwill");

            assertEquals(1, report.path("goodwill").path("codes").asInt(), report.toString());
            JsonNode budget = report.path("goodwill").path("budgets").get(0);
            assertEquals(SHOP, budget.path("shop").asText());
            assertEquals("2026-11", budget.path("month").asText());
            assertEquals(1, budget.path("used_codes").asInt());
            assertEquals("5.98", budget.path("used_value").asText(), "10 % of 59.80");
            assertEquals(1, mutations.size());
            String code = mutations.get(0).path("basicCodeDiscount").path("code").asText();
            assertEquals("gid://shopify/Customer/7001", mutations.get(0).path("basicCodeDiscount").path("context").path("customers")
                    .path("add").get(0).asText());
            String text = runner.outbox("delay_notice").get(0).path("text").asText();
            assertTrue(text.contains("mit dem Code: " + code), text);
            assertTrue(goodwill.path("configured").asBoolean());
            assertTrue(goodwill.path("codes_created_here").asBoolean());
            assertEquals(1, goodwill.path("budget").path("used_codes").asInt(), goodwill.toString());
            assertEquals(100, goodwill.path("budget").path("max_codes").asInt());
            assertEquals("500.00", goodwill.path("budget").path("max_value").asText());
        } finally {
            standIn.stop(0);
        }
    }

    @Test
    void withoutAStandInNoticesGoWithoutACodeAndTheRouteSaysWhy() throws Exception {
        try (LocalRunnerClient runner = LocalRunnerClient.start(new LocalOptions(0, null, null, null, 0, false))) {
            lateOrder(runner);

            JsonNode report = JSON.readTree(runner.post("/local/jobs/delay-scan/run", "").body());
            JsonNode goodwill = runner.get("/local/shops/" + SHOP + "/goodwill");
            var unknown = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(runner.uri("/local/shops/nope.myshopify.com/goodwill")).GET()
                    .build(), java.net.http.HttpResponse.BodyHandlers.ofString());

            assertEquals(1, report.path("notices").asInt());
            assertEquals(0, report.path("goodwill").path("codes").asInt());
            assertFalse(runner.outbox("delay_notice").get(0).path("text").asText().contains("Code"));
            assertTrue(goodwill.path("configured").asBoolean());
            assertFalse(goodwill.path("codes_created_here").asBoolean());
            assertEquals(0, goodwill.path("budget").path("used_codes").asInt());
            assertEquals(404, unknown.statusCode());
        }
    }
}
