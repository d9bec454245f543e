package dev.promptly.app.inbound;

import dev.promptly.app.port.OrderStore;
import dev.promptly.core.message.InboundMessage;
import dev.promptly.core.message.PhoneNumbers;
import dev.promptly.core.reply.AcknowledgementPolicy.OrderContact;
import dev.promptly.core.reply.OrderRequestAnswer;
import dev.promptly.core.shopify.Order;
import dev.promptly.core.wismo.Intent;
import dev.promptly.core.wismo.OrderReport;
import dev.promptly.core.wismo.WismoAnswer;
import dev.promptly.core.wismo.WismoSignal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * The orders a reply may show: only those whose stored contact is the one the reply reaches. An order
 * named by someone else is treated exactly like one that does not exist. Thread-safe.
 */
final class VisibleOrders {
    /**
     * Distinct order numbers looked up per message: as many as one reply lists (WismoAnswer.MAX_ORDERS).
     * Each costs up to one index query per spelling, so a message listing thousands costs what three cost.
     */
    static final int MAX_ORDER_LOOKUPS = WismoAnswer.MAX_ORDERS;
    private final OrderStore orders;

    VisibleOrders(OrderStore orders) {
        this.orders = Objects.requireNonNull(orders, "orders");
    }

    /**
     * The one contact a reply with order details would reach: the address it is mailed to, or else a
     * phone number the channel verified and answers to. Exactly one of the two is set.
     */
    record ReplyContact(String email, String phone) {
        static Optional<ReplyContact> of(InboundMessage message, OrderContact contact) {
            return switch (contact) {
                case MAILED_ADDRESS -> Optional.of(new ReplyContact(message.sender().email(), null));
                case VERIFIED_PHONE -> message.verifiedPhone().map(phone -> new ReplyContact(null, phone));
                case NONE -> Optional.empty();
            };
        }

        /** Whether this contact is the order's own e-mail address or phone number. */
        boolean isStoredOn(Order order) {
            String stored = order.customer().email();
            if (email != null) {
                return stored != null && email.equalsIgnoreCase(stored.trim());
            }
            return PhoneNumbers.same(phone, order.customer().phone());
        }
    }

    /**
     * The orders the message names whose stored contact the reply goes to, in the order the message names
     * them. The numbers are looked up at once, the first on the caller's thread and the others through
     * {@link Lookups}, so a message naming three orders waits for one number's queries, not three in a row.
     */
    List<Order> named(InboundMessage message, WismoSignal signal, IntakeShop shop, ReplyContact contact) {
        // Each reference costs index queries; a message listing thousands must not cost thousands of reads.
        List<String> numbers = signal.orderReferences().stream().distinct().limit(MAX_ORDER_LOOKUPS).toList();
        List<CompletableFuture<List<Order>>> others = numbers.stream().skip(1)
                .map(number -> Lookups.start(() -> visibleNamed(message, number, shop, contact)))
                .toList();
        List<Order> found = new ArrayList<>();
        if (!numbers.isEmpty()) {
            addNew(found, visibleNamed(message, numbers.get(0), shop, contact));
        }
        for (var other : others) {
            addNew(found, Lookups.await(other));
        }
        return found;
    }

    /** The stored orders named {@code number} in one of its spellings that the contact may see. */
    private List<Order> visibleNamed(InboundMessage message, String number, IntakeShop shop, ReplyContact contact) {
        Set<String> names = new LinkedHashSet<>(List.of(shop.config().wismo().orderName().nameOf(number), "#" + number, number));
        for (String name : names) {
            var stored = orders.findByName(message.shop(), name);
            if (!stored.isEmpty()) {
                // A shop names each order once: the other spellings name the same order, or none.
                return stored.stream().map(OrderStore.StoredOrder::order)
                        .filter(order -> order.hasOrderDetails() && order.redactedAt() == null && contact.isStoredOn(order))
                        .toList();
            }
        }
        return List.of();
    }

    private static void addNew(List<Order> found, List<Order> orders) {
        for (Order order : orders) {
            if (found.stream().noneMatch(o -> o.orderId().equals(order.orderId()))) {
                found.add(order);
            }
        }
    }

    /**
     * The "where is my order?" part of the reply: the named orders; without a reference, the open orders
     * stored with the contact the reply goes to (through the indexes), or the latest such order when none
     * is open; with more open orders than one reply should list, a question which one is meant.
     */
    WismoAnswer answer(InboundMessage message, WismoSignal signal, List<Order> named, IntakeShop shop, Instant now,
                       ReplyContact contact) {
        if (!named.isEmpty()) {
            return new WismoAnswer(named.stream().limit(WismoAnswer.MAX_ORDERS)
                    .map(o -> report(o, shop, now)).toList(), false, false);
        }
        if (!signal.orderReferences().isEmpty()) {
            return WismoAnswer.none();
        }
        List<OrderReport> reports = orders.findByContact(message.shop(), contact.email(), contact.phone()).stream()
                .map(OrderStore.StoredOrder::order)
                .filter(o -> o.hasOrderDetails() && o.redactedAt() == null && contact.isStoredOn(o))
                .map(o -> report(o, shop, now))
                .toList();
        if (reports.isEmpty()) {
            return WismoAnswer.none();
        }
        List<OrderReport> open = reports.stream().filter(OrderReport::open).toList();
        if (open.isEmpty()) {
            return new WismoAnswer(List.of(reports.get(0)), false, false);
        }
        if (open.size() > WismoAnswer.MAX_ORDERS) {
            return new WismoAnswer(List.of(), false, true);
        }
        return new WismoAnswer(open, false, false);
    }

    /**
     * For a request that names no order: the order stored with the contact the reply goes to that the
     * request is about, when {@link OrderRequestAnswer#orderMeant} finds exactly one (one index query).
     */
    Optional<Order> meant(InboundMessage message, Intent intent, IntakeShop shop, Instant now, ReplyContact contact) {
        List<Order> stored = orders.findByContact(message.shop(), contact.email(), contact.phone()).stream()
                .map(OrderStore.StoredOrder::order)
                .filter(o -> o.hasOrderDetails() && o.redactedAt() == null && contact.isStoredOn(o))
                .toList();
        return OrderRequestAnswer.orderMeant(intent, stored.stream().map(o -> report(o, shop, now)).toList())
                .flatMap(id -> stored.stream().filter(o -> o.orderId().equals(id)).findFirst());
    }

    static OrderReport report(Order order, IntakeShop shop, Instant now) {
        return OrderReport.of(order, shop.calendar(), shop.config().delayPolicy(), now);
    }
}
