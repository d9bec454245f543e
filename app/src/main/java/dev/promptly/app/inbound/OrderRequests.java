package dev.promptly.app.inbound;

import dev.promptly.config.OrderAnswerSettings;
import dev.promptly.core.reply.OrderRequestAnswer;
import dev.promptly.core.shopify.Order;
import dev.promptly.core.wismo.WismoSignal;
import java.time.Instant;
import java.util.Optional;

/**
 * The answer to a refund, return, cancellation, address change or invoice request about the order the
 * message names: gathers the facts (the shop's settings, the order's report) for
 * {@link OrderRequestAnswer#decide}. The caller passes only an order the reply may show (see
 * {@link VisibleOrders}). Stateless.
 */
final class OrderRequests {
    private OrderRequests() {
    }

    /**
     * The answer, or empty when the shop does not answer this intent, the detector is not sure enough of
     * it (below the shop's WISMO threshold, the one confidence bar a shop sets), or the order gives nothing to tell.
     */
    static Optional<OrderRequestAnswer> answer(WismoSignal signal, Order order, IntakeShop shop, String language, Instant now) {
        OrderAnswerSettings settings = shop.config().orderAnswers();
        if (!asked(signal, shop)) {
            return Optional.empty();
        }
        return OrderRequestAnswer.decide(signal.intent(), order, VisibleOrders.report(order, shop, now), settings.returnPolicy(language), now,
                shop.config().timeZone(), settings.note(signal.intent(), language).orElse(null));
    }

    /** Whether a request that names no order should look for the one it is about among the sender's orders. */
    static boolean looksUp(WismoSignal signal, IntakeShop shop) {
        return signal.orderReferences().isEmpty() && asked(signal, shop);
    }

    /** The shop answers this intent and the detector is sure enough of it. */
    private static boolean asked(WismoSignal signal, IntakeShop shop) {
        return shop.config().orderAnswers().intents().contains(signal.intent()) && signal.confidence() >= shop.config().wismo().threshold();
    }

    /** Whether the conversation goes under the shop's urgent SLA policy: a change still possible, if the shop wants that. */
    static boolean urgent(Optional<OrderRequestAnswer> answer, IntakeShop shop) {
        return shop.config().orderAnswers().urgentChanges() && answer.map(OrderRequestAnswer::urgent).orElse(false);
    }
}
