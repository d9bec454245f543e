package dev.promptly.functions.webhook;

import dev.promptly.app.ConfigSource;
import dev.promptly.app.PromptlyEnvironment;
import dev.promptly.app.webhook.WebhookIntake;
import dev.promptly.aws.AwsClients;
import dev.promptly.aws.dynamodb.DynamoConversationStore;
import dev.promptly.aws.dynamodb.DynamoDataExportStore;
import dev.promptly.aws.dynamodb.DynamoOrderStore;
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
                new DynamoDataExportStore(dynamo, env.tableName()), new DynamoConversationStore(dynamo, env.tableName()), Clock.systemUTC());
    }
}
