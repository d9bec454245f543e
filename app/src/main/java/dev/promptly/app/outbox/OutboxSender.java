package dev.promptly.app.outbox;

import dev.promptly.app.port.OutboxStore;
import dev.promptly.core.ShopDomain;
import dev.promptly.core.outbox.OutboxKind;
import dev.promptly.core.outbox.OutboxMessage;
import dev.promptly.core.outbox.OutboxStatus;
import dev.promptly.log.JsonLog;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Delivers outbox records (e-mail through the mail transport; alerts to Slack or SNS through their
 * {@link AlertChannel}): claims one with a lease (so a stream-triggered send and the sweep never both
 * send it), sends it, records the outcome. A transient failure is retried with back-off until
 * {@link #MAX_ATTEMPTS}, then the record is marked failed for a person. If the process dies after the
 * mail left but before the outcome was recorded, the lease expires and the mail is sent again: the one
 * duplicate the design accepts, as no mail provider deduplicates.
 */
public final class OutboxSender {
    public static final int MAX_ATTEMPTS = 5;
    static final Duration LEASE = Duration.ofMinutes(2);
    /** Attempts to record an outcome before the failure is left to the lease (and a second send). */
    static final int OUTCOME_ATTEMPTS = 4;
    private static final Duration OUTCOME_PAUSE = Duration.ofMillis(100);
    private static final List<Duration> BACK_OFF = List.of(Duration.ofMinutes(1), Duration.ofMinutes(5), Duration.ofMinutes(15),
            Duration.ofHours(1));

    private final OutboxStore store;
    private final Optional<MailTransport> transport;
    private final Map<String, AlertChannel> alertChannels;
    private final MimeComposer composer;
    private final Clock clock;
    private final JsonLog log;
    private final SendCheck check;
    private final AfterSend afterSend;

    /** Without a transport (the local runner with no SMTP server) mail is kept as {@code captured}. */
    public OutboxSender(OutboxStore store, Optional<MailTransport> transport, MimeComposer composer, Clock clock, JsonLog log) {
        this(store, transport, composer, Map.of(), clock, log, SendCheck.NONE);
    }

    /** With {@code check} asked before each send whether the message must be withdrawn instead. */
    public OutboxSender(OutboxStore store, Optional<MailTransport> transport, MimeComposer composer, Clock clock, JsonLog log,
                        SendCheck check) {
        this(store, transport, composer, Map.of(), clock, log, check);
    }

    /**
     * With {@code alertChannels} by outbox channel ({@code slack}, {@code sns}) for alert records. Without a
     * mail transport, records of a channel that has no sender are kept as {@code captured} too.
     */
    public OutboxSender(OutboxStore store, Optional<MailTransport> transport, MimeComposer composer,
                        Map<String, AlertChannel> alertChannels, Clock clock, JsonLog log) {
        this(store, transport, composer, alertChannels, clock, log, SendCheck.NONE);
    }

    /** With alert channels, and {@code check} asked before each send whether the message must be withdrawn instead. */
    public OutboxSender(OutboxStore store, Optional<MailTransport> transport, MimeComposer composer,
                        Map<String, AlertChannel> alertChannels, Clock clock, JsonLog log, SendCheck check) {
        this(store, transport, composer, alertChannels, clock, log, check, AfterSend.NONE);
    }

    /** As above, telling {@code afterSend} of each record recorded as sent with a provider id. */
    public OutboxSender(OutboxStore store, Optional<MailTransport> transport, MimeComposer composer,
                        Map<String, AlertChannel> alertChannels, Clock clock, JsonLog log, SendCheck check, AfterSend afterSend) {
        this.afterSend = Objects.requireNonNull(afterSend, "afterSend");
        this.check = Objects.requireNonNull(check, "check");
        this.store = Objects.requireNonNull(store, "store");
        this.transport = Objects.requireNonNull(transport, "transport");
        this.composer = Objects.requireNonNull(composer, "composer");
        this.alertChannels = Map.copyOf(alertChannels);
        this.clock = Objects.requireNonNull(clock, "clock");
        this.log = Objects.requireNonNull(log, "log");
    }

    /** What one delivery attempt did. */
    public enum Result { SENT, CAPTURED, RETRY_LATER, FAILED, NOT_DUE, WITHDRAWN }

    /** Delivers one record if it is pending, due and not claimed by another sender. */
    public Result deliver(ShopDomain shop, String outboxId) {
        Instant now = clock.instant();
        Optional<OutboxMessage> claimed = store.claim(shop, outboxId, now, LEASE);
        if (claimed.isEmpty()) {
            return Result.NOT_DUE;
        }
        OutboxMessage message = claimed.get();
        Optional<String> withdraw = check.withdrawReason(message);
        if (withdraw.isPresent()) {
            return finish(message, OutboxStatus.WITHDRAWN, withdraw.get(), null, Result.WITHDRAWN);
        }
        AlertChannel alertChannel = alertChannels.get(message.channel());
        if (alertChannel != null && alertChannel.captures()) {
            return finish(message, OutboxStatus.CAPTURED, null, null, Result.CAPTURED);
        }
        if (alertChannel != null) {
            try {
                return finish(message, OutboxStatus.SENT, null, alertChannel.deliver(message), Result.SENT);
            } catch (RuntimeException unexpected) {
                return retryOrFail(message, unexpected, now);
            }
        }
        if (!"email".equals(message.channel()) && transport.isPresent()) {
            return finish(message, OutboxStatus.FAILED, "no sender for channel " + message.channel(), null, Result.FAILED);
        }
        if (transport.isEmpty()) {
            return finish(message, OutboxStatus.CAPTURED, null, null, Result.CAPTURED);
        }
        MimeComposer.ComposedMail mail;
        try {
            mail = composer.compose(message);
        } catch (RuntimeException e) {
            // The record itself is unusable (an invalid address): retrying cannot help.
            return finish(message, OutboxStatus.FAILED, e.getMessage(), null, Result.FAILED);
        }
        try {
            String providerId = transport.get().send(mail.envelopeFrom(), List.of(mail.recipient()), mail.mime());
            return finish(message, OutboxStatus.SENT, null, providerId, Result.SENT);
        } catch (RuntimeException unexpected) {
            return retryOrFail(message, unexpected, now);
        }
    }

    /** A delivery failure of any kind (credentials, network, a refusal) is retried with back-off unless permanent or the last attempt. */
    private Result retryOrFail(OutboxMessage message, RuntimeException unexpected, Instant now) {
        MailDeliveryException e = unexpected instanceof MailDeliveryException known ? known
                : new MailDeliveryException(unexpected.getClass().getSimpleName(), false, unexpected);
        if (e.permanent() || message.attempts() >= MAX_ATTEMPTS) {
            return finish(message, OutboxStatus.FAILED, e.getMessage(), null, Result.FAILED);
        }
        Instant retryAt = nextAttempt(message.attempts(), now);
        recordOutcome(message.withOutcome(OutboxStatus.PENDING, message.attempts(), e.getMessage(), null, null, retryAt));
        log.warn("outbox.retry_later", Map.of("shop", message.shop(), "outboxId", message.id(), "kind", message.kind().wire(),
                "channel", message.channel(), "attempt", message.attempts(), "error", e.getMessage(), "retryAt", retryAt));
        return Result.RETRY_LATER;
    }

    /** The send is recorded whatever {@code afterSend} does; its failure is logged (what it would apply expires unapplied). */
    private void tellAfterSend(OutboxMessage sent) {
        try {
            afterSend.recorded(sent);
        } catch (RuntimeException e) {
            log.error("outbox.after_send_failure", Map.of("shop", sent.shop(), "outboxId", sent.id(), "type", e.getClass().getSimpleName()));
        }
    }

    /** When a record that failed its {@code attemptsSoFar}-th attempt at {@code now} is due again (1, 5, 15, 60 minutes). */
    public static Instant nextAttempt(int attemptsSoFar, Instant now) {
        return now.plus(BACK_OFF.get(Math.max(1, Math.min(attemptsSoFar, BACK_OFF.size())) - 1));
    }

    /**
     * SnapStart priming: one query of the {@code OutboxDue} index for records due before 1970 (there are
     * none) and the composition of a mail that is never sent, so the snapshot holds a warm client and the
     * MIME classes. Nothing is claimed, sent or written.
     */
    public void prime() {
        store.due(Instant.EPOCH, 1);
        composer.compose(new OutboxMessage(new ShopDomain("priming.invalid"), "priming", OutboxKind.ACK, "email",
                "customer@priming.invalid", "Shop <shop@priming.invalid>", "shop@priming.invalid", "Priming", "Priming.", "<p>Priming.</p>",
                Map.of("Auto-Submitted", "auto-replied"), null, null, Instant.EPOCH, OutboxStatus.PENDING, Instant.EPOCH, 0, null, null, null));
    }

    /** Delivers up to {@code limit} due records; returns how many were looked at. */
    public int sweep(int limit) {
        var due = store.due(clock.instant(), limit);
        for (var key : due) {
            try {
                deliver(key.shop(), key.outboxId());
            } catch (RuntimeException e) {
                // One record's failure (e.g. DynamoDB throttling) must not stop the rest of the batch;
                // its lease expires and a later sweep takes it again.
                log.error("outbox.sweep_failure", Map.of("shop", key.shop(), "outboxId", key.outboxId(), "type", e.getClass().getSimpleName()));
            }
        }
        return due.size();
    }

    /**
     * Records an outcome, trying again on a failure: once a mail has left, a lost outcome means the lease
     * expires and the mail is sent a second time, so a short outage of DynamoDB is waited out here. A
     * retried write that had in fact been applied finds the record no longer pending and changes nothing.
     */
    private boolean recordOutcome(OutboxMessage outcome) {
        for (int attempt = 1; ; attempt++) {
            try {
                return store.recordOutcome(outcome);
            } catch (RuntimeException e) {
                if (attempt >= OUTCOME_ATTEMPTS) {
                    throw e;
                }
                log.warn("outbox.outcome_retry", Map.of("shop", outcome.shop(), "outboxId", outcome.id(), "attempt", attempt,
                        "type", e.getClass().getSimpleName()));
                pause(OUTCOME_PAUSE.multipliedBy(attempt));
            }
        }
    }

    private static void pause(Duration pause) {
        try {
            Thread.sleep(pause.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while recording an outcome", e);
        }
    }

    private Result finish(OutboxMessage message, OutboxStatus status, String error, String providerId, Result result) {
        Instant now = clock.instant();
        OutboxMessage outcome = message.withOutcome(status, message.attempts(), error, status == OutboxStatus.FAILED ? null : now, providerId, null);
        boolean recorded = recordOutcome(outcome);
        if (recorded && status == OutboxStatus.SENT && providerId != null) {
            tellAfterSend(outcome);
        }
        var fields = new java.util.LinkedHashMap<String, Object>();
        fields.put("shop", message.shop());
        fields.put("outboxId", message.id());
        fields.put("kind", message.kind().wire());
        fields.put("status", status.wire());
        fields.put("attempts", message.attempts());
        fields.put("recorded", recorded);
        if (error != null) {
            fields.put("error", error);
        }
        if (status == OutboxStatus.FAILED) {
            log.error("outbox.failed", fields);
        } else {
            log.info("outbox.delivered", fields);
        }
        return result;
    }
}
