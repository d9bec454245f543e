package dev.promptly.core.wismo;

import java.util.Locale;
import java.util.Optional;

/**
 * What a customer message asks for, as far as the WISMO answer goes: {@link #WISMO} ("where is my
 * order?") is answered automatically; every other intent gets the normal acknowledgement. The others
 * exist because they look like WISMO (they mention orders, parcels, tracking) but need a person:
 * naming them keeps them out of the automatic answer and tells the team what the message is about.
 */
public enum Intent {
    /** Where is my order: its status, its tracking, why it has not arrived. */
    WISMO,
    /** Sending goods back or exchanging them. */
    RETURN,
    /** Money back, including where a refund is ("track my refund"). */
    REFUND,
    /** Cancelling an order or a purchase. */
    CANCELLATION,
    /** Changing the delivery address of an order or the account. */
    ADDRESS_CHANGE,
    /** Invoices, bills and receipts. */
    INVOICE,
    /** Questions before buying: delivery times, shipping costs and options, destinations, stock. */
    PRE_PURCHASE,
    /** Damaged, wrong or missing goods, or unhappiness with the service, without a question about an order's whereabouts. */
    COMPLAINT,
    /** Anything else, including what a shop's own negative phrases mark as not WISMO. */
    OTHER;

    /** The lower snake case name used in phrase books, configuration, reports and logs, e.g. {@code address_change}. */
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The intent with this {@link #wire()} name. */
    public static Optional<Intent> fromWire(String wire) {
        // A loop over the constants: the phrase books ask for every intent line they read at a cold start.
        for (Intent intent : values()) {
            if (intent.wire().equals(wire)) {
                return Optional.of(intent);
            }
        }
        return Optional.empty();
    }
}
