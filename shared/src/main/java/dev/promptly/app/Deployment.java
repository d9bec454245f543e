package dev.promptly.app;

import dev.promptly.aws.AwsClients;
import dev.promptly.config.PromptlyConfig;
import dev.promptly.config.SecretResolver;
import java.time.Clock;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * What every deployed function starts from, built once per container: the validated environment, the
 * AWS clients, the configuration and the cached secrets.
 */
public record Deployment(PromptlyEnvironment environment, Map<String, String> variables, AwsClients clients,
                         PromptlyConfig config, DynamoDbClient dynamoDb, SecretResolver secrets, Clock clock) {

    public static Deployment fromEnvironment(Map<String, String> variables) {
        var env = PromptlyEnvironment.from(variables);
        var clients = new AwsClients(env.inLambda());
        PromptlyConfig config = ConfigSource.load(env, clients::ssmParameters);
        Clock clock = Clock.systemUTC();
        return new Deployment(env, Map.copyOf(variables), clients, config, clients.dynamoDb(), clients.cachedSecrets(clock), clock);
    }

    public String tableName() {
        return environment.tableName();
    }
}
