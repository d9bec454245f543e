package dev.promptly.app.whatsapp;

import dev.promptly.app.outbox.AfterSend;
import dev.promptly.app.outbox.OutboxSender;
import dev.promptly.app.port.DeliveryReports;
import dev.promptly.app.port.DeliveryReports.HeldStatus;
import dev.promptly.app.whatsapp.WhatsAppNotification.StatusUpdate;
import dev.promptly.core.ShopDomain;
import dev.promptly.core.outbox.DeliveryState;
import dev.promptly.core.outbox.OutboxMessage;
import dev.promptly.core.outbox.OutboxStatus;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Applies WhatsApp's status webhooks to the outbox record sent as that message id ({@code statuses[].id},
 * the {@code wamid} the send returned), as documented at
 * https://developers.facebook.com/documentation/business-messaging/whatsapp/webhooks/reference/messages/status/
 * ({@code statuses[]: {id, status: sent|delivered|read|failed, timestamp, recipient_id, errors: [{code, title}]}}).
 *
 * <p>{@code sent}, {@code delivered} and {@code read} are kept as the record's delivery state and only move
 * forward: Meta does not promise order, and skips {@code delivered} when a message is read at once. A
 * {@code failed} status before delivery is the send failing after all: with an error code
 * {@link WhatsAppErrors} calls temporary, the record is pending again with the sender's back-off (the
 * sender retries it, attempts counted, at most {@link OutboxSender#MAX_ATTEMPTS}); with any other code, or
 * after the last attempt, it fails with the code for a person. Repeated statuses change nothing.
 *
 * <p>A status may arrive before the sender has recorded the send it reports on (the webhook can be faster
 * than the outcome's write after the Graph API answered). Such a status, and one for a message id Promptly
 * did not send, is held for {@link #HOLD} and applied when the send is recorded ({@link #recorded}, as the
 * sender's {@link AfterSend}). Answering Meta with an error instead would make it redeliver the whole
 * notification only after increasing delays, and go on retrying a status for another app's message for as
 * long as it retries (https://developers.facebook.com/docs/whatsapp/api/webhooks: "If a notification isn't
 * delivered for any reason or if the webhook request returns a HTTP status code other than 200, we retry
 * delivery ... with increasing delays up to a certain timeout"). The webhook holds a status, then looks for
 * the send again; the sender records the send, then looks for held statuses: with consistent reads one of
 * the two sees the other's write, and a held status is applied by whoever releases it first, so it is never
 * lost nor applied twice. Thread-safe.
 */
public final class WhatsAppStatuses implements AfterSend {
    /**
     * How long a status waits for its send to be recorded: the sender writes the outcome right after the
     * Graph API answers, retrying for well under a second, and a send recorded later than its lease (two
     * minutes) is sent again under a new message id anyway.
     */
    static final Duration HOLD = Duration.ofMinutes(15);

    private final DeliveryReports reports;
    private final Clock clock;

    public WhatsAppStatuses(DeliveryReports reports, Clock clock) {
        this.reports = Objects.requireNonNull(reports, "reports");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * What the statuses of one notification did: records changed, statuses that changed nothing, and statuses
     * for a message id not (yet) recorded as sent, held for {@link #HOLD}.
     */
    public record Applied(int changed, int unchanged, int unknown) {
    }

    public Applied apply(ShopDomain shop, List<StatusUpdate> statuses) {
        int changed = 0;
        int unchanged = 0;
        int unknown = 0;
        for (StatusUpdate update : statuses) {
            Optional<DeliveryState> state = DeliveryState.fromWire(update.status());
            if (state.isEmpty()) {
                // A status Promptly does not track (e.g. deleted) is neither applied nor held.
                if (reports.findSent(shop, update.messageId()).isEmpty()) {
                    unknown++;
                } else {
                    unchanged++;
                }
                continue;
            }
            // Without an error code Meta gave no reason to expect a retry to fare better.
            int code = update.errors().isEmpty() ? 0 : update.errors().get(0).code();
            HeldStatus status = new HeldStatus(update.messageId(), state.get(), update.at(), code, clock.instant().plus(HOLD));
            Optional<OutboxMessage> record = reports.findSent(shop, update.messageId());
            Optional<Boolean> outcome = record.map(r -> apply(r, status));
            if (record.isEmpty()) {
                reports.hold(shop, status);
                // The sender may have recorded the send since, before the hold was there to be seen.
                outcome = reports.findSent(shop, update.messageId()).filter(r -> reports.release(shop, status)).map(r -> apply(r, status));
            }
            if (outcome.isEmpty()) {
                unknown++;
            } else if (outcome.get()) {
                changed++;
            } else {
                unchanged++;
            }
        }
        return new Applied(changed, unchanged, unknown);
    }

    /** Applies the statuses held for a WhatsApp record's message id now that its send is recorded, in order. */
    @Override
    public void recorded(OutboxMessage sent) {
        if (!WhatsAppMessages.CHANNEL.equals(sent.channel())) {
            return;
        }
        List<HeldStatus> held = new ArrayList<>(reports.held(sent.shop(), sent.providerMessageId(), clock.instant()));
        held.sort(Comparator.comparing(HeldStatus::state));
        for (HeldStatus status : held) {
            if (reports.release(sent.shop(), status)) {
                // Read again: an earlier held status (a failure) may have changed the record.
                reports.findSent(sent.shop(), status.providerMessageId()).ifPresent(record -> apply(record, status));
            }
        }
    }

    private boolean apply(OutboxMessage record, HeldStatus status) {
        if (record.status() != OutboxStatus.SENT || !status.providerMessageId().equals(record.providerMessageId())) {
            return false;
        }
        if (status.state() != DeliveryState.FAILED) {
            return reports.recordDelivery(record.shop(), record.id(), status.providerMessageId(), status.state(), status.at());
        }
        String error = "whatsapp status failed: code " + status.errorCode();
        OutboxMessage outcome = WhatsAppErrors.retryable(status.errorCode()) && record.attempts() < OutboxSender.MAX_ATTEMPTS
                ? record.withOutcome(OutboxStatus.PENDING, record.attempts(), error, null, null,
                        OutboxSender.nextAttempt(record.attempts(), clock.instant()))
                : record.withOutcome(OutboxStatus.FAILED, record.attempts(), error, null, null, null);
        return reports.recordFailure(outcome, status.providerMessageId(), status.at());
    }
}
