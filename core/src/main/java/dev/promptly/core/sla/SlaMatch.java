package dev.promptly.core.sla;

import dev.promptly.core.message.Channel;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * A policy's condition: every condition given must hold; within one, any listed value is enough. Empty
 * sets and a null {@code minOrderValue} are conditions not given, so the empty match matches everything.
 *
 * @param minOrderValue the order's total must be at least this (in the shop's currency)
 */
public record SlaMatch(Set<Channel> channels, Set<Priority> priorities, Set<String> tags, BigDecimal minOrderValue,
                       Set<String> customerTags) {
    public static final SlaMatch EVERYTHING = new SlaMatch(Set.of(), Set.of(), Set.of(), null, Set.of());

    public SlaMatch {
        channels = channels == null ? Set.of() : Set.copyOf(channels);
        priorities = priorities == null ? Set.of() : Set.copyOf(priorities);
        tags = SlaEvent.normalisedTags(tags);
        customerTags = SlaEvent.normalisedTags(customerTags);
        if (minOrderValue != null && minOrderValue.signum() < 0) {
            throw new IllegalArgumentException("min_order_value must be >= 0");
        }
    }

    /** Why {@code facts} match, one reason per condition; empty if they do not. */
    public Optional<List<String>> reasons(SlaFacts facts) {
        List<String> reasons = new ArrayList<>();
        if (!channels.isEmpty()) {
            if (!channels.contains(facts.channel())) {
                return Optional.empty();
            }
            reasons.add("channel is " + facts.channel().wire());
        }
        if (!priorities.isEmpty()) {
            if (!priorities.contains(facts.priority())) {
                return Optional.empty();
            }
            reasons.add("priority is " + facts.priority().wire());
        }
        if (!tags.isEmpty()) {
            Set<String> common = common(tags, facts.tags());
            if (common.isEmpty()) {
                return Optional.empty();
            }
            reasons.add("tagged " + String.join(", ", common));
        }
        if (minOrderValue != null) {
            if (facts.orderValue() == null || facts.orderValue().compareTo(minOrderValue) < 0) {
                return Optional.empty();
            }
            reasons.add("order value " + facts.orderValue().toPlainString() + " >= " + minOrderValue.toPlainString());
        }
        if (!customerTags.isEmpty()) {
            Set<String> common = common(customerTags, facts.customerTags());
            if (common.isEmpty()) {
                return Optional.empty();
            }
            reasons.add("customer tagged " + String.join(", ", common));
        }
        if (reasons.isEmpty()) {
            reasons.add("matches every conversation");
        }
        return Optional.of(List.copyOf(reasons));
    }

    private static Set<String> common(Set<String> wanted, Set<String> present) {
        Set<String> common = new TreeSet<>(wanted);
        common.retainAll(present);
        return common;
    }
}
