package dev.promptly.core.shopify;

import com.fasterxml.jackson.databind.JsonNode;
import dev.promptly.core.ShopDomain;
import dev.promptly.core.error.InvalidInputException;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads Shopify webhook bodies (REST resource JSON) into Promptly's records. Missing required fields
 * and malformed values are reported as {@link InvalidInputException} naming the JSON path.
 */
public final class ShopifyPayloads {
    /**
     * Longest id accepted (order, customer, fulfillment, data request, webhook): Shopify's are numbers or
     * short GIDs. Ids become DynamoDB sort keys (at most 1,024 bytes); 256 printable ASCII characters
     * stay far below that, so an over-long id is a 400 naming the field, never a DynamoDB error.
     */
    public static final int MAX_ID_LENGTH = 256;
    /** Longest order name, e-mail (RFC 5321's 254) and phone indexed: index keys must stay under 2,048 bytes. */
    private static final int MAX_NAME_LENGTH = 256;
    private static final int MAX_EMAIL_LENGTH = 254;
    private static final int MAX_PHONE_LENGTH = 64;
    private static final int MAX_URL_LENGTH = 2048;
    private static final java.util.regex.Pattern ID = java.util.regex.Pattern.compile("[!-~]{1," + MAX_ID_LENGTH + "}");
    private ShopifyPayloads() {
    }

    /** Shopify's customer {@code tags}: one comma-separated string ({@code "VIP, wholesale"}); a list is read too. */
    static List<String> customerTags(JsonNode tags) {
        List<String> result = new ArrayList<>();
        if (tags.isArray()) {
            tags.forEach(tag -> result.add(tag.asText("")));
        } else if (tags.isTextual()) {
            result.addAll(List.of(tags.asText().split(",")));
        }
        return result.stream().map(String::strip).filter(tag -> !tag.isEmpty()).distinct().toList();
    }

    /** An {@code orders/*} body, a REST Order resource. */
    public static Order order(ShopDomain shop, JsonNode body) {
        requireObject(body);
        String orderId = requiredId(body, "id");
        Instant updatedAt = requiredTime(body, "updated_at");
        JsonNode customer = body.path("customer");
        JsonNode shipping = body.path("shipping_address");
        JsonNode billing = body.path("billing_address");
        var contact = new CustomerContact(
                id(customer, "id"),
                normalisedEmail(bounded(firstText(body.path("email"), body.path("contact_email"), customer.path("email")), "body.email",
                        MAX_EMAIL_LENGTH)),
                bounded(firstText(body.path("phone"), customer.path("phone"), shipping.path("phone"), billing.path("phone")), "body.phone",
                        MAX_PHONE_LENGTH),
                firstText(customer.path("first_name"), shipping.path("first_name"), billing.path("first_name")),
                text(body.path("customer_locale")),
                customerTags(customer.path("tags")));
        List<ShippingLine> shippingLines = new ArrayList<>();
        for (JsonNode line : body.path("shipping_lines")) {
            shippingLines.add(new ShippingLine(text(line.path("title")), text(line.path("code"))));
        }
        List<LineItemSummary> lineItems = new ArrayList<>();
        for (JsonNode item : body.path("line_items")) {
            lineItems.add(new LineItemSummary(
                    firstNonNull(text(item.path("title")), text(item.path("name")), ""),
                    Math.max(0, item.path("quantity").asInt(0)),
                    text(item.path("sku"))));
        }
        List<Fulfillment> fulfillments = new ArrayList<>();
        int i = 0;
        for (JsonNode f : body.path("fulfillments")) {
            fulfillments.add(fulfillment(f, "fulfillments[" + i++ + "]"));
        }
        List<Refund> refunds = new ArrayList<>();
        int r = 0;
        for (JsonNode refund : body.path("refunds")) {
            refunds.add(refund(refund, "refunds[" + r++ + "]"));
        }
        String country = firstText(shipping.path("country_code"), billing.path("country_code"));
        return new Order(shop, orderId, bounded(text(body.path("name")), "body.name", MAX_NAME_LENGTH), time(body, "created_at"), updatedAt,
                text(body.path("financial_status")), text(body.path("fulfillment_status")),
                time(body, "cancelled_at"), text(body.path("cancel_reason")), time(body, "closed_at"), contact,
                country == null ? null : country.toUpperCase(Locale.ROOT), shippingLines, lineItems,
                text(body.path("total_price")), text(body.path("currency")), fulfillments, null, refunds,
                statusUrl(text(body.path("order_status_url"))));
    }

    /** A {@code refunds/create} body, a REST Refund resource. */
    public static RefundUpdate refundUpdate(JsonNode body) {
        requireObject(body);
        return new RefundUpdate(requiredId(body, "order_id"), refund(body, ""));
    }

