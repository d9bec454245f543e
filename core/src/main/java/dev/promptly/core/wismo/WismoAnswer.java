package dev.promptly.core.wismo;

import java.util.List;
import java.util.Objects;

/**
 * What the one reply to a "where is my order?" message says besides the acknowledgement: a report per
 * order the sender may see, or — when none matches — that no order was found for this address, which
 * never tells whether an order with a given number exists. {@code askWhich} is set when the sender has
 * more open orders than one reply should list.
 */
public record WismoAnswer(List<OrderReport> orders, boolean noOrderFound, boolean askWhich) {
    /** Open orders listed at most in one reply; with more, the customer is asked which one. */
    public static final int MAX_ORDERS = 3;

    public WismoAnswer {
        orders = List.copyOf(Objects.requireNonNull(orders, "orders"));
    }

    public static WismoAnswer none() {
        return new WismoAnswer(List.of(), true, false);
    }

    /** Whether a person should follow up rather than wait for the customer. */
    public boolean needsPerson() {
        return orders.stream().anyMatch(OrderReport::needsPerson);
    }
}
