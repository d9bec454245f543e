package dev.promptly.app.sla;

import dev.promptly.core.sla.AlertText;
import java.util.List;

/**
 * Renders SLA alerts in the message format of a chat target (a Slack incoming webhook's payload), kept as the
 * text of the alert's outbox record. Implementations are stateless and thread-safe.
 */
public interface AlertFormat {
    /** One alert as the Slack channel posts it. */
    String slackPayload(AlertText alert);

    /** A digest of alerts held outside the team's hours: {@code title} and one line per alert. */
    String slackDigest(String title, List<String> lines);
}
