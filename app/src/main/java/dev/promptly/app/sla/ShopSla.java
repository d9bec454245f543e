package dev.promptly.app.sla;

import dev.promptly.config.PromptlyConfig;
import dev.promptly.config.ShopConfig;
import dev.promptly.core.ShopDomain;
import dev.promptly.core.message.Conversation;
import dev.promptly.core.sla.AlertHours;
import dev.promptly.core.sla.AlertPlan;
import dev.promptly.core.sla.SlaClocks;
import dev.promptly.core.sla.SlaEvent;
import dev.promptly.core.sla.SlaReport;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A shop's SLA setup, built once per container from its configuration: the clocks over its calendar and
 * policies, the alert plan and the alert hours. Thread-safe.
 */
public final class ShopSla {
    private final ShopConfig config;
    private final SlaClocks clocks;
    private final AlertPlan plan;
    private final AlertHours alertHours;

    public ShopSla(ShopConfig config) {
        this.config = Objects.requireNonNull(config, "config");
        this.clocks = new SlaClocks(config.sla().policies(), config.calendar());
        this.plan = config.sla().plan();
        this.alertHours = config.alertHours();
    }

    /** One setup per configured shop. */
    public static Map<ShopDomain, ShopSla> of(PromptlyConfig config) {
        Map<ShopDomain, ShopSla> shops = new HashMap<>();
        config.shops().values().forEach(shop -> shops.put(shop.domain(), new ShopSla(shop)));
        return Map.copyOf(shops);
    }

    public ShopConfig config() {
        return config;
    }

    public AlertPlan plan() {
        return plan;
    }

    public AlertHours alertHours() {
        return alertHours;
    }

    public SlaReport report(Conversation conversation, List<SlaEvent> events, Instant at) {
        return clocks.evaluate(conversation.channel(), events, at);
    }

    /**
     * The checkpoint to store after a write that changed the log: {@code now} when a stage has already
     * come (the monitor sends it on its next run, or finds it sent before), else the next stage's moment;
     * empty when no running clock has a stage ahead.
     */
    public Optional<Instant> checkpointAfterChange(SlaReport report, Instant now) {
        return plan.due(report, now).isEmpty() ? plan.nextCheckpoint(report, now) : Optional.of(now);
    }
}
