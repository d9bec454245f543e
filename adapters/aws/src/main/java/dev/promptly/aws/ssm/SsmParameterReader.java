package dev.promptly.aws.ssm;

import com.fasterxml.jackson.databind.JsonNode;
import dev.promptly.aws.http.SignedHttp;
import dev.promptly.core.json.JsonTrees;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.Map;
import java.util.Objects;
import software.amazon.awssdk.http.SdkHttpMethod;

/**
 * Reads one SSM Parameter Store parameter (SecureStrings decrypted) with a single SigV4-signed
 * {@code GetParameter} call (see {@link SignedHttp} for why not the SDK's {@code SsmClient}).
 * Thread-safe.
 */
public final class SsmParameterReader {
    private final SignedHttp aws;
    private final URI endpoint;

    public SsmParameterReader(SignedHttp aws, URI endpoint) {
        this.aws = Objects.requireNonNull(aws, "aws");
        this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
    }

    /** The SSM endpoint, unless {@code AWS_ENDPOINT_URL_SSM} or {@code AWS_ENDPOINT_URL} overrides it. */
    public static URI endpointFor(SignedHttp aws, Map<String, String> env) {
        return aws.endpoint("ssm", "SSM", env);
    }

    /**
     * The parameter's value.
     *
     * @throws IllegalStateException naming the parameter and SSM's error type (never its value)
     */
    public String get(String name) {
        byte[] body;
        try {
            body = JsonTrees.writeBytes(JsonTrees.object().put("Name", name).put("WithDecryption", true));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        SignedHttp.Response response = aws.call(SdkHttpMethod.POST, endpoint,
                Map.of("Content-Type", "application/x-amz-json-1.1", "X-Amz-Target", "AmazonSSM.GetParameter"), body, "ssm");
        JsonNode answer = read(response.body());
        if (!response.ok()) {
            throw new IllegalStateException("SSM parameter " + name + " could not be read: HTTP "
                    + response.status() + " " + answer.path("__type").asText("unknown error"));
        }
        JsonNode value = answer.path("Parameter").path("Value");
        if (!value.isTextual()) {
            throw new IllegalStateException("SSM parameter " + name + ": the answer carries no value");
        }
        return value.asText();
    }

    private static JsonNode read(byte[] bytes) {
        try {
            return bytes.length == 0 ? JsonTrees.object() : JsonTrees.read(bytes);
        } catch (IOException e) {
            return JsonTrees.object();
        }
    }
}