    /**
     * A REST Refund resource: its money is the sum of its {@code transactions} of kind {@code refund} and
     * status {@code success}; others (pending, failed, or the sale they reverse) moved no money back.
     */
    private static Refund refund(JsonNode r, String path) {
        String prefix = path.isEmpty() ? "body." : "body." + path + ".";
        if (!r.isObject()) {
            throw new InvalidInputException(prefix.substring(0, prefix.length() - 1), "must be an object");
        }
        String id = id(r, "id");
        if (id == null) {
            throw new InvalidInputException(prefix + "id", "is required");
        }
        BigDecimal amount = null;
        String currency = null;
        int i = 0;
        for (JsonNode t : r.path("transactions")) {
            String at = prefix + "transactions[" + i++ + "]";
            if ("refund".equals(text(t.path("kind"))) && "success".equals(text(t.path("status")))) {
                amount = (amount == null ? BigDecimal.ZERO : amount).add(money(t.path("amount"), at + ".amount"));
                currency = currency != null ? currency : text(t.path("currency"));
            }
        }
        Instant processed = timeAt(r, "processed_at", prefix);
        return new Refund(id, processed != null ? processed : timeAt(r, "created_at", prefix), amount, currency);
    }

    private static BigDecimal money(JsonNode node, String path) {
        String raw = node.isNumber() ? node.asText() : text(node);
        // Amounts are short decimal strings ("12.50"); a long one is not an amount, and BigDecimal must not parse it.
        if (raw == null || raw.length() > 32) {
            throw new InvalidInputException(path, "must be a decimal amount");
        }
        try {
            return new BigDecimal(raw);
        } catch (NumberFormatException e) {
            throw new InvalidInputException(path, "must be a decimal amount");
        }
    }

    /** The order status page: an https URL of reasonable length (it is mailed to the customer as a link), else a 400. */
    private static String statusUrl(String url) {
        if (url == null) {
            return null;
        }
        if (!url.startsWith("https://") || url.length() > MAX_URL_LENGTH || url.chars().anyMatch(c -> c <= ' ' || c == '"' || c == '<' || c == '>')) {
            throw new InvalidInputException("body.order_status_url", "must be an https URL of at most " + MAX_URL_LENGTH + " characters");
        }
        return url;
    }

    /** A {@code fulfillments/create|update} body, a REST Fulfillment resource. */
    public static FulfillmentUpdate fulfillmentUpdate(JsonNode body) {
        requireObject(body);
        String orderId = requiredId(body, "order_id");
        Fulfillment fulfillment = fulfillment(body, "");
        if (fulfillment.updatedAt() == null) {
            throw new InvalidInputException("body.updated_at", "is required");
        }
        return new FulfillmentUpdate(orderId, fulfillment);
    }

    /** A {@code fulfillment_events/create} body, a REST FulfillmentEvent resource. */
    public static FulfillmentEventUpdate fulfillmentEvent(JsonNode body) {
        requireObject(body);
        String orderId = requiredId(body, "order_id");
        String fulfillmentId = requiredId(body, "fulfillment_id");
        String status = text(body.path("status"));
        if (status == null) {
            throw new InvalidInputException("body.status", "is required");
        }
        Instant happenedAt = time(body, "happened_at");
        if (happenedAt == null) {
            happenedAt = requiredTime(body, "created_at");
        }
        var event = new TrackingEvent(id(body, "id"), status, happenedAt, text(body.path("message")));
        return new FulfillmentEventUpdate(orderId, fulfillmentId, event, time(body, "estimated_delivery_at"));
    }

    /** A {@code customers/redact} or {@code customers/data_request} body. */
    public static CustomerPrivacyRequest privacyRequest(ShopDomain shop, JsonNode body, boolean isDataRequest) {
        requireObject(body);
        requireSameShop(shop, body);
        JsonNode customer = body.path("customer");
        String requestId = null;
        if (isDataRequest) {
            requestId = id(body.path("data_request"), "id");
            if (requestId == null) {
                throw new InvalidInputException("body.data_request.id", "is required");
            }
        }
        String customerId = id(customer, "id");
        String email = normalisedEmail(bounded(text(customer.path("email")), "body.customer.email", MAX_EMAIL_LENGTH));
        String phone = bounded(text(customer.path("phone")), "body.customer.phone", MAX_PHONE_LENGTH);
        if (customerId == null && email == null && phone == null) {
            throw new InvalidInputException("body.customer", "must carry an id, email or phone");
        }
        List<String> orderIds = new ArrayList<>();
        String listField = isDataRequest ? "orders_requested" : "orders_to_redact";
        for (JsonNode id : body.path(listField)) {
            if (!id.isIntegralNumber() && !id.isTextual()) {
                throw new InvalidInputException("body." + listField, "must list order ids");
            }
            if (!ID.matcher(id.asText()).matches()) {
                throw new InvalidInputException("body." + listField, "must list ids of at most " + MAX_ID_LENGTH + " printable ASCII characters");
            }
            orderIds.add(id.asText());
        }
        return new CustomerPrivacyRequest(shop, requestId, customerId, email, phone, orderIds);
    }

