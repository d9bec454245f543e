package dev.promptly.core.delay;

import java.time.Instant;
import java.util.Objects;

/**
 * One way an order is late now.
 *
 * @param orderId        the Shopify order id
 * @param stage          what is late
 * @param fulfillmentId  the parcel concerned; null exactly for order-level stages ({@link DelayStage#NOT_SHIPPED})
 * @param since          the instant the threshold was crossed (at or before the assessment's {@code now})
 * @param newExpectation a delivery time still to come that the customer can be told (a later carrier
 *                       estimate), or null when none is known
 */
public record Delay(String orderId, DelayStage stage, String fulfillmentId, Instant since, Instant newExpectation) {

    /**
     * @throws IllegalArgumentException if the fulfillment id is missing for a per-fulfillment stage or given
     *                                  for an order-level one
     */
    public Delay {
        Objects.requireNonNull(orderId, "orderId");
        Objects.requireNonNull(stage, "stage");
        Objects.requireNonNull(since, "since");
        if (stage.perFulfillment() != (fulfillmentId != null)) {
            throw new IllegalArgumentException(stage.wire() + (stage.perFulfillment()
                    ? " needs a fulfillment id" : " belongs to the order and takes no fulfillment id"));
        }
    }

    /**
     * The business identity of this delay's first notice: {@code <orderId>#<stage>} or
     * {@code <orderId>#<fulfillmentId>#<stage>}, stage in {@link DelayStage#wire()} form. Stable across
     * assessments, so a sender writing {@code DELAY#<key>} with {@code attribute_not_exists} sends once.
     */
    public String key() {
        return fulfillmentId == null ? orderId + "#" + stage.wire() : orderId + "#" + fulfillmentId + "#" + stage.wire();
    }

    /** The business identity of the one repeat notice allowed after {@link DelayPolicy#repeatAllowedAt}: {@code key() + "#repeat"}. */
    public String repeatKey() {
        return key() + "#repeat";
    }
}
