package dev.promptly.app.inbound;

import com.fasterxml.jackson.databind.JsonNode;
import dev.promptly.core.error.InvalidInputException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One record of the event SES receiving sends to a Lambda action: the SES message id (the S3 object's
 * name under the rule's prefix), when it arrived, whom it was addressed to, and SES's verdicts.
 * {@code from}, {@code subject} and {@code messageId} are SES's parsed common headers (any may be null),
 * used when the stored mail itself is too large to read. (The Lambda Java events library has no SES
 * event class, so the JSON is read here.) The SPF, DKIM and DMARC verdicts are {@code receipt.spfVerdict.status}
 * etc., each PASS, FAIL, GRAY or PROCESSING_FAILED (null when absent): see
 * https://docs.aws.amazon.com/ses/latest/dg/receiving-email-notifications-contents.html
 */
public record SesNotification(String sesMessageId, Instant receivedAt, List<String> recipients, String spamVerdict,
                              String virusVerdict, String from, String subject, String messageId,
                              String spfVerdict, String dkimVerdict, String dmarcVerdict) {

    public SesNotification {
        recipients = List.copyOf(recipients);
    }

    /** Without SPF, DKIM and DMARC verdicts: its sender counts as not authenticated. */
    public SesNotification(String sesMessageId, Instant receivedAt, List<String> recipients, String spamVerdict,
                           String virusVerdict, String from, String subject, String messageId) {
        this(sesMessageId, receivedAt, recipients, spamVerdict, virusVerdict, from, subject, messageId, null, null, null);
    }

    /**
     * Whether SES found the sender authentic: DKIM or SPF passed, and DMARC did not fail. Only then is a
     * mail that claims a team address trusted as the team's (From is free text; anyone can write it).
     */
    public boolean senderAuthenticated() {
        return ("PASS".equals(dkimVerdict) || "PASS".equals(spfVerdict)) && !"FAIL".equals(dmarcVerdict);
    }

    public boolean spam() {
        return "FAIL".equals(spamVerdict);
    }

    public boolean virus() {
        return "FAIL".equals(virusVerdict);
    }

    /** The records of an SES Lambda event. */
    public static List<SesNotification> fromEvent(JsonNode event) {
        JsonNode records = event.path("Records");
        if (!records.isArray() || records.isEmpty()) {
            throw new InvalidInputException("Records", "an SES event has at least one record");
        }
        List<SesNotification> notifications = new ArrayList<>();
        for (JsonNode record : records) {
            JsonNode ses = record.path("ses");
            String id = ses.path("mail").path("messageId").asText("");
            if (id.isBlank() || !id.matches("[A-Za-z0-9._-]{1,200}")) {
                throw new InvalidInputException("Records[].ses.mail.messageId", "is required");
            }
            Instant at;
            try {
                at = Instant.parse(ses.path("mail").path("timestamp").asText(ses.path("receipt").path("timestamp").asText("")));
            } catch (DateTimeParseException e) {
                throw new InvalidInputException("Records[].ses.mail.timestamp", "must be an ISO-8601 instant");
            }
            List<String> recipients = new ArrayList<>();
            JsonNode to = ses.path("receipt").path("recipients");
            if (!to.isArray() || to.isEmpty()) {
                to = ses.path("mail").path("destination");
            }
            to.forEach(r -> recipients.add(r.asText().trim().toLowerCase(Locale.ROOT)));
            JsonNode common = ses.path("mail").path("commonHeaders");
            notifications.add(new SesNotification(id, at, recipients,
                    ses.path("receipt").path("spamVerdict").path("status").asText(null),
                    ses.path("receipt").path("virusVerdict").path("status").asText(null),
                    common.path("from").path(0).asText(null), common.path("subject").asText(null),
                    common.path("messageId").asText(null),
                    ses.path("receipt").path("spfVerdict").path("status").asText(null),
                    ses.path("receipt").path("dkimVerdict").path("status").asText(null),
                    ses.path("receipt").path("dmarcVerdict").path("status").asText(null)));
        }
        return notifications;
    }
}
