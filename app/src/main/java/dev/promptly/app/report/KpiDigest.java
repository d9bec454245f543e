package dev.promptly.app.report;

import dev.promptly.app.outbox.AutomaticMail;
import dev.promptly.app.port.KpiDigestStore;
import dev.promptly.app.port.KpiStore;
import dev.promptly.config.AlertTarget;
import dev.promptly.config.PromptlyConfig;
import dev.promptly.config.ShopConfig;
import dev.promptly.core.kpi.DigestWeek;
import dev.promptly.core.outbox.OutboxKind;
import dev.promptly.core.outbox.OutboxMessage;
import dev.promptly.core.outbox.OutboxStatus;
import dev.promptly.core.reply.RenderedMessage;
import dev.promptly.log.JsonLog;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The weekly KPI digest to each shop's team (scheduled): when a shop's digest is due ({@link DigestWeek}: Monday
 * at the shop's opening, in its zone), reads the two weeks' stored KPI days (one Query of 14 items), renders the
 * digest in the shop's language and records it once, a marker with one {@code kpi_digest} outbox record per
 * recipient in one transaction. Recipients: the shop's team address ({@code support_email}, where budget alerts
 * go) and the e-mail targets of its SLA alerts. Between runs nothing is read for a shop whose digest is not due,
 * and a recorded week costs one read per run while the day lasts. Thread-safe.
 */
public final class KpiDigest {
    /** The digest's records are kept as long as a shop's orders; a shop without that setting keeps them 30 days. */
    private static final Duration DEFAULT_KEEP = Duration.ofDays(30);

    private final PromptlyConfig config;
    private final KpiStore kpis;
    private final KpiDigestStore digests;
    private final Clock clock;
    private final JsonLog log;
    /**
     * Compiled when a digest is first rendered (by {@link #prime()} before a SnapStart snapshot): the SLA
     * monitor's function builds this job at every cold start, and its every-minute runs never render one.
     */
    private KpiDigestMail mail;

    public KpiDigest(PromptlyConfig config, KpiStore kpis, KpiDigestStore digests, Clock clock, JsonLog log) {
        this.config = Objects.requireNonNull(config, "config");
        this.kpis = Objects.requireNonNull(kpis, "kpis");
        this.digests = Objects.requireNonNull(digests, "digests");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.log = Objects.requireNonNull(log, "log");
    }

    /** What one run did: shops whose digest is due now, digests recorded now, and those recorded before. */
    public record RunReport(Instant at, int due, int sent, int alreadySent) {
    }

    public RunReport run() {
        Instant now = clock.instant();
        int due = 0;
        int sent = 0;
        int already = 0;
        for (ShopConfig shop : config.shops().values()) {
            try {
                var week = DigestWeek.dueAt(shop.calendar(), now);
                if (week.isEmpty()) {
                    continue;
                }
                due++;
                if (digests.digestRecorded(shop.domain(), week.get()) || !record(shop, week.get(), now)) {
                    already++;
                } else {
                    sent++;
                }
            } catch (RuntimeException e) {
                // One shop's failure (throttling) must not stop the others; the next run retries it while the day lasts.
                log.error("kpi.digest_failure", Map.of("shop", shop.domain(), "type", e.getClass().getSimpleName()));
            }
        }
        RunReport report = new RunReport(now, due, sent, already);
        log.info("kpi.digest_run", Map.of("due", due, "sent", sent, "alreadySent", already));
        return report;
    }

    /** SnapStart priming: renders a digest of no data (templates compiled, formatting loaded); nothing is read or written. */
    public void prime() {
        ShopConfig shop = config.shops().values().iterator().next();
        mail().render(shop.domain(), shop.name(), mail().language(shop.languages()), LocalDate.of(2026, 1, 5), List.of());
    }

    private synchronized KpiDigestMail mail() {
        if (mail == null) {
            mail = new KpiDigestMail();
        }
        return mail;
    }

    private boolean record(ShopConfig shop, LocalDate week, Instant now) {
        String language = mail().language(shop.languages());
        RenderedMessage digest = mail().render(shop.domain(), shop.name(), language, week,
                kpis.days(shop.domain(), week.minusWeeks(1), week.plusDays(6)));
        List<OutboxMessage> outbox = new ArrayList<>();
        int n = 0;
        for (String to : recipients(shop)) {
            String id = AutomaticMail.outboxId(now, "kpi-digest-" + week + "-" + n++);
            outbox.add(new OutboxMessage(shop.domain(), id, OutboxKind.KPI_DIGEST, "email", to, "Promptly <" + shop.supportEmail() + ">", null,
                    digest.subject(), digest.text(), digest.html(), AutomaticMail.headers(shop, id, AutomaticMail.AUTO_GENERATED), null, null,
                    now, OutboxStatus.PENDING, now, 0, null, null, null));
        }
        Duration keep = shop.retention() == null ? DEFAULT_KEEP : Duration.ofDays(shop.retention().orderDays());
        boolean recorded = digests.recordDigest(shop.domain(), week, outbox, now.plus(keep).getEpochSecond());
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("shop", shop.domain());
        fields.put("week", week);
        fields.put("language", language);
        fields.put("recipients", outbox.size());
        fields.put("recorded", recorded);
        log.info(recorded ? "kpi.digest" : "kpi.digest_already_recorded", fields);
        return recorded;
    }

    /** The team's address, then the e-mail targets of the shop's SLA alerts, each address once. */
    static Set<String> recipients(ShopConfig shop) {
        Set<String> to = new LinkedHashSet<>();
        if (shop.supportEmail() != null && !shop.supportEmail().isBlank()) {
            to.add(shop.supportEmail());
        }
        if (shop.sla() != null) {
            shop.sla().targets().values().stream().filter(t -> t.channel() == AlertTarget.Channel.EMAIL).forEach(t -> to.add(t.address()));
        }
        return to;
    }
}
