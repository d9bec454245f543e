package dev.promptly.shopify.admin;

import static dev.promptly.shopify.admin.GraphQlStandIn.fulfillmentNode;
import static dev.promptly.shopify.admin.GraphQlStandIn.orderNode;
import static dev.promptly.shopify.admin.GraphQlStandIn.ordersAnswer;
import static dev.promptly.shopify.admin.GraphQlStandIn.throttledAnswer;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.promptly.app.port.ShopifyAdmin.AdminApiUnavailableException;
import dev.promptly.app.port.ShopifyAdmin.DiscountCodeRequest;
import dev.promptly.config.PromptlyConfig;
import dev.promptly.config.SecretRef;
import dev.promptly.core.ShopDomain;
import dev.promptly.core.shopify.Order;
import java.math.BigDecimal;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ShopifyAdminClientTest {
    private static final ShopDomain SHOP = new ShopDomain(AdminTestConfig.SHOP);
    private final PromptlyConfig config = AdminTestConfig.config();
    private final List<Duration> pauses = new ArrayList<>();
    private GraphQlStandIn standIn;

    @BeforeEach
    void start() throws Exception {
        standIn = new GraphQlStandIn(AdminTestConfig.TOKEN);
    }

    @AfterEach
    void stop() {
        standIn.close();
    }

    private ShopifyAdminClient client(Duration callTimeout, Duration retryBudget) {
        Clock clock = Clock.fixed(Instant.parse("2026-12-07T08:00:00Z"), ZoneOffset.UTC);
        var graphQl = new AdminGraphQl(HttpClient.newHttpClient(), shop -> standIn.baseUri(),
                shop -> config.shop(shop).orElseThrow().adminApi().orElseThrow().accessToken().name(),
                callTimeout, retryBudget, 4, clock, pauses::add);
        return new ShopifyAdminClient(config, graphQl);
    }

    private ShopifyAdminClient client() {
        return client(Duration.ofSeconds(2), Duration.ofSeconds(5));
    }

    @Test
    void orderNamedIsAskedWithTheDocumentedQueryAndMappedLikeAWebhookOrder() {
        standIn.answer(call -> GraphQlStandIn.Reply.ok(ordersAnswer(orderNode("5501", "#1001", "Erika@Example.com",
                "2026-12-03T10:00:00Z", fulfillmentNode("8801", "IN_TRANSIT", "00340434")), false, null)));

        List<Order> found = client().ordersNamed(SHOP, "#1001");

        var call = standIn.calls().get(0);
        assertTrue(call.query().contains("orders(first: $first, after: $after, query: $query, sortKey: $sortKey, reverse: $reverse)"));
        assertTrue(call.query().contains("trackingInfo(first: 5) { company number url }"));
        assertTrue(call.query().contains("pageInfo { hasNextPage endCursor }"));
        assertEquals("name:\"#1001\"", call.variables().path("query").asText());
        assertEquals(ShopifyAdminClient.MAX_LOOKUP_ORDERS, call.variables().path("first").asInt());
        Order order = found.get(0);
        assertEquals("5501", order.orderId());
        assertEquals("#1001", order.name());
        assertEquals(Instant.parse("2026-12-03T10:00:00Z"), order.updatedAt());
        assertEquals("paid", order.financialStatus());
        assertEquals("fulfilled", order.fulfillmentStatus());
        assertEquals("erika@example.com", order.customer().email());
        assertEquals("7001", order.customer().customerId());
        assertEquals("de", order.customer().locale());
        assertEquals(List.of("VIP"), order.customer().tags());
        assertEquals("DE", order.shippingCountry());
        assertEquals("59.90", order.totalPrice());
        assertEquals("EUR", order.currency());
        var fulfillment = order.fulfillments().get(0);
        assertEquals("8801", fulfillment.fulfillmentId());
        assertEquals("success", fulfillment.status());
        assertEquals("in_transit", fulfillment.shipmentStatus());
        assertEquals("DHL", fulfillment.trackingCompany());
        assertEquals(List.of("00340434"), fulfillment.trackingNumbers());
        assertEquals(Instant.parse("2026-12-05T18:00:00Z"), fulfillment.estimatedDeliveryAt());
    }

    @Test
    void recentOrdersOfAnAddressAreAskedNewestFirstWithTheAddressQuoted() {
        standIn.answer(call -> GraphQlStandIn.Reply.ok(ordersAnswer("", false, null)));

        client().recentOrdersOf(SHOP, "a\"b OR name:x@example.com", 3);

        var variables = standIn.calls().get(0).variables();
        assertEquals("email:\"a\\\"b OR name:x@example.com\"", variables.path("query").asText());
        assertEquals("CREATED_AT", variables.path("sortKey").asText());
        assertTrue(variables.path("reverse").asBoolean());
        assertEquals(3, variables.path("first").asInt());
    }

    @Test
    void updatedSincePagesFollowTheEndCursorOldestFirst() {
        standIn.answer(call -> call.variables().path("after").isNull()
                ? GraphQlStandIn.Reply.ok(ordersAnswer(orderNode("1", "#1", "a@example.com", "2026-11-01T00:00:00Z", ""), true, "CURSOR-1"))
                : GraphQlStandIn.Reply.ok(ordersAnswer(orderNode("2", "#2", "b@example.com", "2026-11-02T00:00:00Z", ""), false, null)));
        var client = client();

        var first = client.ordersUpdatedSince(SHOP, Instant.parse("2026-10-08T08:00:00.123Z"), null, 50);
        var second = client.ordersUpdatedSince(SHOP, Instant.parse("2026-10-08T08:00:00.123Z"), first.endCursor(), 50);

        assertEquals("updated_at:>='2026-10-08T08:00:00Z'", standIn.calls().get(0).variables().path("query").asText());
        assertEquals("UPDATED_AT", standIn.calls().get(0).variables().path("sortKey").asText());
        assertFalse(standIn.calls().get(0).variables().path("reverse").asBoolean());
        assertTrue(first.hasNextPage());
        assertEquals("CURSOR-1", standIn.calls().get(1).variables().path("after").asText());
        assertEquals("2", second.orders().get(0).orderId());
        assertFalse(second.hasNextPage());
        assertNull(second.endCursor());
    }

    @Test
    void aThrottledCallWaitsUntilTheBucketHoldsTheCostAndIsAnsweredOnTheRetry() {
        AtomicInteger n = new AtomicInteger();
        standIn.answer(call -> n.getAndIncrement() == 0
                ? GraphQlStandIn.Reply.ok(throttledAnswer(152, 2, 100.0))
                : GraphQlStandIn.Reply.ok(ordersAnswer(orderNode("5501", "#1001", "e@example.com", "2026-12-03T10:00:00Z", ""), false, null)));

        var found = client().ordersNamed(SHOP, "#1001");

        assertEquals(1, found.size());
        assertEquals(2, standIn.calls().size());
        assertEquals(List.of(Duration.ofMillis(1500)), pauses);
    }

    @Test
    void http429IsRetriedAfterRetryAfter() {
        AtomicInteger n = new AtomicInteger();
        standIn.answer(call -> n.getAndIncrement() == 0
                ? new GraphQlStandIn.Reply(429, "{\"errors\":\"Exceeded 2 calls per second for api client. Reduce request rates to resume uninterrupted service.\"}", "1.0", 0)
                : GraphQlStandIn.Reply.ok(ordersAnswer("", false, null)));

        client().ordersNamed(SHOP, "#1001");

        assertEquals(List.of(Duration.ofSeconds(1)), pauses);
        assertEquals(2, standIn.calls().size());
    }

    @Test
    void throttlingPastTheRetryBudgetGivesUpWithoutWaiting() {
        standIn.answer(call -> GraphQlStandIn.Reply.ok(throttledAnswer(1000, 0, 50.0)));

        var e = assertThrows(AdminApiUnavailableException.class,
                () -> client(Duration.ofSeconds(2), Duration.ofSeconds(3)).ordersNamed(SHOP, "#1001"));

        assertTrue(e.getMessage().contains("throttled"));
        assertEquals(1, standIn.calls().size());
        assertTrue(pauses.isEmpty());
    }

    @Test
    void aSlowShopCostsNoMoreThanTheCallTimeout() {
        var client = client(Duration.ofMillis(300), Duration.ZERO);
        // A valid answer, but after 5 s: only the call's own timeout turns it into "unavailable".
        standIn.answer(call -> new GraphQlStandIn.Reply(200, ordersAnswer("", false, null), null, 5000));

        var e = assertThrows(AdminApiUnavailableException.class, () -> client.ordersNamed(SHOP, "#1001"));

        assertTrue(e.getMessage().contains("orders.by_name"), e.getMessage());
        assertEquals(1, standIn.calls().size(), "no retry after the timeout");
    }

    @Test
    void errorsOtherThanThrottlingAreNotRetried() {
        standIn.answer(call -> GraphQlStandIn.Reply.ok("""
                {"errors":[{"message":"Access denied for orders field.","extensions":{"code":"ACCESS_DENIED"}}]}"""));

        var e = assertThrows(AdminApiUnavailableException.class, () -> client().ordersNamed(SHOP, "#1001"));

        assertTrue(e.getMessage().contains("ACCESS_DENIED"));
        assertEquals(1, standIn.calls().size());
    }

    @Test
    void aWrongTokenIsRefusedByTheStandInAndReportedAsUnavailable() {
        var graphQl = new AdminGraphQl(HttpClient.newHttpClient(), shop -> standIn.baseUri(), shop -> "wrong", Duration.ofSeconds(2),
                Duration.ofSeconds(1), 4, Clock.systemUTC(), pauses::add);

        var e = assertThrows(AdminApiUnavailableException.class, () -> new ShopifyAdminClient(config, graphQl).ordersNamed(SHOP, "#1001"));

        assertTrue(e.getMessage().contains("HTTP 401"));
        assertTrue(standIn.calls().isEmpty());
    }

    @Test
    void aShopWithoutAdminConfigurationIsNotEnabled() {
        var client = client();

        assertTrue(client.enabledFor(SHOP));
        assertFalse(client.enabledFor(new ShopDomain(AdminTestConfig.PLAIN_SHOP)));
        assertEquals(SecretRef.Scheme.LITERAL, config.shop(SHOP).orElseThrow().adminApi().orElseThrow().accessToken().scheme());
    }

    @Test
    void aDiscountCodeIsCreatedSingleUseForOneCustomerWithTheDocumentedInput() {
        standIn.answer(call -> GraphQlStandIn.Reply.ok("""
                {"data":{"discountCodeBasicCreate":{"codeDiscountNode":{"id":"gid://shopify/DiscountCodeNode/42"},"userErrors":[]}}}"""));

        var created = client().createDiscountCode(SHOP, new DiscountCodeRequest("SORRY-1001-A", "Goodwill #1001", "7001",
                new BigDecimal("0.10"), null, new BigDecimal("20.00"), Instant.parse("2026-12-07T08:00:00Z"),
                Instant.parse("2026-12-21T08:00:00Z")));

        var call = standIn.calls().get(0);
        assertTrue(call.query().contains("discountCodeBasicCreate(basicCodeDiscount: $basicCodeDiscount)"));
        var input = call.variables().path("basicCodeDiscount");
        assertEquals("SORRY-1001-A", input.path("code").asText());
        assertEquals(1, input.path("usageLimit").asInt());
        assertTrue(input.path("appliesOncePerCustomer").asBoolean());
        assertEquals("gid://shopify/Customer/7001", input.path("context").path("customers").path("add").get(0).asText());
        assertEquals(0.1, input.path("customerGets").path("value").path("percentage").asDouble());
        assertTrue(input.path("customerGets").path("items").path("all").asBoolean());
        assertEquals("20.00", input.path("minimumRequirement").path("subtotal").path("greaterThanOrEqualToSubtotal").asText());
        assertEquals("2026-12-21T08:00:00Z", input.path("endsAt").asText());
        assertEquals("gid://shopify/DiscountCodeNode/42", created.discountId());
    }

    @Test
    void discountUserErrorsAreReportedByCode() {
        standIn.answer(call -> GraphQlStandIn.Reply.ok("""
                {"data":{"discountCodeBasicCreate":{"codeDiscountNode":null,
                  "userErrors":[{"field":["basicCodeDiscount","customerGets","value"],"code":"INVALID","message":"Value is invalid"}]}}}"""));

        var e = assertThrows(AdminApiUnavailableException.class, () -> client().createDiscountCode(SHOP, new DiscountCodeRequest(
                "X", "t", "7001", null, new BigDecimal("5"), null, Instant.parse("2026-12-07T08:00:00Z"), Instant.parse("2026-12-08T08:00:00Z"))));

        assertTrue(e.getMessage().contains("INVALID"));
        assertFalse(e.getMessage().contains("Value is invalid"), "messages may quote the input and stay out");
    }

    @Test
    void aCodeShopifyAlreadyHasIsReportedAsTaken() {
        standIn.answer(call -> GraphQlStandIn.Reply.ok("""
                {"data":{"discountCodeBasicCreate":{"codeDiscountNode":null,
                  "userErrors":[{"field":["basicCodeDiscount","code"],"code":"TAKEN","message":"Code must be unique. Please try a different code."}]}}}"""));

        assertThrows(dev.promptly.app.port.ShopifyAdmin.DiscountCodeTakenException.class, () -> client().createDiscountCode(SHOP,
                new DiscountCodeRequest("X", "t", "7001", null, new BigDecimal("5"), null, Instant.parse("2026-12-07T08:00:00Z"),
                        Instant.parse("2026-12-08T08:00:00Z"))));
    }

    @Test
    void aTokenThatCannotBeReadMakesTheCallUnavailableWithoutCallingShopify() {
        var graphQl = new AdminGraphQl(HttpClient.newHttpClient(), shop -> standIn.baseUri(), shop -> {
            throw new IllegalStateException("AccessDenied");
        }, Duration.ofSeconds(2), Duration.ofSeconds(1), 4, Clock.systemUTC(), pauses::add);

        var e = assertThrows(AdminApiUnavailableException.class, () -> new ShopifyAdminClient(config, graphQl).ordersNamed(SHOP, "#1001"));

        assertTrue(e.getMessage().contains("access token unavailable"), e.getMessage());
        assertTrue(standIn.calls().isEmpty());
    }
}
