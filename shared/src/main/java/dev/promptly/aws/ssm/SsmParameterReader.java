package dev.promptly.aws.ssm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.Map;
import java.util.Objects;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.ServiceMetadata;

/**
 * Reads one SSM Parameter Store parameter (SecureStrings decrypted) with a single SigV4-signed
 * {@code GetParameter} call, signed by the SDK's own {@link AwsV4HttpSigner}.
 *
 * <p>Why not the SDK's {@code SsmClient}: its generated model is over 5 MB compressed, a third of a
 * function's 15 MB budget, to make one call. Endpoint overrides follow the SDK's conventions
 * ({@code AWS_ENDPOINT_URL_SSM}, then {@code AWS_ENDPOINT_URL}), so LocalStack works the same way.
 * Thread-safe.
 */
public final class SsmParameterReader {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final AwsV4HttpSigner SIGNER = AwsV4HttpSigner.create();

    private final SdkHttpClient http;
    private final AwsCredentialsProvider credentials;
    private final Region region;
    private final URI endpoint;

    public SsmParameterReader(SdkHttpClient http, AwsCredentialsProvider credentials, Region region, URI endpoint) {
        this.http = Objects.requireNonNull(http, "http");
        this.credentials = Objects.requireNonNull(credentials, "credentials");
        this.region = Objects.requireNonNull(region, "region");
        this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
    }

    /** The endpoint for {@code region}, unless the environment overrides it as the SDK would. */
    public static URI endpointFor(Region region, Map<String, String> env) {
        String override = env.getOrDefault("AWS_ENDPOINT_URL_SSM", env.get("AWS_ENDPOINT_URL"));
        if (override != null && !override.isBlank()) {
            return URI.create(override.trim());
        }
        return URI.create("https://" + ServiceMetadata.of("ssm").endpointFor(region));
    }

    /**
     * The parameter's value.
     *
     * @throws IllegalStateException naming the parameter and SSM's error type (never its value)
     */
    public String get(String name) {
        byte[] body;
        try {
            body = JSON.writeValueAsBytes(JSON.createObjectNode().put("Name", name).put("WithDecryption", true));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        SdkHttpRequest request = SdkHttpRequest.builder()
                .method(SdkHttpMethod.POST)
                .uri(endpoint)
                .putHeader("Content-Type", "application/x-amz-json-1.1")
                .putHeader("X-Amz-Target", "AmazonSSM.GetParameter")
                .build();
        SignedRequest signed = SIGNER.sign(r -> r
                .identity(credentials.resolveCredentials())
                .request(request)
                .payload(ContentStreamProvider.fromByteArray(body))
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "ssm")
                .putProperty(AwsV4HttpSigner.REGION_NAME, region.id()));
        try {
            HttpExecuteResponse response = http.prepareRequest(HttpExecuteRequest.builder()
                    .request(signed.request())
                    .contentStreamProvider(signed.payload().orElse(null))
                    .build()).call();
            JsonNode answer = read(response);
            if (!response.httpResponse().isSuccessful()) {
                throw new IllegalStateException("SSM parameter " + name + " could not be read: HTTP "
                        + response.httpResponse().statusCode() + " " + answer.path("__type").asText("unknown error"));
            }
            JsonNode value = answer.path("Parameter").path("Value");
            if (!value.isTextual()) {
                throw new IllegalStateException("SSM parameter " + name + ": the answer carries no value");
            }
            return value.asText();
        } catch (IOException e) {
            throw new UncheckedIOException("SSM parameter " + name + " could not be read", e);
        }
    }

    private static JsonNode read(HttpExecuteResponse response) throws IOException {
        if (response.responseBody().isEmpty()) {
            return JSON.createObjectNode();
        }
        try (InputStream in = response.responseBody().get()) {
            byte[] bytes = in.readAllBytes();
            return bytes.length == 0 ? JSON.createObjectNode() : JSON.readTree(bytes);
        }
    }
}
