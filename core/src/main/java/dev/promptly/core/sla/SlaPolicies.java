package dev.promptly.core.sla;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/** A shop's SLA policies in order: the first whose condition holds applies. Immutable. */
public record SlaPolicies(List<SlaPolicy> policies) {
    public SlaPolicies {
        policies = List.copyOf(Objects.requireNonNull(policies, "policies"));
        if (policies.isEmpty()) {
            throw new IllegalArgumentException("at least one policy is needed");
        }
        Set<String> names = new HashSet<>();
        for (SlaPolicy policy : policies) {
            if (!names.add(policy.name())) {
                throw new IllegalArgumentException("policy name \"" + policy.name() + "\" is used twice");
            }
        }
    }

    /** The simple configuration {@code {"first_response": "PT4H"}}: one policy for every conversation, in business time. */
    public static SlaPolicies firstResponseOnly(Duration firstResponse) {
        return new SlaPolicies(List.of(new SlaPolicy("default", SlaMatch.EVERYTHING,
                Map.of(SlaClockKind.FIRST_RESPONSE, new SlaTarget(firstResponse, TimeBasis.BUSINESS)), false)));
    }

    /** The first policy matching {@code facts}, with its position and why it matched; empty if none does. */
    public Optional<PolicyMatch> match(SlaFacts facts) {
        for (int i = 0; i < policies.size(); i++) {
            SlaPolicy policy = policies.get(i);
            var reasons = policy.match().reasons(facts);
            if (reasons.isPresent()) {
                return Optional.of(new PolicyMatch(policy, i, reasons.get()));
            }
        }
        return Optional.empty();
    }

    /** A matched policy: {@code index} is its position in the shop's list (0-based), {@code reasons} why it applies. */
    public record PolicyMatch(SlaPolicy policy, int index, List<String> reasons) {
        public PolicyMatch {
            Objects.requireNonNull(policy, "policy");
            reasons = List.copyOf(reasons);
        }
    }
}
