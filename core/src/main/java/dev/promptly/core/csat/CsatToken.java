package dev.promptly.core.csat;

import dev.promptly.core.ShopDomain;
import dev.promptly.core.message.ConversationId;
import java.time.Instant;
import java.util.Objects;

/**
 * What one rating link of a satisfaction survey says: the shop, the conversation, the rating it records
 * (1–5) and until when it may be used. It travels signed ({@link CsatTokens}); nothing in it is personal.
 */
public record CsatToken(ShopDomain shop, ConversationId conversation, int rating, Instant expiresAt) {
    public static final int LOWEST = 1;
    public static final int HIGHEST = 5;

    public CsatToken {
        Objects.requireNonNull(shop, "shop");
        Objects.requireNonNull(conversation, "conversation");
        Objects.requireNonNull(expiresAt, "expiresAt");
        if (rating < LOWEST || rating > HIGHEST) {
            throw new IllegalArgumentException("a rating is 1 to 5");
        }
    }
}
