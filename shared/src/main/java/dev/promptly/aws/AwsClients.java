package dev.promptly.aws;

import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.ContainerCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import dev.promptly.aws.ssm.SsmParameterReader;
import software.amazon.awssdk.regions.Region;

/**
 * Builds the SDK clients a function uses, once per container: the URL-connection HTTP client (smallest
 * start-up cost), region from the environment, and in Lambda the credentials from the environment
 * variables the runtime sets, skipping the provider chain's probing. Endpoint overrides such as
 * {@code AWS_ENDPOINT_URL} (LocalStack) are honoured by the SDK itself.
 */
public final class AwsClients {
    private final SdkHttpClient http = UrlConnectionHttpClient.create();
    private final AwsCredentialsProvider credentials;

    public AwsClients(boolean inLambda) {
        this.credentials = inLambda ? lambdaCredentials() : DefaultCredentialsProvider.builder().build();
    }

    /**
     * Lambda gives credentials as environment variables, except under SnapStart, where a restored
     * snapshot must fetch fresh ones from the container credentials endpoint the runtime names.
     */
    private static AwsCredentialsProvider lambdaCredentials() {
        String uri = System.getenv("AWS_CONTAINER_CREDENTIALS_FULL_URI");
        return uri != null && !uri.isBlank()
                ? ContainerCredentialsProvider.builder().build()
                : EnvironmentVariableCredentialsProvider.create();
    }

    public DynamoDbClient dynamoDb() {
        return DynamoDbClient.builder().httpClient(http).credentialsProvider(credentials)
                .region(new DefaultAwsRegionProviderChain().getRegion()).build();
    }

    public SsmParameterReader ssmParameters() {
        Region region = new DefaultAwsRegionProviderChain().getRegion();
        return new SsmParameterReader(http, credentials, region, SsmParameterReader.endpointFor(region, System.getenv()));
    }

    public SecretsManagerClient secretsManager() {
        return SecretsManagerClient.builder().httpClient(http).credentialsProvider(credentials)
                .region(new DefaultAwsRegionProviderChain().getRegion()).build();
    }
}
