package dev.promptly.config;

import dev.promptly.core.sla.AlertHours;
import dev.promptly.core.sla.AlertPlan;
import dev.promptly.core.sla.AlertStage;
import dev.promptly.core.sla.SlaPolicies;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A shop's SLA clocks and alerts (its {@code sla} block, see {@code docs/configuration.md}).
 *
 * @param policies        ordered; the first matching applies
 * @param stages          each alert stage with the names of the targets it notifies
 * @param targets         by name
 * @param alertHours      {@code business_hours}: the shop's calendar decides; {@code always}: never held
 * @param outside         what happens to a non-urgent alert outside the alert hours
 * @param conversationUrl a link to a conversation in the team's tool, with {@code {ticket}} and
 *                        {@code {conversation_id}} placeholders; null for none
 */
public record SlaSettings(SlaPolicies policies, List<RoutedStage> stages, Map<String, AlertTarget> targets, boolean businessHoursOnly,
                          AlertHours.Outside outside, String conversationUrl) {
    /** The target every shop has unless it defines its own with this name: e-mail to its support address. */
    public static final String SUPPORT_TARGET = "support";

    /** A stage and the targets it goes to. */
    public record RoutedStage(AlertStage stage, List<String> targetNames) {
        public RoutedStage {
            Objects.requireNonNull(stage, "stage");
            targetNames = List.copyOf(targetNames);
        }
    }

    public SlaSettings {
        Objects.requireNonNull(policies, "policies");
        stages = List.copyOf(stages);
        targets = Map.copyOf(targets);
        Objects.requireNonNull(outside, "outside");
        for (RoutedStage stage : stages) {
            for (String name : stage.targetNames()) {
                if (!targets.containsKey(name)) {
                    throw new IllegalArgumentException("stage " + stage.stage().key() + " notifies unknown target " + name);
                }
            }
        }
    }

    /**
     * What {@code {"first_response": "PT4H"}} alone means: one policy for every conversation, warnings 60
     * and 15 minutes before the breach and the breach itself, by e-mail to the support address, at any hour.
     */
    public static SlaSettings defaults(Duration firstResponse, String supportEmail) {
        List<String> support = List.of(SUPPORT_TARGET);
        return new SlaSettings(SlaPolicies.firstResponseOnly(firstResponse),
                List.of(new RoutedStage(AlertStage.warning(Duration.ofMinutes(60)), support),
                        new RoutedStage(AlertStage.warning(Duration.ofMinutes(15)), support),
                        new RoutedStage(AlertStage.BREACH, support)),
                Map.of(SUPPORT_TARGET, new AlertTarget(SUPPORT_TARGET, AlertTarget.Channel.EMAIL, supportEmail)),
                false, AlertHours.Outside.SEND, null);
    }

    public AlertPlan plan() {
        return new AlertPlan(stages.stream().map(RoutedStage::stage).toList());
    }

    /** The targets of {@code stage}, in configured order. */
    public List<AlertTarget> targetsOf(AlertStage stage) {
        for (RoutedStage routed : stages) {
            if (routed.stage().equals(stage)) {
                return routed.targetNames().stream().map(targets::get).toList();
            }
        }
        return List.of();
    }
}
