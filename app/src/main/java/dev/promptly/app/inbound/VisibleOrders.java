package dev.promptly.app.inbound;

import dev.promptly.app.port.OrderStore;
import dev.promptly.app.shopify.LiveOrderLookup;
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
 * named by someone else is treated exactly like one that does not exist. An order or address Promptly has
 * no order for is asked of the shop's Admin API when the shop has access ({@link LiveOrderLookup}); what
 * it finds is stored and then shown under the same rule. Thread-safe.
 */
final class VisibleOrders {
    /**
     * Distinct order numbers looked up per message: as many as one reply lists (WismoAnswer.MAX_ORDERS).
     * Each costs up to one index query per spelling, so a message listing thousands costs what three cost.
     */
    static final int MAX_ORDER_LOOKUPS = WismoAnswer.MAX_ORDERS;
    private final OrderStore orders;
    private final LiveOrderLookup live;

    VisibleOrders(OrderStore orders, LiveOrderLookup live) {
        this.orders = Objects.requireNonNull(orders, "orders");
        this.live = Objects.requireNonNull(live, "live");
    }

    /** The named orders the reply may show; {@code unavailable} when a live lookup could not be made in time. */
    record Found(List<Order> orders, boolean unavailable) {
        static final Found NONE = new Found(List.of(), false);

        Found {
            orders = List.copyOf(orders);
        }
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
    Found named(InboundMessage message, WismoSignal signal, IntakeShop shop, ReplyContact contact) {
        // Each reference costs index queries; a message listing thousands must not cost thousands of reads.
        List<String> numbers = signal.orderReferences().stream().distinct().limit(MAX_ORDER_LOOKUPS).toList();
        List<CompletableFuture<Found>> others = numbers.stream().skip(1)
                .map(number -> Lookups.start(() -> visibleNamed(message, number, shop, contact)))
                .toList();
        List<Order> found = new ArrayList<>();
        boolean unavailable = false;
        if (!numbers.isEmpty()) {
            Found first = visibleNamed(message, numbers.get(0), shop, contact);
            addNew(found, first.orders());
            unavailable = first.unavailable();
        }
        for (var other : others) {
            Found next = Lookups.await(other);
            addNew(found, next.orders());
            unavailable |= next.unavailable();
        }
        return new Found(found, unavailable);
    }

    /**
     * The stored orders named {@code number} in one of its spellings that the contact may see; when none
     * is stored, the order as the Admin API knows it by the shop's spelling (one call at most).
     */
    private Found visibleNamed(InboundMessage message, String number, IntakeShop shop, ReplyContact contact) {
        String shopSpelling = shop.config().wismo().orderName().nameOf(number);
        Set<String> names = new LinkedHashSet<>(List.of(shopSpelling, "#" + number, number));
        for (String name : names) {
            var stored = orders.findByName(message.shop(), name);
            if (!stored.isEmpty()) {
                // A shop names each order once: the other spellings name the same order, or none.
                return new Found(visibleTo(contact, stored.stream().map(OrderStore.StoredOrder::order).toList()), false);
            }
        }
        LiveOrderLookup.Result asked = live.byName(message.shop(), shopSpelling);
        return new Found(visibleTo(contact, asked.orders()), asked.unavailable());
    }

    private static List<Order> visibleTo(ReplyContact contact, List<Order> candidates) {
        return candidates.stream()
                .filter(order -> order.hasOrderDetails() && order.redactedAt() == null && contact.isStoredOn(order))
                .toList();
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
    WismoAnswer answer(InboundMessage message, WismoSignal signal, Found named, IntakeShop shop, Instant now,
                       ReplyContact contact) {
        if (!named.orders().isEmpty()) {
            return new WismoAnswer(named.orders().stream().limit(WismoAnswer.MAX_ORDERS)
                    .map(o -> report(o, shop, now)).toList(), false, false);
        }
        if (!signal.orderReferences().isEmpty()) {
            return named.unavailable() ? WismoAnswer.unavailable() : WismoAnswer.none();
        }
        List<Order> candidates = orders.findByContact(message.shop(), contact.email(), contact.phone()).stream()
                .map(OrderStore.StoredOrder::order).toList();
        if (candidates.isEmpty() && contact.email() != null) {
            // An address with no stored order at all: its orders may predate the webhooks.
            LiveOrderLookup.Result asked = live.byEmail(message.shop(), contact.email());
            if (asked.unavailable()) {
                return WismoAnswer.unavailable();
            }
            candidates = asked.orders();
        }
        List<OrderReport> reports = visibleTo(contact, candidates).stream()
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
