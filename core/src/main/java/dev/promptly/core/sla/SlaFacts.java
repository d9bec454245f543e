package dev.promptly.core.sla;

import dev.promptly.core.message.Channel;
import java.math.BigDecimal;
import java.util.Objects;
import java.util.Set;

/**
 * What policies match on, as known at one moment of a conversation. {@code orderValue} is null when no
 * order is known; tags are compared without case and kept lower-case.
 */
public record SlaFacts(Channel channel, Priority priority, Set<String> tags, BigDecimal orderValue, Set<String> customerTags) {
    public SlaFacts {
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(priority, "priority");
        tags = SlaEvent.normalisedTags(tags);
        customerTags = SlaEvent.normalisedTags(customerTags);
    }

    /** A conversation's facts before anyone set a priority or tags. */
    public static SlaFacts of(Channel channel) {
        return new SlaFacts(channel, Priority.NORMAL, Set.of(), null, Set.of());
    }
}
