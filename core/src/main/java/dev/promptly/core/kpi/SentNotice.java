package dev.promptly.core.kpi;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A delay notice that went out, with the times the customer wrote about its order (in any conversation about it).
 *
 * @param channel          {@code email} or {@code whatsapp}
 * @param language         the order's language, or null when not known
 * @param sentAt           when it was sent; it counts on this day in the shop's zone
 * @param customerMessages when the customer wrote in conversations about the order, in any order
 */
public record SentNotice(String channel, String language, Instant sentAt, List<Instant> customerMessages) {
    public SentNotice {
        Objects.requireNonNull(sentAt, "sentAt");
        customerMessages = List.copyOf(customerMessages);
    }

    public KpiSlice slice() {
        return new KpiSlice(channel, language, null);
    }
}
