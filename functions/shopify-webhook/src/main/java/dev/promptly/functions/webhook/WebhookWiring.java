package dev.promptly.functions.webhook;

import dev.promptly.app.Deployment;
import dev.promptly.app.webhook.WebhookIntake;
import dev.promptly.aws.dynamodb.DynamoConversationStore;
import dev.promptly.aws.dynamodb.DynamoDataExportStore;
import dev.promptly.aws.dynamodb.DynamoOrderStore;
import dev.promptly.app.PromptlyEnvironment;
import dev.promptly.aws.AwsClients;
import dev.promptly.aws.s3.S3ObjectDeleter;
import dev.promptly.aws.s3.S3RawMailEraser;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** Builds the webhook use case from the environment, once per container. */
final class WebhookWiring {
    private WebhookWiring() {
    }

    static WebhookIntake fromEnvironment(Map<String, String> variables) {
        return fromDeployment(Deployment.fromEnvironment(variables));
    }

    static WebhookIntake fromDeployment(Deployment d) {
        DynamoDbClient dynamo = d.dynamoDb();
        return new WebhookIntake(d.config(), d.secrets(), new DynamoOrderStore(dynamo, d.tableName()),
                new DynamoDataExportStore(dynamo, d.tableName()), new DynamoConversationStore(dynamo, d.tableName()),
                rawMail(d.variables(), d.clients()), d.clock());
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
