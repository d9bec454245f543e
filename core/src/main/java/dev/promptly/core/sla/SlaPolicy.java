package dev.promptly.core.sla;

import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One SLA policy: its name, when it applies, a target per clock it tracks (a clock without a target is not
 * tracked), and whether it is urgent (its breaches are sent even outside the team's alert hours).
 */
public record SlaPolicy(String name, SlaMatch match, Map<SlaClockKind, SlaTarget> targets, boolean urgent) {
    public SlaPolicy {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a policy needs a name");
        }
        Objects.requireNonNull(match, "match");
        Objects.requireNonNull(targets, "targets");
        if (targets.isEmpty()) {
            throw new IllegalArgumentException("a policy needs at least one target (first_response, next_response or resolution)");
        }
        targets = Map.copyOf(new EnumMap<>(targets));
    }

    public Optional<SlaTarget> target(SlaClockKind kind) {
        return Optional.ofNullable(targets.get(kind));
    }
}
