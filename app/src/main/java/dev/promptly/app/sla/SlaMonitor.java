package dev.promptly.app.sla;

import dev.promptly.app.helpdesk.HelpdeskNotes;
import dev.promptly.app.port.ConversationStore;
import dev.promptly.app.port.HelpdeskLinks;
import dev.promptly.app.port.ConversationStore.StoredConversation;
import dev.promptly.app.port.SlaStore;
import dev.promptly.app.port.SlaStore.DueItem;
import dev.promptly.config.AlertTarget;
import dev.promptly.config.PromptlyConfig;
import dev.promptly.core.ShopDomain;
import dev.promptly.core.message.Conversation;
import dev.promptly.core.message.ConversationId;
import dev.promptly.core.outbox.OutboxMessage;
import dev.promptly.core.sla.AlertHours;
import dev.promptly.core.sla.AlertPlan;
import dev.promptly.core.sla.AlertText;
import dev.promptly.core.sla.SlaReport;
import dev.promptly.log.JsonLog;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The SLA monitor (every minute): reads only what is due through the sparse {@code SlaDue} index — never
 * a Scan — so its reads follow the due work, not the number of stored conversations. For each due
 * conversation it loads the conversation and its event log, derives the clocks, records every stage that
 * has come (once: a conditional marker with its outbox records in one transaction; outside the team's
 * alert hours held to the next opening or collected into a digest, unless urgent), and moves the
 * checkpoint to the next stage or out of the index. Due digests are sent as one record per target.
 * Overlapping runs are harmless: a stage recorded by one is a no-op for the other. Thread-safe.
 */
public final class SlaMonitor {
    private final Map<ShopDomain, ShopSla> shops;
    private final ConversationStore conversations;
    private final SlaStore store;
    private final AlertFormat format;
    private final Clock clock;
    private final JsonLog log;
    private final HelpdeskLinks helpdesk;

    /** @param format renders the alerts that go to Slack */
    public SlaMonitor(PromptlyConfig config, ConversationStore conversations, SlaStore store, AlertFormat format, Clock clock,
                      JsonLog log) {
        this(config, conversations, store, format, clock, log, null);
    }

    /**
     * As above; with {@code helpdesk} (null: none), a stage of a conversation linked to a helpdesk ticket is
     * also written on the ticket as an internal note, with a tag and, for a breach, urgent priority.
     */
    public SlaMonitor(PromptlyConfig config, ConversationStore conversations, SlaStore store, AlertFormat format, Clock clock,
                      JsonLog log, HelpdeskLinks helpdesk) {
        this.helpdesk = helpdesk;
        this.shops = ShopSla.of(Objects.requireNonNull(config, "config"));
        this.conversations = Objects.requireNonNull(conversations, "conversations");
        this.store = Objects.requireNonNull(store, "store");
        this.format = Objects.requireNonNull(format, "format");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.log = Objects.requireNonNull(log, "log");
    }

    /** What one run did. {@code alerts} counts stages recorded now (held and digest lines included). */
    public record RunReport(Instant at, int due, int alerts, int alreadyRecorded, int digestsSent, int checkpointsMoved, int checkpointsCleared) {
    }

    /** Handles up to {@code limit} due items. */
    /**
     * SnapStart priming: one query of the {@code SlaDue} index for checkpoints due before 1970 (there are
     * none), so the snapshot holds a warm client and request path. Nothing is read back and nothing written.
     */
    public void prime() {
        store.due(java.time.Instant.EPOCH, 1);
    }

    public RunReport run(int limit) {
        Instant now = clock.instant();
        Counts counts = new Counts();
        List<DueItem> due = store.due(now, limit);
        for (DueItem item : due) {
            try {
                if (item.conversation().isPresent()) {
                    conversation(item.shop(), item.conversation().get(), now, counts);
                } else {
                    digest(item.shop(), item.digestOpening().orElseThrow(), now, counts);
                }
            } catch (RuntimeException e) {
                // One item's failure (throttling) must not stop the others; its checkpoint stays and the next run retries it.
                log.error("sla.monitor_failure", Map.of("shop", item.shop(), "type", e.getClass().getSimpleName()));
            }
        }
        RunReport report = new RunReport(now, due.size(), counts.alerts, counts.already, counts.digests, counts.moved, counts.cleared);
        log.info("sla.monitor_run", Map.of("due", report.due(), "alerts", report.alerts(), "alreadyRecorded", report.alreadyRecorded(),
                "digestsSent", report.digestsSent(), "checkpointsMoved", report.checkpointsMoved(), "checkpointsCleared", report.checkpointsCleared()));
        return report;
    }

    private static final class Counts {
        int alerts;
        int already;
        int digests;
        int moved;
        int cleared;
    }

