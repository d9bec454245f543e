package dev.promptly.core.delay;

import java.util.Locale;

/**
 * Why an order is late. {@link #NOT_SHIPPED} belongs to the order; the other stages belong to one
 * fulfillment (parcel), so a split shipment may be late in several ways at once.
 */
public enum DelayStage {
    /** Not (fully) shipped by the promised shipping date. */
    NOT_SHIPPED,
    /** A label was created, but the carrier has not scanned the parcel within the configured business days. */
    NO_CARRIER_SCAN,
    /** In transit, but no new tracking event for the configured business days. */
    TRACKING_STALLED,
    /** Past the expected delivery day (Shopify's estimate, else ship date plus transit days) and not delivered. */
    PAST_EXPECTED_DELIVERY,
    /** The carrier reports a problem: failure, attempted delivery, delayed, returned to sender. */
    CARRIER_EXCEPTION;

    /** The stage as it appears in keys, logs and templates: lower snake case, e.g. {@code no_carrier_scan}. */
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Whether the stage is about one fulfillment rather than the whole order. */
    public boolean perFulfillment() {
        return this != NOT_SHIPPED;
    }
}
