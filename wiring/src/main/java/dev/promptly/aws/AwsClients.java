package dev.promptly.aws;

import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.ContainerCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import dev.promptly.aws.secrets.AwsSecretResolver;
import dev.promptly.aws.secrets.SecretsManagerReader;
import dev.promptly.aws.http.SignedHttp;
import dev.promptly.aws.s3.S3ObjectReader;
import dev.promptly.aws.ssm.SsmParameterReader;
import dev.promptly.config.CachingSecretResolver;
import dev.promptly.config.SecretResolver;
import java.time.Clock;
import java.time.Duration;
import software.amazon.awssdk.regions.Region;

/**
 * Builds the SDK clients a function uses, once per container: the URL-connection HTTP client (smallest
 * start-up cost), region from the environment, and in Lambda the credentials from the environment
 * variables the runtime sets, skipping the provider chain's probing. Endpoint overrides such as
 * {@code AWS_ENDPOINT_URL} (LocalStack) are honoured by the SDK itself.
 */
public final class AwsClients {
    /** A rotated secret is picked up within this time. */
    public static final Duration SECRET_CACHE = Duration.ofMinutes(5);

    private final SdkHttpClient http = UrlConnectionHttpClient.create();
    private final AwsCredentialsProvider credentials;
    private Region region;
    private SsmParameterReader ssm;
    private SignedHttp signed;

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
        return DynamoDbClient.builder().httpClient(http).credentialsProvider(credentials).region(region()).build();
    }

    /** One reader per container, shared by the configuration and the secrets. */
    public synchronized SsmParameterReader ssmParameters() {
        if (ssm == null) {
            ssm = new SsmParameterReader(signedHttp(), SsmParameterReader.endpointFor(signedHttp(), System.getenv()));
        }
        return ssm;
    }

    /** Signed calls for the APIs we make without a generated client (SSM, SES v2, S3). */
    public synchronized SignedHttp signedHttp() {
        if (signed == null) {
            signed = new SignedHttp(http, credentials, region());
        }
        return signed;
    }

    /** Signed S3 GetObject (the configuration object, stored mail). */
    public S3ObjectReader s3Objects() {
        return new S3ObjectReader(signedHttp(), System.getenv());
    }

    public SecretsManagerReader secretsManager() {
        return new SecretsManagerReader(signedHttp(), System.getenv());
    }

    /**
     * Secrets from SSM or Secrets Manager, cached for {@link #SECRET_CACHE}. Neither service is
     * contacted, nor the region looked up, until a secret of that kind is first read.
     */
    public SecretResolver cachedSecrets(Clock clock) {
        return new CachingSecretResolver(new AwsSecretResolver(this::ssmParameters, this::secretsManager), clock, SECRET_CACHE);
    }

    /** Resolved once, on first use: the local runner never needs one unless it reads an AWS secret. */
    private synchronized Region region() {
        if (region == null) {
            region = new DefaultAwsRegionProviderChain().getRegion();
        }
        return region;
    }
}
