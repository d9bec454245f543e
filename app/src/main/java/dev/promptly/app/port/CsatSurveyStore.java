package dev.promptly.app.port;

import dev.promptly.core.ShopDomain;
import dev.promptly.core.message.ConversationId;
import dev.promptly.core.outbox.OutboxMessage;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * The writes of satisfaction surveys beside their reads ({@link CsatRatings}): queueing a survey together with
 * its outbox record, the customer's do-not-ask-again marker and the reply budgets' counters, all or nothing;
 * then the customer's rating and comment, each recorded once. Implementations are thread-safe.
 */
public interface CsatSurveyStore extends CsatRatings {
    /**
     * A survey to queue for the solve at {@code solvedAt}: its outbox record (due after the delay), the
     * customer's marker under {@code customerKey} until {@code markerUntil} (empty: no "not twice in N days"
     * rule), and the budget it counts against.
     */
    record SurveyRecord(ShopDomain shop, ConversationId conversation, Instant solvedAt, OutboxMessage outbox, String customerKey,
                        Optional<Instant> markerUntil, ConversationStore.ReplyBudget budget, long expiresAt) {
        public SurveyRecord {
            Objects.requireNonNull(shop, "shop");
            Objects.requireNonNull(conversation, "conversation");
            Objects.requireNonNull(solvedAt, "solvedAt");
            Objects.requireNonNull(outbox, "outbox");
            Objects.requireNonNull(customerKey, "customerKey");
            Objects.requireNonNull(markerUntil, "markerUntil");
            Objects.requireNonNull(budget, "budget");
        }
    }

    enum QueueResult {
        QUEUED,
        /** A survey for this solve is queued already, or one went out or was answered for this conversation. */
        ALREADY_QUEUED,
        /** The customer got a survey within the shop's {@code min_days_between}. */
        RECENTLY_SURVEYED,
        SENDER_BUDGET_EXHAUSTED,
        SHOP_BUDGET_EXHAUSTED
    }

    /**
     * Queues the survey unless one for this conversation was queued for the same solve, or one is past its due
     * time or rated (a survey still waiting for an earlier solve is replaced: the reopen withdrew it). Nothing is
     * written unless everything is.
     *
     * @param now our clock: a waiting survey is one whose due time is after it
     */
    QueueResult queue(SurveyRecord survey, Instant now);

    /**
     * Takes back the survey of a conversation reopened at {@code now}: its item goes unless it is rated or due by
     * then (its mail is withdrawn when due, as the conversation is no longer solved as the survey asked).
     *
     * @return whether a waiting survey was taken back
     */
    boolean withdraw(ShopDomain shop, ConversationId conversation, Instant now);

    /** The solve the conversation's survey asks about; empty when it has none (never queued, taken back, erased). */
    Optional<Instant> surveyedSolve(ShopDomain shop, ConversationId conversation);

    enum RateResult {
        RECORDED,
        /** A rating was recorded before; it stays. */
        ALREADY_RATED,
        /** No survey for this conversation (never sent, or erased). */
        NO_SURVEY
    }

    /** Records {@code rating} at {@code at} unless the survey has one. */
    RateResult rate(ShopDomain shop, ConversationId conversation, int rating, Instant at);

    enum CommentResult {
        RECORDED,
        /** A comment was stored before; it stays. */
        ALREADY_COMMENTED,
        /** No rating yet (or no survey): a comment goes with a rating. */
        NOT_RATED
    }

    /** Stores the customer's comment once, on a rated survey. */
    CommentResult comment(ShopDomain shop, ConversationId conversation, String comment);
}
