package dev.promptly.functions.outbox;

import dev.promptly.alert.slack.SlackWebhook;
import dev.promptly.app.Deployment;
import dev.promptly.app.PromptlyEnvironment;
import dev.promptly.app.delay.DelayNoticeCheck;
import dev.promptly.app.outbox.AlertChannel;
import dev.promptly.app.outbox.OutboxSender;
import dev.promptly.aws.dynamodb.DynamoOrderStore;
import dev.promptly.aws.dynamodb.DynamoOutboxStore;
import dev.promptly.aws.ses.SesMailTransport;
import dev.promptly.aws.sns.SnsPublisher;
import dev.promptly.log.JsonLog;
import dev.promptly.mail.MailComposer;
import dev.promptly.mail.smtp.SmtpMailTransport;
import java.util.Map;
import java.util.Optional;

/**
 * Builds the sender once per container: SES v2 by default; SMTP when {@code SMTP_HOST} (and optionally
 * {@code SMTP_PORT}) is set, for shops that relay through their own mail server. SLA alerts also go to Slack
 * incoming webhooks and SNS topics.
 */
final class OutboxWiring {
    private static final String SMTP_HOST = PromptlyEnvironment.SMTP_HOST;
    private static final String SMTP_PORT = PromptlyEnvironment.SMTP_PORT;
    private static final String SES_CONFIGURATION_SET = PromptlyEnvironment.SES_CONFIGURATION_SET;

    private OutboxWiring() {
    }

    static OutboxSender fromEnvironment(JsonLog log) {
        return fromDeployment(Deployment.fromEnvironment(System.getenv()), log);
    }

    static OutboxSender fromDeployment(Deployment d, JsonLog log) {
        String smtp = d.variables().get(SMTP_HOST);
        var transport = smtp != null && !smtp.isBlank()
                ? new SmtpMailTransport(smtp.trim(), Integer.parseInt(d.variables().getOrDefault(SMTP_PORT, "25").trim()))
                : new SesMailTransport(d.clients().signedHttp(), d.variables(), blankToNull(d.variables().get(SES_CONFIGURATION_SET)));
        // SLA alerts: Slack webhooks (URL resolved from the record's secret reference) and SNS topics.
        Map<String, AlertChannel> alerts = Map.of(SlackWebhook.CHANNEL, new SlackWebhook(d.secrets()),
                SnsPublisher.CHANNEL, new SnsPublisher(d.clients().signedHttp(), d.variables()));
        var delayNoticeCheck = new DelayNoticeCheck(d.config(), new DynamoOrderStore(d.dynamoDb(), d.tableName()), d.clock());
        return new OutboxSender(new DynamoOutboxStore(d.dynamoDb(), d.tableName()), Optional.of(transport), new MailComposer(),
                alerts, d.clock(), log, delayNoticeCheck);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
