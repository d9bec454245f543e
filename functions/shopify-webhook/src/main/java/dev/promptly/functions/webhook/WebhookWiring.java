package dev.promptly.functions.webhook;

import dev.promptly.app.ConfigSource;
import dev.promptly.app.PromptlyEnvironment;
import dev.promptly.app.webhook.WebhookIntake;
import dev.promptly.aws.AwsClients;
import dev.promptly.aws.dynamodb.DynamoDataExportStore;
import dev.promptly.aws.dynamodb.DynamoOrderStore;
import dev.promptly.aws.secrets.AwsSecretResolver;
import dev.promptly.config.CachingSecretResolver;
import dev.promptly.config.PromptlyConfig;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import dev.promptly.aws.ssm.SsmParameterReader;

/** Builds the webhook use case from the environment, once per container. */
final class WebhookWiring {
    /** A rotated webhook secret is picked up within this time. */
    static final Duration SECRET_CACHE = Duration.ofMinutes(5);

    private WebhookWiring() {
    }

    static WebhookIntake fromEnvironment(Map<String, String> variables) {
        var env = PromptlyEnvironment.from(variables);
        var clients = new AwsClients(env.inLambda());
        SsmParameterReader ssm = clients.ssmParameters();
        PromptlyConfig config = ConfigSource.load(env, () -> ssm);
        DynamoDbClient dynamo = clients.dynamoDb();
        var secrets = new CachingSecretResolver(
                new AwsSecretResolver(() -> ssm, clients::secretsManager),
                Clock.systemUTC(), SECRET_CACHE);
        return new WebhookIntake(config, secrets, new DynamoOrderStore(dynamo, env.tableName()),
                new DynamoDataExportStore(dynamo, env.tableName()), Clock.systemUTC());
    }
}
