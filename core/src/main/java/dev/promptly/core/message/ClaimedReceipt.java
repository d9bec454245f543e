package dev.promptly.core.message;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * When a client says a message arrived ({@code received_at}), checked against when Promptly got it. SLA
 * clocks and reply promises start at the receipt time, so a claimed time far in the past would put a
 * new conversation days overdue at once (an immediate escalation), and one in the future would hide it.
 * A claim is trusted within [{@code received − 7 days}, {@code received + 5 minutes}]: a relay may
 * forward a backlog up to a week old, and five minutes absorb clock skew between the client and us.
 * Outside that range Promptly's own receipt time is used instead.
 *
 * @param claimed  the client's {@code received_at}
 * @param received when Promptly received the request
 */
public record ClaimedReceipt(Instant claimed, Instant received) {
    /** Oldest claim trusted: a relay's backlog of up to a week. */
    public static final Duration MAX_AGE = Duration.ofDays(7);
    /** Furthest a claim may lie ahead of our clock: ordinary clock skew. */
    public static final Duration MAX_AHEAD = Duration.ofMinutes(5);

    public ClaimedReceipt {
        Objects.requireNonNull(claimed, "claimed");
        Objects.requireNonNull(received, "received");
    }

    /** True when the claim lies within [received − 7 d, received + 5 min] (both ends included). */
    public boolean trusted() {
        return !claimed.isBefore(received.minus(MAX_AGE)) && !claimed.isAfter(received.plus(MAX_AHEAD));
    }

    /** The instant the SLA clocks start from: the claim when trusted, otherwise our receipt time. */
    public Instant effective() {
        return trusted() ? claimed : received;
    }

    /** Seconds the claim lies after our receipt time (negative: before); for logs, never personal. */
    public long skewSeconds() {
        return Duration.between(received, claimed).getSeconds();
    }
}
