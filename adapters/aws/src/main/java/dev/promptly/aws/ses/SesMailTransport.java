package dev.promptly.aws.ses;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.promptly.app.outbox.MailDeliveryException;
import dev.promptly.app.outbox.MailTransport;
import dev.promptly.aws.http.SignedHttp;
import dev.promptly.core.json.JsonTrees;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import software.amazon.awssdk.http.SdkHttpMethod;

/**
 * Sends composed mail with Amazon SES v2 {@code SendEmail} (raw content), one signed call (see
 * {@link SignedHttp}). Throttling and server errors are retryable; a rejected message or an unverified
 * identity is permanent. Thread-safe.
 */
public final class SesMailTransport implements MailTransport {
    private final SignedHttp aws;
    private final URI sendEmail;
    private final String configurationSet;

    /** {@code configurationSet} may be null. */
    public SesMailTransport(SignedHttp aws, Map<String, String> env, String configurationSet) {
        this.aws = Objects.requireNonNull(aws, "aws");
        this.sendEmail = aws.endpoint("email", "SESV2", env).resolve("/v2/email/outbound-emails");
        this.configurationSet = configurationSet;
    }

    @Override
    public String send(String envelopeFrom, List<String> recipients, byte[] mime) {
        ObjectNode request = JsonTrees.object();
        request.put("FromEmailAddress", envelopeFrom);
        recipients.forEach(request.putObject("Destination").putArray("ToAddresses")::add);
        request.putObject("Content").putObject("Raw").put("Data", Base64.getEncoder().encodeToString(mime));
        if (configurationSet != null) {
            request.put("ConfigurationSetName", configurationSet);
        }
        SignedHttp.Response response;
        try {
            response = aws.call(SdkHttpMethod.POST, sendEmail, Map.of("Content-Type", "application/json"),
                    JsonTrees.writeBytes(request), "ses");
        } catch (IOException | UncheckedIOException e) {
            throw new MailDeliveryException("SES could not be reached", false, e);
        }
        JsonNode answer = read(response.body());
        if (response.ok()) {
            return answer.path("MessageId").asText(null);
        }
        String type = answer.path("__type").asText(answer.path("code").asText("unknown"));
        boolean retryable = response.status() == 429 || response.status() >= 500 || type.contains("TooManyRequests")
                || type.contains("Throttl");
        throw new MailDeliveryException("SES refused the mail: HTTP " + response.status() + " " + type, !retryable, null);
    }

    private static JsonNode read(byte[] body) {
        try {
            return body.length == 0 ? JsonTrees.object() : JsonTrees.read(body);
        } catch (IOException e) {
            return JsonTrees.object();
        }
    }
}
