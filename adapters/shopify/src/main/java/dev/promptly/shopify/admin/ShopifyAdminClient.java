package dev.promptly.shopify.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.promptly.app.port.ShopifyAdmin;
import dev.promptly.config.PromptlyConfig;
import dev.promptly.config.SecretResolver;
import dev.promptly.config.ShopConfig;
import dev.promptly.core.ShopDomain;
import dev.promptly.core.json.JsonTrees;
import dev.promptly.core.shopify.Order;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * {@link ShopifyAdmin} on the GraphQL Admin API of each configured shop (those with a {@code shopify_admin}
 * block). Queries are Shopify's documented {@code orders} connection with a search {@code query} and
 * cursor pagination (https://shopify.dev/docs/api/admin-graphql/latest/queries/orders,
 * https://shopify.dev/docs/api/usage/pagination-graphql, https://shopify.dev/docs/api/usage/search-syntax),
 * and {@code discountCodeBasicCreate}
 * (https://shopify.dev/docs/api/admin-graphql/latest/mutations/discountCodeBasicCreate). Thread-safe.
 */
public final class ShopifyAdminClient implements ShopifyAdmin {
    /**
     * The one place the Admin API version is pinned: 2026-10, the newest stable version (Shopify releases
     * one per quarter and supports each at least 12 months: https://shopify.dev/docs/api/usage/versioning).
     * shopify.app.toml's {@code api_version} names the same version for the webhooks.
     */
    public static final String API_VERSION = "2026-10";
    /** At most this many orders per name or address lookup: a message lists three orders at most. */
    static final int MAX_LOOKUP_ORDERS = 5;
    /** Shopify's largest page ({@code first} at most 250); smaller pages keep one query's cost low. */
    static final int MAX_PAGE_SIZE = 100;

    static final String ORDERS_QUERY = """
            query PromptlyOrders($first: Int!, $after: String, $query: String!, $sortKey: OrderSortKeys!, $reverse: Boolean!) {
              orders(first: $first, after: $after, query: $query, sortKey: $sortKey, reverse: $reverse) {
                nodes {
            %s    }
                pageInfo { hasNextPage endCursor }
              }
            }
            """.formatted(AdminOrders.ORDER_FIELDS.indent(6));

    static final String DISCOUNT_MUTATION = """
            mutation PromptlyGoodwillCode($basicCodeDiscount: DiscountCodeBasicInput!) {
              discountCodeBasicCreate(basicCodeDiscount: $basicCodeDiscount) {
                codeDiscountNode { id }
                userErrors { field code message }
              }
            }
            """;

    private final PromptlyConfig config;
    private final AdminGraphQl graphQl;
    private final AdminBulkOrders bulk;

    ShopifyAdminClient(PromptlyConfig config, AdminGraphQl graphQl) {
        this(config, graphQl, HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build());
    }

    ShopifyAdminClient(PromptlyConfig config, AdminGraphQl graphQl, HttpClient http) {
        this.config = Objects.requireNonNull(config, "config");
        this.graphQl = Objects.requireNonNull(graphQl, "graphQl");
        this.bulk = new AdminBulkOrders(graphQl, http);
    }

    /**
     * The client for the deployed shops ({@code https://<shop>.myshopify.com}) or, locally, for a stand-in
     * at {@code baseUri} serving every shop.
     *
     * @param baseUri null: each shop's own myshopify.com origin
     * @param callTimeout per HTTP exchange, at most 2 s
     * @param retryBudget how long one call may spend backing off from throttling before it gives up
     */
    public static ShopifyAdminClient create(PromptlyConfig config, SecretResolver secrets, URI baseUri, Duration callTimeout,
                                            Duration retryBudget, Clock clock) {
        return create(config, secrets, baseUri, callTimeout, retryBudget, clock, HttpClient.Builder::build);
    }

    /** As {@link #create(PromptlyConfig, SecretResolver, URI, Duration, Duration, Clock)}, with the HTTP client built by {@code httpClients} from its settings. */
    public static ShopifyAdminClient create(PromptlyConfig config, SecretResolver secrets, URI baseUri, Duration callTimeout,
                                            Duration retryBudget, Clock clock, Function<HttpClient.Builder, HttpClient> httpClients) {
        HttpClient http = httpClients.apply(HttpClient.newBuilder().connectTimeout(callTimeout).version(HttpClient.Version.HTTP_1_1));
        return new ShopifyAdminClient(config, new AdminGraphQl(http,
                shop -> baseUri != null ? baseUri : URI.create("https://" + shop.value()),
                shop -> secrets.resolve(settings(config, shop).adminApi().orElseThrow().accessToken()),
                callTimeout, retryBudget, 4, clock, duration -> Thread.sleep(duration.toMillis())), http);
    }

    private static ShopConfig settings(PromptlyConfig config, ShopDomain shop) {
        return config.shop(shop).orElseThrow(() -> new IllegalArgumentException("shop is not configured"));
    }

    @Override
    public boolean enabledFor(ShopDomain shop) {
        return config.shop(shop).flatMap(ShopConfig::adminApi).isPresent();
    }

    @Override
    public List<Order> ordersNamed(ShopDomain shop, String name) {
        return page(shop, "orders.by_name", "name:" + quoted(name), null, MAX_LOOKUP_ORDERS, "CREATED_AT", true).orders();
    }

    @Override
    public List<Order> recentOrdersOf(ShopDomain shop, String email, int max) {
        int first = Math.max(1, Math.min(max, MAX_LOOKUP_ORDERS));
        return page(shop, "orders.by_email", "email:" + quoted(email), null, first, "CREATED_AT", true).orders();
    }

    @Override
    public OrderPage ordersUpdatedSince(ShopDomain shop, Instant since, String cursor, int pageSize) {
        String at = since.truncatedTo(ChronoUnit.SECONDS).toString();
        return page(shop, "orders.updated_since", "updated_at:>='" + at + "'", cursor, Math.max(1, Math.min(pageSize, MAX_PAGE_SIZE)),
                "UPDATED_AT", false);
    }

    private OrderPage page(ShopDomain shop, String operation, String query, String cursor, int first, String sortKey, boolean reverse) {
        requireEnabled(shop);
        ObjectNode variables = JsonTrees.object();
        variables.put("first", first);
        if (cursor == null) {
            variables.putNull("after");
        } else {
            variables.put("after", cursor);
        }
        variables.put("query", query);
        variables.put("sortKey", sortKey);
        variables.put("reverse", reverse);
        JsonNode orders = graphQl.execute(shop, operation, ORDERS_QUERY, variables).path("orders");
        JsonNode pageInfo = orders.path("pageInfo");
        boolean more = pageInfo.path("hasNextPage").asBoolean(false);
        String end = pageInfo.path("endCursor").isTextual() ? pageInfo.path("endCursor").asText() : null;
        return new OrderPage(AdminOrders.orders(shop, orders.path("nodes")), more ? end : null, more && end != null);
    }

    @Override
    public String startBulkOrdersUpdatedSince(ShopDomain shop, Instant since) {
        requireEnabled(shop);
        return bulk.start(shop, since);
    }

    @Override
    public BulkOperation bulkOperation(ShopDomain shop, String id) {
        requireEnabled(shop);
        return bulk.status(shop, id);
    }

    @Override
    public long readBulkOrders(ShopDomain shop, java.net.URI result, long skip, java.util.function.Predicate<Order> sink) {
        requireEnabled(shop);
        return bulk.read(shop, result, skip, sink);
    }

    @Override
    public CreatedCode createDiscountCode(ShopDomain shop, DiscountCodeRequest request) {
        requireEnabled(shop);
        ObjectNode input = JsonTrees.object();
        input.put("title", request.title());
        input.put("code", request.code());
        input.put("startsAt", request.startsAt().toString());
        input.put("endsAt", request.endsAt().toString());
        // Single use, by one customer only.
        input.put("usageLimit", 1);
        input.put("appliesOncePerCustomer", true);
        // `context` replaces the deprecated `customerSelection` (DiscountCodeBasicInput, 2026-01 and later).
        input.putObject("context").putObject("customers").putArray("add").add("gid://shopify/Customer/" + request.customerId());
        ObjectNode gets = input.putObject("customerGets");
        ObjectNode value = gets.putObject("value");
        if (request.percentage() != null) {
            value.put("percentage", request.percentage().doubleValue());
        } else {
            ObjectNode amount = value.putObject("discountAmount");
            amount.put("amount", request.amount().toPlainString());
            amount.put("appliesOnEachItem", false);
        }
        gets.putObject("items").put("all", true);
        request.minimum().ifPresent(min -> input.putObject("minimumRequirement").putObject("subtotal")
                .put("greaterThanOrEqualToSubtotal", min.toPlainString()));
        ObjectNode variables = JsonTrees.object();
        variables.set("basicCodeDiscount", input);
        JsonNode payload = graphQl.execute(shop, "discount_code.create", DISCOUNT_MUTATION, variables).path("discountCodeBasicCreate");
        List<String> codes = AdminGraphQl.userErrorCodes(payload);
        if (!codes.isEmpty()) {
            // DiscountUserError: {field: [String], code: DiscountErrorCode, message}; TAKEN on the code means a discount
            // with this code exists (https://shopify.dev/docs/api/admin-graphql/latest/enums/DiscountErrorCode).
            for (JsonNode error : payload.path("userErrors")) {
                if ("TAKEN".equals(error.path("code").asText()) && JsonTrees.toJson(error.path("field")).contains("\"code\"")) {
                    throw new DiscountCodeTakenException("discount_code.create: code TAKEN");
                }
            }
            throw new AdminApiUnavailableException("discount_code.create: user errors " + codes);
        }
        String id = payload.path("codeDiscountNode").path("id").asText(null);
        if (id == null) {
            throw new AdminApiUnavailableException("discount_code.create: no codeDiscountNode in the answer");
        }
        return new CreatedCode(id, request.code());
    }

    private void requireEnabled(ShopDomain shop) {
        if (!enabledFor(shop)) {
            throw new IllegalStateException("shop has no shopify_admin configuration");
        }
    }

    /** A search-syntax phrase: double quotes, with backslashes and quotes escaped, so text can never add terms. */
    static String quoted(String value) {
        return "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
