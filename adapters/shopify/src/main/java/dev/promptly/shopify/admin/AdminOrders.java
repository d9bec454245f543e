package dev.promptly.shopify.admin;

import com.fasterxml.jackson.databind.JsonNode;
import dev.promptly.core.ShopDomain;
import dev.promptly.core.shopify.CustomerContact;
import dev.promptly.core.shopify.Fulfillment;
import dev.promptly.core.shopify.LineItemSummary;
import dev.promptly.core.shopify.Order;
import dev.promptly.core.shopify.ShippingLine;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * GraphQL {@code Order} nodes as the {@link Order} webhooks give: REST ids ({@code legacyResourceId}), so an
 * order read here and a later {@code orders/updated} webhook are one stored order, and REST's lower-case
 * status words (https://shopify.dev/docs/api/admin-graphql/latest/objects/Order,
 * .../objects/Fulfillment, .../enums/OrderDisplayFulfillmentStatus, .../enums/FulfillmentDisplayStatus).
 */
final class AdminOrders {
    /** The fields read of each order; the counts bound the query's cost (one message asks for a few orders). */
    static final String ORDER_FIELDS = """
            legacyResourceId
            name
            createdAt
            updatedAt
            cancelledAt
            cancelReason
            closedAt
            displayFinancialStatus
            displayFulfillmentStatus
            email
            phone
            customerLocale
            customer { legacyResourceId firstName tags }
            shippingAddress { countryCodeV2 firstName phone }
            billingAddress { countryCodeV2 firstName phone }
            shippingLines(first: 5) { nodes { title code } }
            lineItems(first: 20) { nodes { title name quantity sku } }
            totalPriceSet { shopMoney { amount currencyCode } }
            fulfillments(first: 10) {
              legacyResourceId
              status
              displayStatus
              createdAt
              updatedAt
              estimatedDeliveryAt
              trackingInfo(first: 5) { company number url }
            }
            """;

    /**
     * {@code FulfillmentDisplayStatus} values that REST's {@code shipment_status} also has; the others
     * (FULFILLED, MARKED_AS_FULFILLED, SUBMITTED, CANCELED, LABEL_VOIDED, NOT_DELIVERED, ...) say nothing
     * about the parcel's way and stay null, as in a webhook without carrier tracking.
     */
    private static final Set<String> SHIPMENT_STATUSES = Set.of("label_printed", "label_purchased", "attempted_delivery",
            "ready_for_pickup", "picked_up", "confirmed", "in_transit", "out_for_delivery", "delivered", "failure", "delayed",
            "carrier_picked_up");

    private AdminOrders() {
    }

    static List<Order> orders(ShopDomain shop, JsonNode nodes) {
        List<Order> orders = new ArrayList<>();
        for (JsonNode node : nodes) {
            if (text(node.path("legacyResourceId")) != null && instant(node.path("updatedAt")) != null) {
                orders.add(order(shop, node));
            }
        }
        return orders;
    }

    static Order order(ShopDomain shop, JsonNode node) {
        JsonNode customer = node.path("customer");
        JsonNode shipping = node.path("shippingAddress");
        JsonNode billing = node.path("billingAddress");
        List<String> tags = new ArrayList<>();
        customer.path("tags").forEach(tag -> tags.add(tag.asText()));
        String email = text(node.path("email"));
        var contact = new CustomerContact(text(customer.path("legacyResourceId")),
                email == null ? null : email.toLowerCase(Locale.ROOT),
                first(text(node.path("phone")), text(shipping.path("phone")), text(billing.path("phone"))),
                first(text(customer.path("firstName")), text(shipping.path("firstName")), text(billing.path("firstName"))),
                text(node.path("customerLocale")), tags);
        List<ShippingLine> shippingLines = new ArrayList<>();
        for (JsonNode line : node.path("shippingLines").path("nodes")) {
            shippingLines.add(new ShippingLine(text(line.path("title")), text(line.path("code"))));
        }
        List<LineItemSummary> lineItems = new ArrayList<>();
        for (JsonNode item : node.path("lineItems").path("nodes")) {
            lineItems.add(new LineItemSummary(first(text(item.path("title")), text(item.path("name")), ""),
                    Math.max(0, item.path("quantity").asInt(0)), text(item.path("sku"))));
        }
        List<Fulfillment> fulfillments = new ArrayList<>();
        for (JsonNode f : node.path("fulfillments")) {
            String id = text(f.path("legacyResourceId"));
            if (id != null) {
                fulfillments.add(fulfillment(id, f));
            }
        }
        String country = first(text(shipping.path("countryCodeV2")), text(billing.path("countryCodeV2")));
        JsonNode money = node.path("totalPriceSet").path("shopMoney");
        return new Order(shop, text(node.path("legacyResourceId")), text(node.path("name")), instant(node.path("createdAt")),
                instant(node.path("updatedAt")), lower(text(node.path("displayFinancialStatus"))),
                fulfillmentStatus(text(node.path("displayFulfillmentStatus"))), instant(node.path("cancelledAt")),
                lower(text(node.path("cancelReason"))), instant(node.path("closedAt")), contact,
                country == null ? null : country.toUpperCase(Locale.ROOT), shippingLines, lineItems, text(money.path("amount")),
                text(money.path("currencyCode")), fulfillments, null);
    }

    private static Fulfillment fulfillment(String id, JsonNode f) {
        List<String> numbers = new ArrayList<>();
        List<String> urls = new ArrayList<>();
        String company = null;
        for (JsonNode tracking : f.path("trackingInfo")) {
            company = company == null ? text(tracking.path("company")) : company;
            if (text(tracking.path("number")) != null) {
                numbers.add(text(tracking.path("number")));
            }
            if (text(tracking.path("url")) != null) {
                urls.add(text(tracking.path("url")));
            }
        }
        String display = lower(text(f.path("displayStatus")));
        return new Fulfillment(id, lower(text(f.path("status"))), SHIPMENT_STATUSES.contains(display) ? display : null, company,
                numbers, urls, instant(f.path("createdAt")), instant(f.path("updatedAt")), instant(f.path("estimatedDeliveryAt")), null);
    }

    /** REST's {@code fulfillment_status}: null (none shipped), {@code partial}, {@code fulfilled} or {@code restocked}. */
    static String fulfillmentStatus(String display) {
        if (display == null) {
            return null;
        }
        return switch (display) {
            case "FULFILLED" -> "fulfilled";
            case "PARTIALLY_FULFILLED" -> "partial";
            case "RESTOCKED" -> "restocked";
            default -> null;
        };
    }

    private static String lower(String value) {
        return value == null ? null : value.toLowerCase(Locale.ROOT);
    }

    private static String text(JsonNode node) {
        return node.isValueNode() && !node.isNull() && !node.asText().isBlank() ? node.asText().trim() : null;
    }

    private static Instant instant(JsonNode node) {
        String raw = text(node);
        if (raw == null) {
            return null;
        }
        try {
            return java.time.OffsetDateTime.parse(raw).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    @SafeVarargs
    private static <T> T first(T... values) {
        for (T value : values) {
            if (value != null) {
                return value;
            }
        }
        return null;
    }
}
