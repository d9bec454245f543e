package dev.promptly.app.sla;

import dev.promptly.config.AlertTarget;
import dev.promptly.app.outbox.AutomaticMail;
import dev.promptly.config.ShopConfig;
import dev.promptly.core.outbox.OutboxKind;
import dev.promptly.core.outbox.OutboxMessage;
import dev.promptly.core.outbox.OutboxStatus;
import dev.promptly.core.sla.AlertText;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Turns an alert into one outbox record per target: Slack (the Block Kit payload as the record's text, the
 * webhook's secret reference as its address), SNS (subject and plain text to the topic ARN) or e-mail
 * (plain text with the automatic-mail headers, so no helpdesk answers it and our own intake ignores it).
 */
final class SlaAlerts {
    /** Amazon SNS refuses subjects over 100 characters. */
    private static final int SUBJECT_LIMIT = 100;

    private SlaAlerts() {
    }

    static OutboxMessage record(ShopConfig shop, AlertTarget target, String idSuffix, String conversationId, String subject,
                                String plainText, String slackPayload, Instant now, Instant notBefore) {
        String id = AutomaticMail.outboxId(now, "sla-" + idSuffix + "-" + target.name());
        String oneLine = subject.replaceAll("[\\r\\n]+", " ");
        Map<String, String> headers = Map.of();
        String from = null;
        String text = plainText;
        switch (target.channel()) {
            case EMAIL -> {
                headers = AutomaticMail.headers(shop, id, AutomaticMail.AUTO_GENERATED);
                from = "Promptly <" + shop.supportEmail() + ">";
            }
            case SLACK -> text = slackPayload;
            case SNS -> oneLine = oneLine.length() > SUBJECT_LIMIT ? oneLine.substring(0, SUBJECT_LIMIT - 1) + "…" : oneLine;
        }
        return new OutboxMessage(shop.domain(), id, OutboxKind.SLA_ALERT, target.channel().wire(), target.address(), from, null, oneLine,
                text, null, headers, conversationId, null, now, OutboxStatus.PENDING, notBefore, 0, null, null, null);
    }

    static OutboxMessage alert(ShopConfig shop, AlertTarget target, String idSuffix, String conversationId, AlertText alert, Instant now,
                               Instant notBefore, AlertFormat format) {
        return record(shop, target, idSuffix, conversationId, alert.title(), alert.plainText(), format.slackPayload(alert), now, notBefore);
    }

    static OutboxMessage digest(ShopConfig shop, AlertTarget target, String idSuffix, List<String> lines, Instant now, AlertFormat format) {
        String title = "SLA digest: " + lines.size() + (lines.size() == 1 ? " alert" : " alerts") + " while the team was away";
        StringBuilder text = new StringBuilder(title).append("\n\n");
        lines.forEach(line -> text.append("- ").append(line).append('\n'));
        return record(shop, target, idSuffix, null, title, text.toString(), format.slackDigest(title, lines), now, now);
    }
}
