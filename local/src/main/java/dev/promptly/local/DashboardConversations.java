package dev.promptly.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.promptly.app.port.ConversationStore.AckDecision;
import dev.promptly.app.port.CsatRatings.CsatOutcome;
import dev.promptly.config.PromptlyConfig;
import dev.promptly.core.ShopDomain;
import dev.promptly.core.error.InvalidInputException;
import dev.promptly.core.kpi.KpiSlice;
import dev.promptly.core.message.Channel;
import dev.promptly.core.message.Conversation;
import dev.promptly.core.message.ConversationStatus;
import dev.promptly.core.message.LoopReason;
import dev.promptly.core.reply.AcknowledgementPolicy.BudgetScope;
import dev.promptly.core.wismo.Intent;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The dashboard's conversation list: filtered by shop, status, channel and intent, the conversations needing action
 * first (overdue, then at risk, then the rest), each with its times in its shop's zone, the order's name as the
 * orders table shows it, the acknowledgement decision in words (the loop guard's reason when it refused one) and
 * the CSAT rating. Pure: {@link LocalSystem} reads the stores and hands the rows in.
 */
final class DashboardConversations {
    /** A running clock due within this is at risk even before a configured warning stage has come. */
    static final Duration DUE_SOON = Duration.ofHours(1);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DateTimeFormatter LOCAL_TIME = DateTimeFormatter.ofPattern("EEE d MMM, HH:mm zzz", Locale.ENGLISH);
    private static final Map<String, String> REASONS = reasons();

    private DashboardConversations() {
    }

    /** How urgent a conversation is, by its SLA clocks; {@link #wire()} in JSON, {@link #text()} on the page. */
    enum Risk {
        /** A running clock is past its due time. */
        BREACHED("breached", "overdue"),
        /** A running clock reached a warning stage of the shop's alert plan, or is due within an hour. */
        AT_RISK("at_risk", "at risk"),
        OK("ok", "");

        private final String wire;
        private final String text;

        Risk(String wire, String text) {
            this.wire = wire;
            this.text = text;
        }

        String wire() {
            return wire;
        }

        String text() {
            return text;
        }
    }

    /** The filters of {@code GET /local/dashboard/conversations}; empty or null values take everything. */
    record Filter(ShopDomain shop, ConversationStatus status, Channel channel, String intent) {
        /** The filter the query gives; an unknown shop, status, channel or intent is refused naming the parameter. */
        static Filter of(URI uri, PromptlyConfig config) {
            ShopDomain shop = null;
            String shopValue = value(uri, "shop");
            if (shopValue != null) {
                shop = ShopDomain.parse(shopValue, "shop");
                if (config.shop(shop).isEmpty()) {
                    throw new InvalidInputException("shop", "is not a configured shop");
                }
            }
            String status = value(uri, "status");
            String channel = value(uri, "channel");
            String intent = value(uri, "intent");
            if (intent != null && !intent.equals(KpiSlice.NONE) && Intent.fromWire(intent).isEmpty()) {
                throw new InvalidInputException("intent", "must be one of " + wires(Arrays.stream(Intent.values()).map(Intent::wire).toList())
                        + " or none");
            }
            return new Filter(shop, status == null ? null : Arrays.stream(ConversationStatus.values()).filter(s -> s.wire().equals(status))
                    .findFirst().orElseThrow(() -> new InvalidInputException("status", "must be one of "
                            + wires(Arrays.stream(ConversationStatus.values()).map(ConversationStatus::wire).toList()))),
                    channel == null ? null : Channel.fromWire(channel).orElseThrow(() -> new InvalidInputException("channel", "must be one of "
                            + wires(Arrays.stream(Channel.values()).map(Channel::wire).toList()))),
                    intent);
        }

        /** The configured shops this filter takes, by domain. */
        List<ShopDomain> shops(PromptlyConfig config) {
            return config.shops().keySet().stream().filter(d -> shop == null || shop.equals(d)).sorted(Comparator.comparing(ShopDomain::value))
                    .toList();
        }

        boolean accepts(Conversation c) {
            return (status == null || c.status() == status) && (channel == null || c.channel() == channel)
                    && (intent == null || intent.equals(c.intent() == null ? KpiSlice.NONE : c.intent()));
        }

        private static String value(URI uri, String name) {
            String value = LocalViews.queryParameter(uri, name);
            return value == null || value.isBlank() ? null : value.strip();
        }

        private static String wires(List<String> wires) {
            return String.join(", ", wires);
        }
    }

    /**
     * What the stores hold for one conversation: its SLA view (null without one), the warning offsets of its
     * shop's alert plan, the acknowledgement decision, the name of the order it is about and its survey.
     */
    record Row(Conversation conversation, ZoneId zone, JsonNode sla, List<Duration> warnings, Optional<AckDecision> ack,
               Optional<String> orderName, Optional<CsatOutcome> csat) {
        Row {
            Objects.requireNonNull(conversation, "conversation");
            Objects.requireNonNull(zone, "zone");
            warnings = List.copyOf(warnings);
            Objects.requireNonNull(ack, "ack");
            Objects.requireNonNull(orderName, "orderName");
            Objects.requireNonNull(csat, "csat");
        }
    }

    /** The rows as JSON, overdue first (most overdue first), then at risk (soonest due first), then by latest message. */
    static ArrayNode json(List<Row> rows, Instant now) {
        Map<Row, Risk> risks = new HashMap<>();
        rows.forEach(r -> risks.put(r, risk(r.sla(), r.warnings(), now)));
        Comparator<Row> order = Comparator.<Row>comparingInt(r -> risks.get(r).ordinal())
                .thenComparing(r -> risks.get(r) == Risk.OK ? Instant.MAX : earliestDue(r.sla()).orElse(Instant.MAX))
                .thenComparing(r -> r.conversation().lastMessageAt(), Comparator.reverseOrder())
                .thenComparing(r -> r.conversation().id().value());
        ArrayNode array = JSON.createArrayNode();
        rows.stream().sorted(order).forEach(r -> array.add(row(r, risks.get(r))));
        return array;
    }

    /** Overdue when a running clock is past due; at risk when one reached a warning stage or is due within an hour. */
    static Risk risk(JsonNode sla, List<Duration> warnings, Instant now) {
        if (sla == null) {
            return Risk.OK;
        }
        Risk risk = Risk.OK;
        Duration warnBefore = warnings.stream().max(Comparator.naturalOrder()).orElse(Duration.ZERO);
        Duration soon = warnBefore.compareTo(DUE_SOON) > 0 ? warnBefore : DUE_SOON;
        for (JsonNode clock : sla.path("clocks")) {
            if (!clock.path("state").asText().equals("running") || !clock.path("due_at").isTextual()) {
                continue;
            }
            Instant due = Instant.parse(clock.path("due_at").asText());
            if (!due.isAfter(now) || clock.path("breached").asBoolean()) {
                return Risk.BREACHED;
            }
            if (!due.minus(soon).isAfter(now)) {
                risk = Risk.AT_RISK;
            }
        }
        return risk;
    }

    private static Optional<Instant> earliestDue(JsonNode sla) {
        if (sla == null) {
            return Optional.empty();
        }
        Instant earliest = null;
        for (JsonNode clock : sla.path("clocks")) {
            if (clock.path("state").asText().equals("running") && clock.path("due_at").isTextual()) {
                Instant due = Instant.parse(clock.path("due_at").asText());
                earliest = earliest == null || due.isBefore(earliest) ? due : earliest;
            }
        }
        return Optional.ofNullable(earliest);
    }

    private static ObjectNode row(Row r, Risk risk) {
        Conversation c = r.conversation();
        ObjectNode node = LocalViews.conversation(c);
        node.put("intent", c.intent());
        node.put("time_zone", r.zone().getId());
        node.put("created_local", local(c.createdAt(), r.zone()));
        node.put("last_message_local", local(c.lastMessageAt(), r.zone()));
        node.put("order_name", r.orderName().orElse(null));
        node.put("risk", risk.wire());
        node.put("risk_text", risk.text());
        if (r.sla() != null) {
            ArrayNode clocks = LocalViews.slaSummary(r.sla());
            clocks.forEach(k -> {
                JsonNode due = k.path("due_at");
                ((ObjectNode) k).put("due_local", due.isTextual() ? local(Instant.parse(due.asText()), r.zone()) : null);
            });
            node.set("sla", clocks);
        }
        r.ack().ifPresent(a -> node.putObject("acknowledgement").put("outcome", a.outcome()).put("reason", a.reason())
                .put("reason_text", a.reason() == null ? null : reasonText(a.reason())).put("outbox_id", a.outboxId())
                .put("decided_at", a.decidedAt().toString()).put("decided_local", local(a.decidedAt(), r.zone())));
        if (r.csat().isPresent()) {
            CsatOutcome csat = r.csat().get();
            ObjectNode survey = node.putObject("csat").put("survey_sent_at", csat.surveySentAt().toString());
            if (csat.rating().isPresent()) {
                survey.put("rating", csat.rating().getAsInt());
            } else {
                survey.putNull("rating");
            }
            survey.put("rated_local", csat.ratedAt().map(at -> local(at, r.zone())).orElse(null));
        } else {
            node.putNull("csat");
        }
        return node;
    }

    /** {@code at} as the shop's team reads it, in the shop's zone: "Wed 25 Nov, 10:30 CET". */
    static String local(Instant at, ZoneId zone) {
        return LOCAL_TIME.format(at.atZone(zone));
    }

    /**
     * Why no acknowledgement went out, in words: the loop guard's reason ({@code auto_submitted} → "automatic mail
     * (Auto-Submitted header)"), a spent reply budget, spam, or a missing template value. An unknown reason is shown
     * as its code with spaces, so a new one is still readable.
     */
    static String reasonText(String reason) {
        String known = REASONS.get(reason);
        if (known != null) {
            return known;
        }
        if (reason.startsWith("missing_template_value:")) {
            return "a template value is missing: " + reason.substring("missing_template_value:".length());
        }
        return reason.replace('_', ' ');
    }

    private static Map<String, String> reasons() {
        Map<String, String> reasons = new HashMap<>();
        reasons.put(LoopReason.AUTO_SUBMITTED.code(), "automatic mail (Auto-Submitted header)");
        reasons.put(LoopReason.PRECEDENCE.code(), "bulk or list mail (Precedence header)");
        reasons.put(LoopReason.MAILING_LIST.code(), "mailing list mail (List-* headers)");
        reasons.put(LoopReason.AUTORESPONDER_HEADER.code(), "an autoresponder (X-Autoreply header)");
        reasons.put(LoopReason.RESPONSE_SUPPRESSED.code(), "the sender asked for no automatic replies (X-Auto-Response-Suppress)");
        reasons.put(LoopReason.EMPTY_RETURN_PATH.code(), "a bounce or automatic mail (empty Return-Path)");
        reasons.put(LoopReason.DELIVERY_REPORT.code(), "a delivery report or read receipt");
        reasons.put(LoopReason.SYSTEM_SENDER.code(), "a system sender (no-reply, mailer-daemon, postmaster)");
        reasons.put(LoopReason.OWN_ADDRESS.code(), "sent from the shop's own address");
        reasons.put(LoopReason.OWN_LOOP_MARKER.code(), "Promptly's own mail came back (X-Promptly-Loop header)");
        reasons.put("spam", "spam, by the mail provider's verdict");
        reasons.put(BudgetScope.SENDER.reason(), "the sender's daily reply budget is used up");
        reasons.put(BudgetScope.SHOP.reason(), "the shop's hourly reply budget is used up");
        reasons.put(BudgetScope.NEW_SENDERS.reason(), "the hourly budget for new senders is used up");
        reasons.put("follow_up", "a follow-up in a conversation already acknowledged");
        return Map.copyOf(reasons);
    }
}
