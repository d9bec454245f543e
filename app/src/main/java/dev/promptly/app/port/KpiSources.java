package dev.promptly.app.port;

import dev.promptly.core.ShopDomain;
import dev.promptly.core.kpi.ConversationFacts.AlertMarker;
import dev.promptly.core.message.ConversationId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The facts of a shop's KPI days that no other port reads, each by key or key range, never a Scan: the conversations
 * opened in a time range, the alert stages recorded for a conversation, the delay notices sent in a time range, and the
 * conversations about an order. Implementations are thread-safe.
 */
public interface KpiSources {
    /** A delay notice that went out: its order, channel ({@code email}, {@code whatsapp}) and when it was sent. */
    record SentDelayNotice(String orderId, String channel, Instant sentAt) {
        public SentDelayNotice {
            Objects.requireNonNull(orderId, "orderId");
            Objects.requireNonNull(sentAt, "sentAt");
        }
    }

    /** The conversations opened from {@code from} (inclusive) to {@code to} (exclusive), oldest first, at most {@code limit}. */
    List<ConversationId> conversationsOpened(ShopDomain shop, Instant from, Instant to, int limit);

    /** The alert stages recorded for a conversation (sent, or held for a digest). */
    List<AlertMarker> alerts(ShopDomain shop, ConversationId conversation);

    /** The delay notices sent from {@code from} (inclusive) to {@code to} (exclusive), at most {@code limit}. */
    List<SentDelayNotice> delayNoticesSent(ShopDomain shop, Instant from, Instant to, int limit);

    /** The conversations about an order (whatever their state). */
    List<ConversationId> conversationsAbout(ShopDomain shop, String orderId);

    /**
     * {@link #conversationsOpened} of each consecutive range {@code bounds[i]} to {@code bounds[i + 1]}, answered as one
     * call per range would answer; an implementation reads them together where it can (a rollup's nine days in one
     * Query instead of nine).
     *
     * @param bounds strictly ascending; {@code n} bounds give {@code n - 1} ranges
     */
    default List<List<ConversationId>> conversationsOpened(ShopDomain shop, List<Instant> bounds, int limit) {
        List<List<ConversationId>> ranges = new ArrayList<>();
        for (int i = 0; i + 1 < bounds.size(); i++) {
            ranges.add(conversationsOpened(shop, bounds.get(i), bounds.get(i + 1), limit));
        }
        return ranges;
    }

    /** {@link #delayNoticesSent} of each consecutive range, as {@link #conversationsOpened(ShopDomain, List, int)} reads them. */
    default List<List<SentDelayNotice>> delayNoticesSent(ShopDomain shop, List<Instant> bounds, int limit) {
        List<List<SentDelayNotice>> ranges = new ArrayList<>();
        for (int i = 0; i + 1 < bounds.size(); i++) {
            ranges.add(delayNoticesSent(shop, bounds.get(i), bounds.get(i + 1), limit));
        }
        return ranges;
    }
}
