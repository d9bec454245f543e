package dev.promptly.app.port;

import dev.promptly.core.ShopDomain;
import dev.promptly.core.message.ConversationId;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/** What became of a conversation's satisfaction survey, for KPIs, reports and the dashboard. */
public interface CsatRatings {
    /**
     * A survey sent for a conversation: when it was queued, and the rating (1–5) with its time once the customer
     * clicked one; {@code comment} is personal data and never logged.
     */
    record CsatOutcome(Instant surveySentAt, OptionalInt rating, Optional<Instant> ratedAt, Optional<String> comment) {
        public CsatOutcome {
            Objects.requireNonNull(surveySentAt, "surveySentAt");
            Objects.requireNonNull(rating, "rating");
            Objects.requireNonNull(ratedAt, "ratedAt");
            Objects.requireNonNull(comment, "comment");
        }
    }

    /** The survey of a conversation, if one was sent. */
    Optional<CsatOutcome> outcome(ShopDomain shop, ConversationId conversation);
}
