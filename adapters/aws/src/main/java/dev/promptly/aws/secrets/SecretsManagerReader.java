package dev.promptly.aws.secrets;

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
 * Reads one Secrets Manager secret's string with a single signed {@code GetSecretValue} call (see
 * {@link SignedHttp} for why not the SDK's {@code SecretsManagerClient}: 0.6 MB for one call).
 * Thread-safe.
 */
public final class SecretsManagerReader {
    private final SignedHttp aws;
    private final URI endpoint;

    public SecretsManagerReader(SignedHttp aws, Map<String, String> env) {
        this.aws = Objects.requireNonNull(aws, "aws");
        this.endpoint = aws.endpoint("secretsmanager", "SECRETS_MANAGER", env);
    }

    /** @throws IllegalStateException naming the secret and the service's error type (never its value) */
    public String get(String secretId) {
        byte[] body;
        try {
            body = JsonTrees.writeBytes(JsonTrees.object().put("SecretId", secretId));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        SignedHttp.Response response = aws.call(SdkHttpMethod.POST, endpoint,
                Map.of("Content-Type", "application/x-amz-json-1.1", "X-Amz-Target", "secretsmanager.GetSecretValue"), body,
                "secretsmanager");
        JsonNode answer;
        try {
            answer = response.body().length == 0 ? JsonTrees.object() : JsonTrees.read(response.body());
        } catch (IOException e) {
            answer = JsonTrees.object();
        }
        if (!response.ok()) {
            throw new IllegalStateException("secret " + secretId + " could not be read: HTTP " + response.status() + " "
                    + answer.path("__type").asText("unknown error"));
        }
        JsonNode value = answer.path("SecretString");
        if (!value.isTextual()) {
            throw new IllegalStateException("secret " + secretId + " has no string value (binary secrets are not supported)");
        }
        return value.asText();
    }
}
