package dev.promptly.alert.slack;

import dev.promptly.app.sla.AlertFormat;
import dev.promptly.core.sla.AlertText;
import java.util.List;

/** The {@link AlertFormat} of Slack incoming webhooks: {@link SlackMessage}'s Block Kit payloads. Stateless. */
public final class SlackAlertFormat implements AlertFormat {
    @Override
    public String slackPayload(AlertText alert) {
        return SlackMessage.payload(alert);
    }

    @Override
    public String slackDigest(String title, List<String> lines) {
        return SlackMessage.digest(title, lines);
    }
}
