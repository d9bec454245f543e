package dev.promptly.app.sla;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.promptly.core.json.JsonTrees;
import dev.promptly.core.message.Conversation;
import dev.promptly.core.sla.ClockReport;
import dev.promptly.core.sla.ClockSegment;
import dev.promptly.core.sla.SlaPolicies;
import dev.promptly.core.sla.SlaReport;
import java.time.Instant;

/**
 * A conversation's clocks as JSON, the answer of {@code POST /conversations/{id}/events} and the
 * {@code sla} part of the local runner's conversation view: each clock's state, target, due time and
 * breach, and an {@code explain} block with the policy matched and why, every policy decision, the
 * calendar used and every running and paused segment. Durations are ISO-8601, instants UTC.
 */
public final class SlaView {
    private SlaView() {
    }

    public static ObjectNode json(Conversation conversation, SlaReport report) {
        ObjectNode root = JsonTrees.object();
        root.put("conversation_id", conversation.id().value());
        root.put("ticket", conversation.ticket());
        root.put("shop", conversation.shop().value());
        root.put("status", conversation.status().wire());
        root.put("at", report.at().toString());
        if (report.policy().isPresent()) {
            root.set("policy", policy(report.policy().get()));
        } else {
            root.putNull("policy");
        }
        ArrayNode clocks = root.putArray("clocks");
        for (ClockReport clock : report.clocks()) {
            ObjectNode node = clocks.addObject();
            node.put("clock", clock.id());
            node.put("kind", clock.kind().wire());
            node.put("state", clock.state().wire());
            node.put("target", clock.target().budget().toString());
            node.put("time", clock.target().basis().wire());
            node.put("started_at", clock.startedAt().toString());
            put(node, "due_at", clock.dueAt());
            node.put("breached", clock.breached());
            put(node, "breached_at", clock.breachedAt());
            put(node, "satisfied_at", clock.satisfiedAt());
            node.put("elapsed", clock.elapsed().toString());
            node.put("remaining", clock.remaining().toString());
        }
        root.set("explain", explain(report));
        return root;
    }

    private static ObjectNode explain(SlaReport report) {
        ObjectNode explain = JsonTrees.object();
        explain.putObject("calendar").put("zone", report.calendarZone().getId())
                .put("business_time", "open time of the shop's business_hours (weekly hours, public holidays, closures, special hours)");
        ObjectNode facts = explain.putObject("facts");
        facts.put("channel", report.facts().channel().wire());
        facts.put("priority", report.facts().priority().wire());
        report.facts().tags().forEach(facts.putArray("tags")::add);
        facts.put("order_value", report.facts().orderValue() == null ? null : report.facts().orderValue().toPlainString());
        report.facts().customerTags().forEach(facts.putArray("customer_tags")::add);
        ArrayNode decisions = explain.putArray("policy_decisions");
        for (SlaReport.PolicyDecision decision : report.decisions()) {
            ObjectNode node = decisions.addObject().put("at", decision.at().toString()).put("trigger", decision.trigger());
            if (decision.match().isPresent()) {
                node.set("policy", policy(decision.match().get()));
            } else {
                node.putNull("policy");
            }
        }
        ArrayNode clocks = explain.putArray("clocks");
        for (ClockReport clock : report.clocks()) {
            ObjectNode node = clocks.addObject().put("clock", clock.id());
            ArrayNode segments = node.putArray("segments");
            for (ClockSegment segment : clock.segments()) {
                ObjectNode s = segments.addObject().put("start", segment.start().toString());
                put(s, "end", segment.end());
                s.put("state", segment.running() ? "running" : "paused");
                s.put("reason", segment.reason());
            }
            put(node, "due_at", clock.dueAt());
        }
        report.notes().forEach(explain.putArray("notes")::add);
        return explain;
    }

    private static ObjectNode policy(SlaPolicies.PolicyMatch match) {
        ObjectNode node = JsonTrees.object();
        node.put("name", match.policy().name());
        node.put("position", match.index());
        node.put("urgent", match.policy().urgent());
        match.reasons().forEach(node.putArray("matched_because")::add);
        return node;
    }

    private static void put(ObjectNode node, String field, Instant value) {
        if (value == null) {
            node.putNull(field);
        } else {
            node.put(field, value.toString());
        }
    }
}