    /** A {@code shop/redact} body: only checks that it is about the shop it was delivered for. */
    public static void shopRedaction(ShopDomain shop, JsonNode body) {
        requireObject(body);
        requireSameShop(shop, body);
    }

    private static Fulfillment fulfillment(JsonNode f, String path) {
        String prefix = path.isEmpty() ? "body." : "body." + path + ".";
        if (!f.isObject()) {
            throw new InvalidInputException(prefix.substring(0, prefix.length() - 1), "must be an object");
        }
        String id = id(f, "id");
        if (id == null) {
            throw new InvalidInputException(prefix + "id", "is required");
        }
        List<String> numbers = texts(f.path("tracking_numbers"));
        if (numbers.isEmpty() && text(f.path("tracking_number")) != null) {
            numbers = List.of(text(f.path("tracking_number")));
        }
        List<String> urls = texts(f.path("tracking_urls"));
        if (urls.isEmpty() && text(f.path("tracking_url")) != null) {
            urls = List.of(text(f.path("tracking_url")));
        }
        return new Fulfillment(id, text(f.path("status")), text(f.path("shipment_status")),
                text(f.path("tracking_company")), numbers, urls, timeAt(f, "created_at", prefix),
                timeAt(f, "updated_at", prefix), timeAt(f, "estimated_delivery_at", prefix), null);
    }

    private static void requireObject(JsonNode body) {
        if (body == null || !body.isObject()) {
            throw new InvalidInputException("body", "must be a JSON object");
        }
    }

    private static void requireSameShop(ShopDomain shop, JsonNode body) {
        String domain = text(body.path("shop_domain"));
        if (domain != null && !domain.toLowerCase(Locale.ROOT).equals(shop.value())) {
            throw new InvalidInputException("body.shop_domain", "does not match the X-Shopify-Shop-Domain header");
        }
    }

    private static String requiredId(JsonNode node, String field) {
        String id = id(node, field);
        if (id == null) {
            throw new InvalidInputException("body." + field, "is required");
        }
        return id;
    }

    private static String id(JsonNode node, String field) {
        JsonNode value = node.path(field);
        if (value.isIntegralNumber() || value.isTextual() && !value.asText().isBlank()) {
            String id = value.asText().trim();
            if (!ID.matcher(id).matches()) {
                throw new InvalidInputException("body." + field, "must be an id of at most " + MAX_ID_LENGTH + " printable ASCII characters");
            }
            return id;
        }
        if (value.isMissingNode() || value.isNull()) {
            return null;
        }
        throw new InvalidInputException("body." + field, "must be an id (a number or a string)");
    }

    private static Instant requiredTime(JsonNode node, String field) {
        Instant time = time(node, field);
        if (time == null) {
            throw new InvalidInputException("body." + field, "is required");
        }
        return time;
    }

    private static Instant time(JsonNode node, String field) {
        return timeAt(node, field, "body.");
    }

    private static Instant timeAt(JsonNode node, String field, String prefix) {
        String raw = text(node.path(field));
        if (raw == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(raw).toInstant();
        } catch (DateTimeParseException e) {
            try {
                return Instant.parse(raw);
            } catch (DateTimeParseException again) {
                throw new InvalidInputException(prefix + field, "must be an ISO-8601 timestamp with offset");
            }
        }
    }

    private static String text(JsonNode node) {
        if (node == null || node.isMissingNode() || node.isNull() || node.isContainerNode()) {
            return null;
        }
        String value = node.asText().trim();
        return value.isEmpty() ? null : value;
    }

    private static List<String> texts(JsonNode array) {
        List<String> values = new ArrayList<>();
        for (JsonNode node : array) {
            String value = text(node);
            if (value != null) {
                values.add(value);
            }
        }
        return values;
    }

    private static String firstText(JsonNode... nodes) {
        for (JsonNode node : nodes) {
            String value = text(node);
            if (value != null) {
                return value;
            }
        }
        return null;
    }

    @SafeVarargs
    private static <T> T firstNonNull(T... values) {
        for (T value : values) {
            if (value != null) {
                return value;
            }
        }
        return null;
    }

    private static String bounded(String value, String field, int max) {
        if (value != null && value.length() > max) {
            throw new InvalidInputException(field, "is longer than " + max + " characters");
        }
        return value;
    }

    private static String normalisedEmail(String email) {
        return email == null ? null : email.toLowerCase(Locale.ROOT);
    }
}
