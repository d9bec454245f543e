package dev.promptly.log;

import dev.promptly.core.message.LoopReason;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The business metrics a log event counts, per shop: derived from the events the use cases already log,
 * so that a count and its log line can never disagree. {@link JsonLog} writes them into the same line in
 * CloudWatch's embedded metric format. Names are pinned (dashboards and alarms use them): add, never rename.
 */
public final class BusinessMetrics {
    public static final String ACKNOWLEDGEMENTS = "Acknowledgements";
    public static final String WISMO_ANSWERS = "WismoAnswers";
    public static final String WISMO_ASKS = "WismoAsks";
    public static final String DELAY_NOTICES = "DelayNotices";
    public static final String SLA_WARNINGS = "SlaWarnings";
    public static final String SLA_BREACHES = "SlaBreaches";
    public static final String SLA_ESCALATIONS = "SlaEscalations";
    public static final String LOOP_GUARD_REFUSALS = "LoopGuardRefusals";
    public static final String BUDGET_HOLDS = "BudgetHolds";
    public static final String SEND_FAILURES = "SendFailures";
    /** Every metric, e.g. for the dashboard. */
    public static final List<String> ALL = List.of(ACKNOWLEDGEMENTS, WISMO_ANSWERS, WISMO_ASKS, DELAY_NOTICES, SLA_WARNINGS, SLA_BREACHES,
            SLA_ESCALATIONS, LOOP_GUARD_REFUSALS, BUDGET_HOLDS, SEND_FAILURES);

    private static final Set<String> LOOP_REASONS = Arrays.stream(LoopReason.values()).map(LoopReason::code).collect(Collectors.toSet());

    private BusinessMetrics() {
    }

    /** The metrics {@code event} with {@code fields} counts once each; empty for most events. */
    public static List<String> of(String event, Map<String, ?> fields) {
        List<String> metrics = new ArrayList<>();
        switch (event) {
            case "message.new_conversation" -> {
                boolean acknowledged = !"none".equals(text(fields, "acknowledgement"));
                if (acknowledged) {
                    metrics.add(ACKNOWLEDGEMENTS);
                    switch (text(fields, "wismo")) {
                        case "answered" -> metrics.add(WISMO_ANSWERS);
                        case "ask_reference" -> metrics.add(WISMO_ASKS);
                        default -> { }
                    }
                }
                String reason = text(fields, "reason");
                if (LOOP_REASONS.contains(reason)) {
                    metrics.add(LOOP_GUARD_REFUSALS);
                } else if (reason.endsWith("_budget_exhausted")) {
                    metrics.add(BUDGET_HOLDS);
                }
            }
            case "delay_scan.decided" -> {
                if ("notice".equals(text(fields, "outcome"))) {
                    metrics.add(DELAY_NOTICES);
                }
            }
            case "sla.alert" -> {
                String stage = text(fields, "stage");
                if (stage.startsWith("warning")) {
                    metrics.add(SLA_WARNINGS);
                } else if (stage.startsWith("breach")) {
                    metrics.add(SLA_BREACHES);
                } else if (stage.startsWith("escalation")) {
                    metrics.add(SLA_ESCALATIONS);
                }
            }
            case "outbox.failed" -> metrics.add(SEND_FAILURES);
            default -> { }
        }
        return metrics;
    }

    private static String text(Map<String, ?> fields, String key) {
        Object value = fields.get(key);
        return value == null ? "" : value.toString();
    }
}
