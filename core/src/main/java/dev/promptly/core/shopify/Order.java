package dev.promptly.core.shopify;

import dev.promptly.core.ShopDomain;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What Promptly keeps of a Shopify order for acknowledgements, WISMO answers and delay notices.
 *
 * <p>{@code updatedAt} is Shopify's {@code updated_at} of the last applied order payload; it is null while
 * the order is known only from fulfillment webhooks that arrived before it (deliveries are unordered).
 * {@code redactedAt} is set once the customer's data was erased; personal fields stay empty after that.
 * {@code refunds} are the order's refunds, oldest first; {@code statusUrl} is Shopify's
 * {@code order_status_url}, the customer's order status page (where the invoice and receipt are), or null.
 */
public record Order(
        ShopDomain shop,
        String orderId,
        String name,
        Instant createdAt,
        Instant updatedAt,
        String financialStatus,
        String fulfillmentStatus,
        Instant cancelledAt,
        String cancelReason,
        Instant closedAt,
        CustomerContact customer,
        String shippingCountry,
        List<ShippingLine> shippingLines,
        List<LineItemSummary> lineItems,
        String totalPrice,
        String currency,
        List<Fulfillment> fulfillments,
        Instant redactedAt,
        List<Refund> refunds,
        String statusUrl) {

    /** An order without refunds or status page known. */
    public Order(ShopDomain shop, String orderId, String name, Instant createdAt, Instant updatedAt, String financialStatus,
                 String fulfillmentStatus, Instant cancelledAt, String cancelReason, Instant closedAt, CustomerContact customer,
                 String shippingCountry, List<ShippingLine> shippingLines, List<LineItemSummary> lineItems, String totalPrice,
                 String currency, List<Fulfillment> fulfillments, Instant redactedAt) {
        this(shop, orderId, name, createdAt, updatedAt, financialStatus, fulfillmentStatus, cancelledAt, cancelReason, closedAt,
                customer, shippingCountry, shippingLines, lineItems, totalPrice, currency, fulfillments, redactedAt, List.of(), null);
    }

    public Order {
        Objects.requireNonNull(shop, "shop");
        Objects.requireNonNull(orderId, "orderId");
        customer = customer == null ? CustomerContact.NONE : customer;
        shippingLines = shippingLines == null ? List.of() : List.copyOf(shippingLines);
        lineItems = lineItems == null ? List.of() : List.copyOf(lineItems);
        fulfillments = fulfillments == null ? List.of() : List.copyOf(fulfillments);
        refunds = refunds == null ? List.of() : List.copyOf(refunds);
    }

    /** An order known so far only through one of its fulfillments. */
    public static Order placeholder(ShopDomain shop, String orderId) {
        return new Order(shop, orderId, null, null, null, null, null, null, null, null, CustomerContact.NONE,
                null, List.of(), List.of(), null, null, List.of(), null);
    }

    /** Whether an order payload has been applied (and not only fulfillments). */
    public boolean hasOrderDetails() {
        return updatedAt != null;
    }

    public Optional<Fulfillment> fulfillment(String fulfillmentId) {
        return fulfillments.stream().filter(f -> f.fulfillmentId().equals(fulfillmentId)).findFirst();
    }

    /** This order with {@code fulfillment} added, or replacing the one with the same id in place. */
    public Order withFulfillment(Fulfillment fulfillment) {
        List<Fulfillment> next = new ArrayList<>(fulfillments);
        int at = indexOf(fulfillment.fulfillmentId());
        if (at >= 0) {
            next.set(at, fulfillment);
        } else {
            next.add(fulfillment);
        }
        return withFulfillments(next);
    }

    Order withFulfillments(List<Fulfillment> next) {
        return new Order(shop, orderId, name, createdAt, updatedAt, financialStatus, fulfillmentStatus, cancelledAt,
                cancelReason, closedAt, customer, shippingCountry, shippingLines, lineItems, totalPrice, currency,
                next, redactedAt, refunds, statusUrl);
    }

    /**
     * This order with {@code refund} added, or replacing the one with the same id, and the refunds kept
     * in the order they were issued (refunds without a time last, by id), whatever order the webhooks came in.
     */
    public Order withRefund(Refund refund) {
        List<Refund> next = new ArrayList<>(refunds);
        next.removeIf(r -> r.refundId().equals(refund.refundId()));
        next.add(refund);
        next.sort(Comparator.comparing(Refund::processedAt, Comparator.nullsLast(Comparator.naturalOrder()))
                .thenComparing(Refund::refundId));
        return new Order(shop, orderId, name, createdAt, updatedAt, financialStatus, fulfillmentStatus, cancelledAt,
                cancelReason, closedAt, customer, shippingCountry, shippingLines, lineItems, totalPrice, currency,
                fulfillments, redactedAt, next, statusUrl);
    }

    /** This order with the customer's personal data erased, marked as redacted at {@code when}. */
    public Order redacted(Instant when) {
        return new Order(shop, orderId, name, createdAt, updatedAt, financialStatus, fulfillmentStatus, cancelledAt,
                cancelReason, closedAt, customer.redacted(), shippingCountry, shippingLines, lineItems, totalPrice,
                currency, fulfillments, redactedAt != null ? redactedAt : when, refunds, null);
    }

    private int indexOf(String fulfillmentId) {
        for (int i = 0; i < fulfillments.size(); i++) {
            if (fulfillments.get(i).fulfillmentId().equals(fulfillmentId)) {
                return i;
            }
        }
        return -1;
    }
}
