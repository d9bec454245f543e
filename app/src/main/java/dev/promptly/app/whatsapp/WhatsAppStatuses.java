package dev.promptly.app.whatsapp;

import dev.promptly.app.outbox.OutboxSender;
import dev.promptly.app.port.DeliveryReports;
import dev.promptly.app.whatsapp.WhatsAppNotification.StatusUpdate;
import dev.promptly.core.ShopDomain;
import dev.promptly.core.outbox.DeliveryState;
import dev.promptly.core.outbox.OutboxMessage;
import dev.promptly.core.outbox.OutboxStatus;
import java.time.Clock;
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
 * after the last attempt, it fails with the code for a person. Statuses for a message id Promptly did not
 * send are ignored and counted; repeated ones change nothing. Thread-safe.
 */
public final class WhatsAppStatuses {
    private final DeliveryReports reports;
    private final Clock clock;

    public WhatsAppStatuses(DeliveryReports reports, Clock clock) {
        this.reports = Objects.requireNonNull(reports, "reports");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** What the statuses of one notification did: records changed, statuses that changed nothing, unknown message ids. */
    public record Applied(int changed, int unchanged, int unknown) {
    }

    public Applied apply(ShopDomain shop, List<StatusUpdate> statuses) {
        int changed = 0;
        int unchanged = 0;
        int unknown = 0;
        for (StatusUpdate status : statuses) {
            Optional<OutboxMessage> record = reports.findSent(shop, status.messageId());
            if (record.isEmpty()) {
                unknown++;
            } else if (apply(record.get(), status)) {
                changed++;
            } else {
                unchanged++;
            }
        }
        return new Applied(changed, unchanged, unknown);
    }

    private boolean apply(OutboxMessage record, StatusUpdate status) {
        Optional<DeliveryState> state = DeliveryState.fromWire(status.status());
        if (state.isEmpty() || record.status() != OutboxStatus.SENT || !status.messageId().equals(record.providerMessageId())) {
            return false;
        }
        if (state.get() != DeliveryState.FAILED) {
            return reports.recordDelivery(record.shop(), record.id(), status.messageId(), state.get(), status.at());
        }
        // Without an error code Meta gave no reason to expect a retry to fare better.
        int code = status.errors().isEmpty() ? 0 : status.errors().get(0).code();
        String error = "whatsapp status failed: code " + code;
        OutboxMessage outcome = WhatsAppErrors.retryable(code) && record.attempts() < OutboxSender.MAX_ATTEMPTS
                ? record.withOutcome(OutboxStatus.PENDING, record.attempts(), error, null, null,
                        OutboxSender.nextAttempt(record.attempts(), clock.instant()))
                : record.withOutcome(OutboxStatus.FAILED, record.attempts(), error, null, null, null);
        return reports.recordFailure(outcome, status.messageId(), status.at());
    }
}
