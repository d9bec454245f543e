package dev.promptly.core.sla;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * One entry of a conversation's event log, from which its clocks are derived.
 *
 * @param priority     the new priority of a {@link SlaEventType#PRIORITY_CHANGED}; null otherwise
 * @param tags         the new tag set of a {@link SlaEventType#TAGS_CHANGED} (replaces the old one); null otherwise
 * @param orderValue   a {@link SlaEventType#CUSTOMER_MESSAGE}'s known order total, or null
 * @param customerTags a {@link SlaEventType#CUSTOMER_MESSAGE}'s known customer tags, or null
 */
public record SlaEvent(SlaEventType type, Instant at, Priority priority, Set<String> tags, BigDecimal orderValue,
                       Set<String> customerTags) {
    public SlaEvent {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(at, "at");
        if (type == SlaEventType.PRIORITY_CHANGED && priority == null) {
            throw new IllegalArgumentException("priority_changed needs a priority");
        }
        if (type == SlaEventType.TAGS_CHANGED && tags == null) {
            throw new IllegalArgumentException("tags_changed needs tags");
        }
        tags = tags == null ? null : normalisedTags(tags);
        customerTags = customerTags == null ? null : normalisedTags(customerTags);
    }

    public static SlaEvent of(SlaEventType type, Instant at) {
        return new SlaEvent(type, at, null, null, null, null);
    }

    public static SlaEvent customerMessage(Instant at, BigDecimal orderValue, Set<String> customerTags) {
        return new SlaEvent(SlaEventType.CUSTOMER_MESSAGE, at, null, null, orderValue, customerTags);
    }

    public static SlaEvent priorityChanged(Instant at, Priority priority) {
        return new SlaEvent(SlaEventType.PRIORITY_CHANGED, at, priority, null, null, null);
    }

    public static SlaEvent tagsChanged(Instant at, Set<String> tags) {
        return new SlaEvent(SlaEventType.TAGS_CHANGED, at, null, tags, null, null);
    }

    /** Tags trimmed, lower-case, without blanks, sorted. */
    static Set<String> normalisedTags(Set<String> tags) {
        Set<String> result = new TreeSet<>();
        if (tags != null) {
            for (String tag : tags) {
                if (tag != null && !tag.isBlank()) {
                    result.add(tag.trim().toLowerCase(Locale.ROOT));
                }
            }
        }
        return java.util.Collections.unmodifiableSet(result);
    }
}
