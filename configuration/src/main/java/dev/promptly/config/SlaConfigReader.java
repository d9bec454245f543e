package dev.promptly.config;

import com.fasterxml.jackson.databind.JsonNode;
import dev.promptly.core.message.Channel;
import dev.promptly.core.sla.AlertHours;
import dev.promptly.core.sla.AlertStage;
import dev.promptly.core.sla.Priority;
import dev.promptly.core.sla.SlaClockKind;
import dev.promptly.core.sla.SlaMatch;
import dev.promptly.core.sla.SlaPolicies;
import dev.promptly.core.sla.SlaPolicy;
import dev.promptly.core.sla.SlaTarget;
import dev.promptly.core.sla.TimeBasis;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Reads a shop's {@code sla} block for {@link ConfigParser}, reporting problems through it with their paths.
 * {@code {"first_response": "PT4H"}} alone keeps its meaning (see {@link SlaSettings#defaults}).
 */
final class SlaConfigReader {
    static final Set<String> SLA_KEYS = Set.of("_comment", "first_response", "policies", "alerts", "alert_hours");
    private static final Set<String> POLICY_KEYS = Set.of("_comment", "name", "match", "time", "urgent", "first_response",
            "next_response", "resolution");
    private static final Set<String> MATCH_KEYS = Set.of("channels", "priorities", "tags", "min_order_value", "customer_tags");
    private static final Set<String> TARGET_OBJECT_KEYS = Set.of("target", "time");
    private static final Set<String> ALERTS_KEYS = Set.of("_comment", "targets", "stages", "conversation_url");
    private static final Set<String> STAGE_KEYS = Set.of("stage", "before", "after", "notify");
    private static final Set<String> ALERT_TARGET_KEYS = Set.of("slack", "sns", "email");
    private static final Set<String> ALERT_HOURS_KEYS = Set.of("hours", "outside");
    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9_-]{0,63}");
    private static final Pattern SNS_ARN = Pattern.compile("arn:aws[a-z-]*:sns:[a-z0-9-]+:\\d{12}:[A-Za-z0-9_-]{1,256}(\\.fifo)?");
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");
    private static final Pattern URL = Pattern.compile("https?://[^\\s<>\"]+");

    private final ConfigParser parser;
    private final List<String> problems;

    SlaConfigReader(ConfigParser parser, List<String> problems) {
        this.parser = parser;
        this.problems = problems;
    }

    /** The settings, or null after a problem (reported). {@code firstResponse} is the block's required promise target. */
    SlaSettings read(JsonNode node, String path, Duration firstResponse, String supportEmail) {
        if (firstResponse == null || supportEmail == null) {
            return null;
        }
        SlaSettings defaults = SlaSettings.defaults(firstResponse, supportEmail);
        int before = problems.size();
        SlaPolicies policies = node.has("policies") ? policies(node.path("policies"), path + ".policies") : defaults.policies();
        Map<String, AlertTarget> targets = new LinkedHashMap<>(defaults.targets());
        List<SlaSettings.RoutedStage> stages = defaults.stages();
        String conversationUrl = null;
        JsonNode alerts = node.path("alerts");
        if (!alerts.isMissingNode()) {
            String alertsPath = path + ".alerts";
            if (!alerts.isObject()) {
                problems.add(alertsPath + ": must be an object (targets, stages, conversation_url)");
            } else {
                parser.unknownKeys(alerts, alertsPath, ALERTS_KEYS);
                targets.putAll(targets(alerts.path("targets"), alertsPath + ".targets"));
                if (alerts.has("stages")) {
                    stages = stages(alerts.path("stages"), alertsPath + ".stages", targets.keySet());
                }
                conversationUrl = parser.text(alerts, alertsPath, "conversation_url", false);
                if (conversationUrl != null && !URL.matcher(conversationUrl).matches()) {
                    problems.add(alertsPath + ".conversation_url: must be an http(s) URL, e.g. https://helpdesk.example/tickets/{ticket}");
                }
            }
        }
        boolean businessHoursOnly = false;
        AlertHours.Outside outside = AlertHours.Outside.SEND;
        JsonNode hours = node.path("alert_hours");
        if (!hours.isMissingNode()) {
            String hoursPath = path + ".alert_hours";
            if (!hours.isObject()) {
                problems.add(hoursPath + ": must be an object (hours, outside)");
            } else {
                parser.unknownKeys(hours, hoursPath, ALERT_HOURS_KEYS);
                String which = parser.text(hours, hoursPath, "hours", true);
                if (which != null && !which.equals("business_hours") && !which.equals("always")) {
                    problems.add(hoursPath + ".hours: must be \"business_hours\" (the shop's calendar) or \"always\"");
                }
                businessHoursOnly = "business_hours".equals(which);
                String mode = parser.text(hours, hoursPath, "outside", false);
                if (mode != null) {
                    outside = switch (mode) {
                        case "hold" -> AlertHours.Outside.HOLD;
                        case "digest" -> AlertHours.Outside.DIGEST;
                        case "send" -> AlertHours.Outside.SEND;
                        default -> {
                            problems.add(hoursPath + ".outside: must be \"hold\", \"digest\" or \"send\"");
                            yield AlertHours.Outside.SEND;
                        }
                    };
                } else if (businessHoursOnly) {
                    outside = AlertHours.Outside.HOLD;
                }
            }
        }
        if (problems.size() > before || policies == null || stages == null) {
            return null;
        }
        return new SlaSettings(policies, stages, targets, businessHoursOnly, outside, conversationUrl);
    }

    private SlaPolicies policies(JsonNode node, String path) {
        if (!node.isArray() || node.isEmpty()) {
            problems.add(path + ": must be a non-empty list of policies, the first matching applies");
            return null;
        }
        List<SlaPolicy> policies = new ArrayList<>();
        Set<String> names = new HashSet<>();
        int before = problems.size();
        for (int i = 0; i < node.size(); i++) {
            String policyPath = path + "[" + i + "]";
            SlaPolicy policy = policy(node.get(i), policyPath);
            if (policy != null && !names.add(policy.name())) {
                problems.add(policyPath + ".name: \"" + policy.name() + "\" is used by an earlier policy");
            } else if (policy != null) {
                policies.add(policy);
            }
        }
        return problems.size() > before ? null : new SlaPolicies(policies);
    }

    private SlaPolicy policy(JsonNode node, String path) {
        if (!node.isObject()) {
            problems.add(path + ": must be an object (name, match, time, urgent, first_response, next_response, resolution)");
            return null;
        }
        parser.unknownKeys(node, path, POLICY_KEYS);
        int before = problems.size();
        String name = parser.text(node, path, "name", true);
        if (name != null && !NAME.matcher(name).matches()) {
            problems.add(path + ".name: must be lower-case letters, digits, - or _ (at most 64), e.g. \"vip\"");
        }
        TimeBasis basis = TimeBasis.BUSINESS;
        String time = parser.text(node, path, "time", false);
        if (time != null) {
            basis = TimeBasis.fromWire(time).orElse(null);
            if (basis == null) {
                problems.add(path + ".time: must be \"business\" (the shop's business hours, the default) or \"calendar\"");
            }
        }
        boolean urgent = false;
        JsonNode urgentNode = node.path("urgent");
        if (!urgentNode.isMissingNode()) {
            if (!urgentNode.isBoolean()) {
                problems.add(path + ".urgent: must be true or false (default false)");
            }
            urgent = urgentNode.asBoolean();
        }
        Map<SlaClockKind, SlaTarget> targets = new EnumMap<>(SlaClockKind.class);
        for (SlaClockKind kind : SlaClockKind.values()) {
            JsonNode target = node.path(kind.wire());
            if (!target.isMissingNode()) {
                SlaTarget parsed = target(target, path + "." + kind.wire(), basis == null ? TimeBasis.BUSINESS : basis);
                if (parsed != null) {
                    targets.put(kind, parsed);
                }
            }
        }
        if (targets.isEmpty() && problems.size() == before) {
            problems.add(path + ": needs at least one of first_response, next_response, resolution");
        }
        SlaMatch match = match(node.path("match"), path + ".match");
        if (problems.size() > before) {
            return null;
        }
        return new SlaPolicy(name, match, targets, urgent);
    }

    private SlaTarget target(JsonNode node, String path, TimeBasis basis) {
        JsonNode duration = node;
        if (node.isObject()) {
            parser.unknownKeys(node, path, TARGET_OBJECT_KEYS);
            duration = node.path("target");
            String time = parser.text(node, path, "time", false);
            if (time != null) {
                Optional<TimeBasis> own = TimeBasis.fromWire(time);
                if (own.isEmpty()) {
                    problems.add(path + ".time: must be \"business\" or \"calendar\"");
                    return null;
                }
                basis = own.get();
            }
            path = path + ".target";
        }
        Duration budget = positiveDuration(duration, path);
        return budget == null ? null : new SlaTarget(budget, basis);
    }

    private Duration positiveDuration(JsonNode node, String path) {
        if (!node.isTextual()) {
            problems.add(path + ": must be an ISO-8601 duration such as \"PT4H\"");
            return null;
        }
        Duration duration = parser.attempt(path, node.asText().trim(), Duration::parse);
        if (duration != null && (duration.isZero() || duration.isNegative())) {
            problems.add(path + ": must be > 0");
            return null;
        }
        return duration;
    }

    private SlaMatch match(JsonNode node, String path) {
        if (node.isMissingNode()) {
            return SlaMatch.EVERYTHING;
        }
        if (!node.isObject()) {
            problems.add(path + ": must be an object (channels, priorities, tags, min_order_value, customer_tags); leave it out to match everything");
            return null;
        }
        parser.unknownKeys(node, path, MATCH_KEYS);
        Set<Channel> channels = values(node.path("channels"), path + ".channels", v -> Channel.fromWire(v).orElse(null),
                "email, chat, form or whatsapp");
        Set<Priority> priorities = values(node.path("priorities"), path + ".priorities", v -> Priority.fromWire(v).orElse(null),
                "low, normal, high or urgent");
        Set<String> tags = values(node.path("tags"), path + ".tags", v -> v, "a tag");
        Set<String> customerTags = values(node.path("customer_tags"), path + ".customer_tags", v -> v, "a tag");
        BigDecimal minValue = null;
        JsonNode value = node.path("min_order_value");
        if (!value.isMissingNode()) {
            if (!value.isNumber() || value.decimalValue().signum() < 0) {
                problems.add(path + ".min_order_value: must be a number >= 0 (the order total in the shop's currency)");
            } else {
                minValue = value.decimalValue();
            }
        }
        return new SlaMatch(channels, priorities, tags, minValue, customerTags);
    }

    private <T> Set<T> values(JsonNode node, String path, Function<String, T> parse, String allowed) {
        Set<T> values = new LinkedHashSet<>();
        if (node.isMissingNode()) {
            return values;
        }
        if (!node.isArray() || node.isEmpty()) {
            problems.add(path + ": must be a non-empty list (leave it out to match any)");
            return values;
        }
        for (int i = 0; i < node.size(); i++) {
            JsonNode element = node.get(i);
            T parsed = element.isTextual() && !element.asText().isBlank() ? parse.apply(element.asText().trim()) : null;
            if (parsed == null) {
                problems.add(path + "[" + i + "]: must be " + allowed);
            } else {
                values.add(parsed);
            }
        }
        return values;
    }

    private Map<String, AlertTarget> targets(JsonNode node, String path) {
        Map<String, AlertTarget> targets = new LinkedHashMap<>();
        if (node.isMissingNode()) {
            return targets;
        }
        if (!node.isObject()) {
            problems.add(path + ": must map target names to {\"slack\": \"<secret reference>\"}, {\"sns\": \"<topic ARN>\"} or {\"email\": \"<address>\"}");
            return targets;
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            var entry = it.next();
            String targetPath = path + "." + entry.getKey();
            if (!NAME.matcher(entry.getKey()).matches()) {
                problems.add(targetPath + ": a target name is lower-case letters, digits, - or _");
                continue;
            }
            JsonNode target = entry.getValue();
            if (!target.isObject() || target.size() != 1) {
                problems.add(targetPath + ": must have exactly one of slack, sns, email");
                continue;
            }
            parser.unknownKeys(target, targetPath, ALERT_TARGET_KEYS);
            AlertTarget parsed = alertTarget(entry.getKey(), target, targetPath);
            if (parsed != null) {
                targets.put(entry.getKey(), parsed);
            }
        }
        return targets;
    }

    private AlertTarget alertTarget(String name, JsonNode node, String path) {
        if (node.has("slack")) {
            SecretRef ref = parser.secret(node, path, "slack", true);
            String raw = parser.text(node, path, "slack", true);
            return ref == null ? null : new AlertTarget(name, AlertTarget.Channel.SLACK, raw);
        }
        if (node.has("sns")) {
            String arn = parser.text(node, path, "sns", true);
            if (arn != null && !SNS_ARN.matcher(arn).matches()) {
                problems.add(path + ".sns: must be an SNS topic ARN such as arn:aws:sns:eu-central-1:123456789012:promptly-alerts");
                return null;
            }
            return arn == null ? null : new AlertTarget(name, AlertTarget.Channel.SNS, arn);
        }
        if (node.has("email")) {
            String email = parser.text(node, path, "email", true);
            if (email != null && !EMAIL.matcher(email).matches()) {
                problems.add(path + ".email: must be an e-mail address");
                return null;
            }
            return email == null ? null : new AlertTarget(name, AlertTarget.Channel.EMAIL, email);
        }
        return null;
    }

    private List<SlaSettings.RoutedStage> stages(JsonNode node, String path, Set<String> targetNames) {
        if (!node.isArray()) {
            problems.add(path + ": must be a list of stages, e.g. [{\"stage\": \"warning\", \"before\": \"PT15M\", \"notify\": [\"support\"]}]");
            return null;
        }
        List<SlaSettings.RoutedStage> stages = new ArrayList<>();
        Set<String> keys = new HashSet<>();
        int before = problems.size();
        for (int i = 0; i < node.size(); i++) {
            String stagePath = path + "[" + i + "]";
            JsonNode stage = node.get(i);
            if (!stage.isObject()) {
                problems.add(stagePath + ": must be an object (stage, before or after, notify)");
                continue;
            }
            parser.unknownKeys(stage, stagePath, STAGE_KEYS);
            AlertStage parsed = stage(stage, stagePath);
            List<String> notify = notify(stage.path("notify"), stagePath + ".notify", targetNames);
            if (parsed != null && !keys.add(parsed.key())) {
                problems.add(stagePath + ": " + parsed.key() + " is listed twice");
            } else if (parsed != null && notify != null) {
                stages.add(new SlaSettings.RoutedStage(parsed, notify));
            }
        }
        return problems.size() > before ? null : stages;
    }

    private AlertStage stage(JsonNode node, String path) {
        String kind = parser.text(node, path, "stage", true);
        if (kind == null) {
            return null;
        }
        switch (kind) {
            case "warning" -> {
                forbid(node, path, "after", "a warning comes \"before\" the breach");
                Duration before = node.has("before") ? positiveDuration(node.path("before"), path + ".before") : missing(path + ".before");
                return before == null ? null : AlertStage.warning(before);
            }
            case "breach" -> {
                forbid(node, path, "before", "the breach stage has no offset");
                forbid(node, path, "after", "the breach stage has no offset");
                return AlertStage.BREACH;
            }
            case "escalation" -> {
                forbid(node, path, "before", "an escalation comes \"after\" the breach");
                Duration after = node.has("after") ? positiveDuration(node.path("after"), path + ".after") : missing(path + ".after");
                return after == null ? null : AlertStage.escalation(after);
            }
            default -> {
                problems.add(path + ".stage: must be \"warning\", \"breach\" or \"escalation\"");
                return null;
            }
        }
    }

    private void forbid(JsonNode node, String path, String field, String why) {
        if (node.has(field)) {
            problems.add(path + "." + field + ": not allowed here; " + why);
        }
    }

    private Duration missing(String path) {
        problems.add(path + ": is required (an ISO-8601 duration such as \"PT15M\")");
        return null;
    }

    private List<String> notify(JsonNode node, String path, Set<String> targetNames) {
        if (!node.isArray() || node.isEmpty()) {
            problems.add(path + ": must list at least one target name (" + String.join(", ", targetNames) + ")");
            return null;
        }
        List<String> names = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            String name = node.get(i).asText("");
            if (!targetNames.contains(name)) {
                problems.add(path + "[" + i + "]: unknown target \"" + name + "\" (known: " + String.join(", ", targetNames) + ")");
            } else if (!names.contains(name)) {
                names.add(name);
            }
        }
        return names;
    }
}
