package dev.promptly.wiring;

import dev.promptly.alert.slack.SlackWebhook;
import dev.promptly.app.compliance.RawMailEraser;
import dev.promptly.app.outbox.AlertChannel;
import dev.promptly.app.outbox.MailTransport;
import dev.promptly.aws.AwsClients;
import dev.promptly.aws.s3.S3ObjectDeleter;
import dev.promptly.aws.s3.S3ObjectReader;
import dev.promptly.aws.s3.S3RawMailEraser;
import dev.promptly.aws.ses.SesMailTransport;
import dev.promptly.aws.sns.SnsPublisher;
import dev.promptly.config.SecretResolver;
import dev.promptly.mail.smtp.SmtpMailTransport;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The deployed adapters that depend on environment variables only some functions have: each variable is
 * read and checked when the use case that needs it is built, so a function fails at initialisation on its
 * own variables and never on another function's.
 */
final class AwsAdapters {
    private final Map<String, String> variables;
    private final AwsClients clients;

    AwsAdapters(Map<String, String> variables, AwsClients clients) {
        this.variables = variables;
        this.clients = clients;
    }

    /** SES v2 by default; SMTP when {@code SMTP_HOST} (and optionally {@code SMTP_PORT}) is set, for shops relaying through their own server. */
    Optional<MailTransport> mailTransport() {
        String smtp = blankToNull(variables.get(PromptlyEnvironment.SMTP_HOST));
        if (smtp != null) {
            return Optional.of(new SmtpMailTransport(smtp, smtpPort()));
        }
        return Optional.of(new SesMailTransport(clients.signedHttp(), variables, blankToNull(variables.get(PromptlyEnvironment.SES_CONFIGURATION_SET))));
    }

    private int smtpPort() {
        String port = variables.getOrDefault(PromptlyEnvironment.SMTP_PORT, "25").trim();
        try {
            int value = Integer.parseInt(port);
            if (value >= 1 && value <= 65535) {
                return value;
            }
        } catch (NumberFormatException e) {
            // named below
        }
        throw new IllegalStateException(PromptlyEnvironment.SMTP_PORT + " must be a port number from 1 to 65535, got '" + port + "'");
    }

    /** SLA alerts: Slack incoming webhooks (the URL resolved from the record's secret reference) and SNS topics. */
    Map<String, AlertChannel> alertChannels(SecretResolver secrets) {
        return Map.of(SlackWebhook.CHANNEL, new SlackWebhook(secrets, DeferredHttpClient::of), SnsPublisher.CHANNEL, new SnsPublisher(clients.signedHttp(), variables));
    }

    /**
     * Where a redaction deletes the customer's raw mail: the bucket and prefix the SES receipt rule stores
     * it under, which the template gives the webhook functions as it gives the inbound-email function.
     */
    RawMailEraser rawMailEraser() {
        String bucket = bucket(" (customers/redact deletes from it)");
        return new S3RawMailEraser(new S3ObjectDeleter(clients.signedHttp(), variables), bucket,
                variables.getOrDefault(PromptlyEnvironment.INBOUND_MAIL_PREFIX, ""));
    }

    /** The raw MIME the SES receipt rule stored under {@code INBOUND_MAIL_BUCKET}/{@code INBOUND_MAIL_PREFIX}{@code <messageId>}. */
    Function<String, byte[]> rawMail() {
        String bucket = bucket("");
        String prefix = variables.getOrDefault(PromptlyEnvironment.INBOUND_MAIL_PREFIX, "");
        var s3 = new S3ObjectReader(clients.signedHttp(), variables);
        return id -> s3.read(bucket, prefix + id);
    }

    private String bucket(String purpose) {
        String bucket = blankToNull(variables.get(PromptlyEnvironment.INBOUND_MAIL_BUCKET));
        if (bucket == null) {
            throw new IllegalStateException(PromptlyEnvironment.INBOUND_MAIL_BUCKET + " must name the bucket the SES receipt rule stores mail in" + purpose);
        }
        return bucket;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
