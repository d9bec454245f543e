package dev.promptly.aws.sns;

import dev.promptly.app.outbox.AlertChannel;
import dev.promptly.app.outbox.MailDeliveryException;
import dev.promptly.aws.http.SignedHttp;
import dev.promptly.core.outbox.OutboxMessage;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import software.amazon.awssdk.http.SdkHttpMethod;

/**
 * Publishes an alert record to its Amazon SNS topic ({@code to} is the topic ARN) with the Query API's
 * {@code Publish} action, one SigV4-signed POST (see {@link SignedHttp}: no SNS client in the jar). The
 * topic must be in the function's region. Throttling and server errors are retried; other refusals (no
 * such topic, not authorised) are permanent. Thread-safe.
 */
public final class SnsPublisher implements AlertChannel {
    public static final String CHANNEL = "sns";
    private static final Pattern MESSAGE_ID = Pattern.compile("<MessageId>([^<]+)</MessageId>");
    private static final Pattern CODE = Pattern.compile("<Code>([^<]+)</Code>");

    private final SignedHttp aws;
    private final URI endpoint;

    public SnsPublisher(SignedHttp aws, Map<String, String> env) {
        this.aws = Objects.requireNonNull(aws, "aws");
        this.endpoint = aws.endpoint("sns", "SNS", env).resolve("/");
    }

    @Override
    public String deliver(OutboxMessage message) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("Action", "Publish");
        form.put("Version", "2010-03-31");
        form.put("TopicArn", message.to());
        form.put("Subject", message.subject());
        form.put("Message", message.text());
        byte[] body = form.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&")).getBytes(StandardCharsets.UTF_8);
        SignedHttp.Response response;
        try {
            response = aws.call(SdkHttpMethod.POST, endpoint, Map.of("Content-Type", "application/x-www-form-urlencoded; charset=utf-8"),
                    body, "sns");
        } catch (UncheckedIOException e) {
            throw new MailDeliveryException("SNS could not be reached", false, e);
        }
        String answer = new String(response.body(), StandardCharsets.UTF_8);
        if (response.ok()) {
            Matcher id = MESSAGE_ID.matcher(answer);
            return id.find() ? id.group(1) : "sns:" + response.status();
        }
        Matcher code = CODE.matcher(answer);
        String type = code.find() ? code.group(1) : "unknown";
        boolean retryable = response.status() >= 500 || type.contains("Throttl") || type.equals("InternalError");
        throw new MailDeliveryException("SNS refused the alert: HTTP " + response.status() + " " + type, !retryable, null);
    }
}
