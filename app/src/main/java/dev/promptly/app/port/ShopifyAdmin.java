package dev.promptly.app.port;

import dev.promptly.core.ShopDomain;
import dev.promptly.core.shopify.Order;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A shop's Shopify Admin API, as the use cases need it (issue 17): orders Promptly never received by
 * webhook, read live or in pages for a backfill, and goodwill discount codes. Orders come back in the
 * shape webhooks give ({@link Order}, REST ids), so they are stored through the same merge rules.
 * Every call is bounded in time; a call that cannot be answered in its budget throws
 * {@link AdminApiUnavailableException}. Implementations are thread-safe.
 */
public interface ShopifyAdmin {
    /** Whether {@code shop} has Admin API access configured; the other methods require it. */
    boolean enabledFor(ShopDomain shop);

    /** The shop's orders named {@code name} (e.g. {@code #1001}), with fulfillments and tracking; at most a few. */
    List<Order> ordersNamed(ShopDomain shop, String name);

    /** The most recent orders placed with {@code email}, newest first, with fulfillments and tracking; at most {@code max}. */
    List<Order> recentOrdersOf(ShopDomain shop, String email, int max);

    /** One page of the orders updated at or after {@code since}, oldest first; {@code cursor} null for the first page. */
    OrderPage ordersUpdatedSince(ShopDomain shop, Instant since, String cursor, int pageSize);

    /** Starts a bulk query of the orders updated at or after {@code since}; the bulk operation's id. */
    String startBulkOrdersUpdatedSince(ShopDomain shop, Instant since);

    /** Where a bulk operation started by {@link #startBulkOrdersUpdatedSince} stands. */
    BulkOperation bulkOperation(ShopDomain shop, String id);

    /**
     * Reads a completed bulk operation's orders from its {@code result}, skipping the first {@code skip}, and hands
     * each to {@code sink} in order until it returns false (that order is not counted).
     *
     * @return how many orders past {@code skip} were read (handed on, or unusable and passed over)
     */
    long readBulkOrders(ShopDomain shop, java.net.URI result, long skip, java.util.function.Predicate<Order> sink);

    /**
     * A bulk operation: {@code status} as Shopify names it ({@code CREATED}, {@code RUNNING}, {@code COMPLETED},
     * {@code FAILED}, {@code CANCELED}, {@code EXPIRED}, …), its {@code errorCode} when failed, and once completed the
     * {@code url} of its JSONL result (null when it found nothing).
     */
    record BulkOperation(String id, String status, String errorCode, long rootObjectCount, java.net.URI url) {
        public BulkOperation {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(status, "status");
        }

        public boolean running() {
            return status.equals("CREATED") || status.equals("RUNNING") || status.equals("CANCELING");
        }

        public boolean completed() {
            return status.equals("COMPLETED");
        }
    }

    /**
     * Creates a single-use discount code limited to one customer; the code's value as Shopify confirmed it.
     *
     * @throws DiscountCodeTakenException a discount with this code exists already
     */
    CreatedCode createDiscountCode(ShopDomain shop, DiscountCodeRequest request);

    /** A page of orders and where the next starts ({@code endCursor}, null when {@code hasNextPage} is false). */
    record OrderPage(List<Order> orders, String endCursor, boolean hasNextPage) {
        public OrderPage {
            orders = List.copyOf(orders);
        }
    }

    /**
     * A code worth {@code percentage} (0 < p <= 1, e.g. 0.1 for 10 %) or {@code amount} in the shop's
     * currency (exactly one of the two), usable once by customer {@code customerId} (the REST id), from
     * {@code startsAt} to {@code endsAt}, on orders of at least {@code minimumSubtotal} (null: any).
     */
    record DiscountCodeRequest(String code, String title, String customerId, BigDecimal percentage, BigDecimal amount,
                               BigDecimal minimumSubtotal, Instant startsAt, Instant endsAt) {
        public DiscountCodeRequest {
            Objects.requireNonNull(code, "code");
            Objects.requireNonNull(title, "title");
            Objects.requireNonNull(customerId, "customerId");
            Objects.requireNonNull(startsAt, "startsAt");
            Objects.requireNonNull(endsAt, "endsAt");
            if ((percentage == null) == (amount == null)) {
                throw new IllegalArgumentException("a discount is either a percentage or an amount");
            }
            if (percentage != null && (percentage.signum() <= 0 || percentage.compareTo(BigDecimal.ONE) > 0)) {
                throw new IllegalArgumentException("percentage must be in (0, 1]");
            }
            if (amount != null && amount.signum() <= 0) {
                throw new IllegalArgumentException("amount must be > 0");
            }
            if (!endsAt.isAfter(startsAt)) {
                throw new IllegalArgumentException("endsAt must be after startsAt");
            }
        }

        public Optional<BigDecimal> minimum() {
            return Optional.ofNullable(minimumSubtotal);
        }
    }

    /**
     * Shopify refused a code because a discount with that code exists already ({@code userErrors} code
     * {@code TAKEN} on the code). When the code is one Promptly chose at random and asked for before, that
     * discount is the one an earlier, unanswered call created.
     */
    final class DiscountCodeTakenException extends RuntimeException {
        public DiscountCodeTakenException(String message) {
            super(message);
        }
    }

    /** A code Shopify created: its discount's id and the code customers type. */
    record CreatedCode(String discountId, String code) {
    }

    /**
     * The Admin API did not answer in time (timeout, connection failure, 5xx, throttled past the retry
     * budget) or refused the call (errors, user errors). The message names the operation and the reason,
     * never personal data.
     */
    final class AdminApiUnavailableException extends RuntimeException {
        public AdminApiUnavailableException(String message) {
            super(message);
        }

        public AdminApiUnavailableException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