    private void conversation(ShopDomain shop, ConversationId id, Instant now, Counts counts) {
        ShopSla sla = shops.get(shop);
        Optional<StoredConversation> stored = conversations.load(shop, id);
        if (stored.isEmpty()) {
            return;
        }
        if (sla == null) {
            // A shop removed from the configuration: nothing to alert, and it must not be read every minute.
            store.moveCheckpoint(shop, id, stored.get().version(), Optional.empty());
            counts.cleared++;
            return;
        }
        Conversation conversation = stored.get().conversation();
        SlaReport report = sla.report(conversation, store.events(shop, id), now);
        long expiresAt = now.plus(Duration.ofDays(sla.config().retention().orderDays())).getEpochSecond();
        for (AlertPlan.DueAlert due : sla.plan().due(report, now)) {
            boolean recorded = record(sla, conversation, report, due, now, expiresAt);
            if (recorded) {
                counts.alerts++;
            } else {
                counts.already++;
            }
        }
        Optional<Instant> next = sla.plan().nextCheckpoint(report, now);
        if (store.moveCheckpoint(shop, id, stored.get().version(), next)) {
            if (next.isPresent()) {
                counts.moved++;
            } else {
                counts.cleared++;
            }
        }
    }

    private boolean record(ShopSla sla, Conversation conversation, SlaReport report, AlertPlan.DueAlert due, Instant now, long expiresAt) {
        var settings = sla.config().sla();
        List<AlertTarget> targets = settings.targetsOf(due.stage());
        AlertText text = AlertText.of(sla.config().name(), conversation, report, due.clock(), due.stage(), now, settings.conversationUrl());
        AlertHours.Delivery delivery = sla.alertHours().delivery(now, AlertHours.urgent(report, due.stage()));
        String clockId = due.clock().id();
        String stageKey = due.stage().key();
        boolean recorded;
        String suffix = conversation.id().value() + "-" + clockId + "-" + stageKey;
        Optional<OutboxMessage> ticketNote = helpdesk == null ? Optional.empty() : helpdesk.byConversation(conversation.shop(), conversation.id())
                .map(link -> HelpdeskNotes.slaNote(link, suffix, due.stage(), text, now));
        if (delivery.mode() == AlertHours.Delivery.Mode.DIGEST) {
            recorded = store.recordDigestLine(conversation.shop(), conversation.id(), clockId, stageKey, delivery.notBefore(),
                    targets.stream().map(AlertTarget::name).toList(), text.title(), expiresAt);
            // The ticket is no team channel to hold for the digest: its note goes now, once (its id is the stage's).
            ticketNote.filter(note -> recorded).ifPresent(note -> helpdesk.queue(note, expiresAt));
        } else {
            List<OutboxMessage> outbox = new ArrayList<>();
            targets.forEach(t -> outbox.add(SlaAlerts.alert(sla.config(), t, suffix, conversation.id().value(), text, now, delivery.notBefore(),
                    format)));
            ticketNote.ifPresent(outbox::add);
            recorded = store.recordAlert(conversation.shop(), conversation.id(), clockId, stageKey, outbox, expiresAt);
        }
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("shop", conversation.shop());
        fields.put("conversationId", conversation.id());
        fields.put("clock", clockId);
        fields.put("stage", stageKey);
        fields.put("delivery", delivery.mode().name().toLowerCase(java.util.Locale.ROOT));
        fields.put("targets", targets.size());
        fields.put("recorded", recorded);
        log.info(recorded ? "sla.alert" : "sla.alert_already_recorded", fields);
        return recorded;
    }

    private void digest(ShopDomain shop, Instant opening, Instant now, Counts counts) {
        ShopSla sla = shops.get(shop);
        List<SlaStore.DigestLine> lines = store.digestLines(shop, opening);
        Map<String, List<String>> byTarget = new LinkedHashMap<>();
        lines.forEach(line -> line.targetNames().forEach(t -> byTarget.computeIfAbsent(t, k -> new ArrayList<>()).add(line.line())));
        List<OutboxMessage> outbox = new ArrayList<>();
        if (sla != null) {
            String suffix = "digest-" + opening.getEpochSecond();
            byTarget.forEach((name, texts) -> {
                AlertTarget target = sla.config().sla().targets().get(name);
                if (target != null) {
                    outbox.add(SlaAlerts.digest(sla.config(), target, suffix, texts, now, format));
                }
            });
        }
        long expiresAt = now.plus(Duration.ofDays(sla == null ? 30 : sla.config().retention().orderDays())).getEpochSecond();
        boolean sent = store.recordDigestSent(shop, opening, outbox, expiresAt);
        if (sent) {
            counts.digests++;
        }
        log.info("sla.digest", Map.of("shop", shop, "opening", opening, "lines", lines.size(), "records", outbox.size(), "sent", sent));
    }
}
