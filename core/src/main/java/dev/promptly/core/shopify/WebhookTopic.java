package dev.promptly.core.shopify;

import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The Shopify webhook topics Promptly processes, by their {@code X-Shopify-Topic} names. */
public enum WebhookTopic {
    ORDERS_CREATE("orders/create", Kind.ORDER),
    ORDERS_UPDATED("orders/updated", Kind.ORDER),
    ORDERS_FULFILLED("orders/fulfilled", Kind.ORDER),
    ORDERS_PARTIALLY_FULFILLED("orders/partially_fulfilled", Kind.ORDER),
    ORDERS_CANCELLED("orders/cancelled", Kind.ORDER),
    FULFILLMENTS_CREATE("fulfillments/create", Kind.FULFILLMENT),
    FULFILLMENTS_UPDATE("fulfillments/update", Kind.FULFILLMENT),
    FULFILLMENT_EVENTS_CREATE("fulfillment_events/create", Kind.FULFILLMENT_EVENT),
    CUSTOMERS_DATA_REQUEST("customers/data_request", Kind.CUSTOMER_DATA_REQUEST),
    CUSTOMERS_REDACT("customers/redact", Kind.CUSTOMER_REDACT),
    SHOP_REDACT("shop/redact", Kind.SHOP_REDACT),
    REFUNDS_CREATE("refunds/create", Kind.REFUND);

    /** What a topic's payload is and so how it is applied. */
    public enum Kind { ORDER, FULFILLMENT, FULFILLMENT_EVENT, CUSTOMER_DATA_REQUEST, CUSTOMER_REDACT, SHOP_REDACT, REFUND }

    private static final Map<String, WebhookTopic> BY_NAME =
            Arrays.stream(values()).collect(Collectors.toUnmodifiableMap(t -> t.wireName, Function.identity()));

    private final String wireName;
    private final Kind kind;

    WebhookTopic(String wireName, Kind kind) {
        this.wireName = wireName;
        this.kind = kind;
    }

    /** The topic named by an {@code X-Shopify-Topic} header, or empty for a topic Promptly ignores. */
    public static Optional<WebhookTopic> fromHeader(String header) {
        return header == null ? Optional.empty() : Optional.ofNullable(BY_NAME.get(header.trim().toLowerCase(Locale.ROOT)));
    }

    public String wireName() {
        return wireName;
    }

    public Kind kind() {
        return kind;
    }

    /** The mandatory privacy topics every Shopify app must answer. */
    public boolean isCompliance() {
        return kind == Kind.CUSTOMER_DATA_REQUEST || kind == Kind.CUSTOMER_REDACT || kind == Kind.SHOP_REDACT;
    }
}
