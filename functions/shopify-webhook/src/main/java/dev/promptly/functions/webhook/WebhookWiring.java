package dev.promptly.functions.webhook;

import dev.promptly.app.Deployment;
import dev.promptly.app.webhook.WebhookIntake;
import dev.promptly.aws.dynamodb.DynamoConversationStore;
import dev.promptly.aws.dynamodb.DynamoDataExportStore;
import dev.promptly.aws.dynamodb.DynamoOrderStore;
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
                new DynamoDataExportStore(dynamo, d.tableName()), new DynamoConversationStore(dynamo, d.tableName()), d.clock());
    }
}
