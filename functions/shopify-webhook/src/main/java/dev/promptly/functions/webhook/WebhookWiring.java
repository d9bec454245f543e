package dev.promptly.functions.webhook;

import dev.promptly.app.ConfigSource;
import dev.promptly.app.PromptlyEnvironment;
import dev.promptly.app.webhook.WebhookIntake;
import dev.promptly.aws.AwsClients;
import dev.promptly.aws.dynamodb.DynamoConversationStore;
import dev.promptly.aws.dynamodb.DynamoDataExportStore;
import dev.promptly.aws.dynamodb.DynamoOrderStore;
import dev.promptly.aws.s3.S3ObjectDeleter;
import dev.promptly.aws.s3.S3RawMailEraser;
import dev.promptly.config.PromptlyConfig;
import java.time.Clock;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** Builds the webhook use case from the environment, once per container. */
final class WebhookWiring {
    private WebhookWiring() {
    }

    static WebhookIntake fromEnvironment(Map<String, String> variables) {
        var env = PromptlyEnvironment.from(variables);
        var clients = new AwsClients(env.inLambda());
        PromptlyConfig config = ConfigSource.load(env, clients::ssmParameters);
        DynamoDbClient dynamo = clients.dynamoDb();
        return new WebhookIntake(config, clients.cachedSecrets(Clock.systemUTC()), new DynamoOrderStore(dynamo, env.tableName()),
                new DynamoDataExportStore(dynamo, env.tableName()), new DynamoConversationStore(dynamo, env.tableName()),
                rawMail(variables, clients), Clock.systemUTC());
    }

    /**
     * Where a redaction deletes the customer's raw mail: the bucket and prefix the SES receipt rule stores
     * it under, which the template gives this function as it gives the inbound-email function.
     */
    private static S3RawMailEraser rawMail(Map<String, String> variables, AwsClients clients) {
        String bucket = variables.get(PromptlyEnvironment.INBOUND_MAIL_BUCKET);
        if (bucket == null || bucket.isBlank()) {
            throw new IllegalStateException(PromptlyEnvironment.INBOUND_MAIL_BUCKET
                    + " must name the bucket the SES receipt rule stores mail in (customers/redact deletes from it)");
        }
        return new S3RawMailEraser(new S3ObjectDeleter(clients.signedHttp(), variables), bucket.trim(),
                variables.getOrDefault(PromptlyEnvironment.INBOUND_MAIL_PREFIX, ""));
    }
}
