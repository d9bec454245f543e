package dev.promptly.core.wismo;

import java.util.List;
import java.util.Objects;

/**
 * What the one reply to a "where is my order?" message says besides the acknowledgement: a report per
 * order the sender may see, or — when none matches — that no order was found for this address, which
 * never tells whether an order with a given number exists. {@code askWhich} is set when the sender has
 * more open orders than one reply should list. {@code lookupUnavailable} is set when the order could not
 * be looked up in time (the shop's Admin API slow or down): the reply then gives no details and says
 * that the team will answer.
 */
public record WismoAnswer(List<OrderReport> orders, boolean noOrderFound, boolean askWhich, boolean lookupUnavailable) {
    /** Open orders listed at most in one reply; with more, the customer is asked which one. */
    public static final int MAX_ORDERS = 3;

    public WismoAnswer {
        orders = List.copyOf(Objects.requireNonNull(orders, "orders"));
    }

    public WismoAnswer(List<OrderReport> orders, boolean noOrderFound, boolean askWhich) {
        this(orders, noOrderFound, askWhich, false);
    }

    /** No details: the order could not be looked up in time; a person answers. */
    public static WismoAnswer unavailable() {
        return new WismoAnswer(List.of(), false, false, true);
    }

    public static WismoAnswer none() {
        return new WismoAnswer(List.of(), true, false);
    }

    /** Whether a person should follow up rather than wait for the customer. */
    public boolean needsPerson() {
        if (lookupUnavailable) {
            return true;
        }
        for (OrderReport order : orders) {
            if (order.needsPerson()) {
                return true;
            }
        }
        return false;
    }
}
