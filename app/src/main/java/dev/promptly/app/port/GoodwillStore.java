package dev.promptly.app.port;

import dev.promptly.core.ShopDomain;
import dev.promptly.core.delay.DelayStage;
import dev.promptly.core.outbox.OutboxMessage;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * The goodwill codes of delay notices and each shop's monthly budget for them (issue 17), as the delay
 * scan needs them. A code is recorded per order and delay stage before Shopify is asked to create it and
 * before any notice names it, so a retried or overlapping scan finds the record and never creates a second
 * code; the budget is reserved in the same write, conditionally, so concurrent scans never exceed it.
 * Implementations are thread-safe.
 */
public interface GoodwillStore {
    /** Where a code is in its life. */
    enum State {
        /** Budget reserved, code chosen; Shopify may or may not have created it yet (a scan holds the lease, or crashed). */
        RESERVED,
        /** Shopify created it: notices name it. */
        CREATED,
        /** Shopify did not create it; its budget was given back. Notices go without a code. */
        FAILED;

        public String wire() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * One order's code for one delay stage.
     *
     * @param code          what the customer types (also the identity Shopify keeps unique per shop)
     * @param percentage    the code's percentage off (e.g. 10), or null for an amount
     * @param amount        the code's amount off in {@code currency}, or null for a percentage
     * @param minimum       the order subtotal the code needs, or null
     * @param budgetValue   what it counts against the monthly value budget (the amount, or the percentage of the late order's total)
     * @param month         the budget month it was counted in, {@code yyyy-MM} in the shop's zone
     * @param leaseUntil    until when the scan that reserved or claimed it is asking Shopify; another scan waits until then
     * @param teamNoted     whether the team was told that creating it failed
     */
    record GoodwillCode(ShopDomain shop, String orderId, DelayStage stage, String code, BigDecimal percentage, BigDecimal amount,
                        String currency, BigDecimal minimum, BigDecimal budgetValue, String month, State state, Instant reservedAt,
                        Instant leaseUntil, Instant endsAt, String discountId, boolean teamNoted) {
        public GoodwillCode {
            Objects.requireNonNull(shop, "shop");
            Objects.requireNonNull(orderId, "orderId");
            Objects.requireNonNull(stage, "stage");
            Objects.requireNonNull(code, "code");
            Objects.requireNonNull(budgetValue, "budgetValue");
            Objects.requireNonNull(month, "month");
            Objects.requireNonNull(state, "state");
            Objects.requireNonNull(reservedAt, "reservedAt");
            Objects.requireNonNull(endsAt, "endsAt");
            if ((percentage == null) == (amount == null)) {
                throw new IllegalArgumentException("a code is worth either a percentage or an amount");
            }
        }
    }

    /** A shop's budget for {@code month}: at most {@code maxCodes} codes worth at most {@code maxValue} together. */
    record Budget(String month, int maxCodes, BigDecimal maxValue) {
    }

    /** What a shop's codes used of {@code month}'s budget so far (reserved and created; failed ones are given back). */
    record BudgetUse(ShopDomain shop, String month, long codes, BigDecimal value) {
    }

    /** What {@link #reserve} did. */
    enum Reservation {
        /** The record is written and the budget counted: this scan asks Shopify. */
        RESERVED,
        /** The month's budget has no room for it: nothing was written. */
        OVER_BUDGET,
        /** The order already has a record for this stage (another scan was first): nothing was written. */
        EXISTS
    }

    /** The record of {@code orderId}'s code for {@code stage}, if any. */
    Optional<GoodwillCode> find(ShopDomain shop, String orderId, DelayStage stage);

    /**
     * Writes {@code code} (state {@link State#RESERVED}) if the order has none for its stage yet, and counts it
     * against {@code budget} if there is room — both or neither.
     */
    Reservation reserve(GoodwillCode code, Budget budget, long expiresAt);

    /** Takes over a {@link State#RESERVED} record whose lease ran out (a scan that crashed or waited); false when another has it. */
    boolean claim(GoodwillCode code, Instant now, Instant leaseUntil);

    /** Shopify created the code ({@code discountId} null when not known): {@link State#RESERVED} becomes {@link State#CREATED}. */
    void created(GoodwillCode code, String discountId, Instant at);

    /**
     * Records that creating the code failed for {@code reason} (no personal data) and queues {@code note} to
     * the team, once per order and stage; false when the team was told already.
     */
    boolean noteFailure(GoodwillCode code, String reason, OutboxMessage note, long expiresAt);

    /** Gives up on the code: {@link State#RESERVED} becomes {@link State#FAILED} and its budget is given back. */
    void failed(GoodwillCode code, Instant at);

    /** What {@code shop}'s codes used of {@code month}'s budget. */
    BudgetUse used(ShopDomain shop, String month);
}
