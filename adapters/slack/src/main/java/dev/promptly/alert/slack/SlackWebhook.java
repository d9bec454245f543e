package dev.promptly.alert.slack;

import dev.promptly.app.outbox.AlertChannel;
import dev.promptly.app.outbox.MailDeliveryException;
import dev.promptly.config.SecretRef;
import dev.promptly.config.SecretResolver;
import dev.promptly.core.outbox.OutboxMessage;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Function;

/**
 * Posts an alert record's Block Kit payload (its text, see {@link SlackMessage}) to a Slack incoming
 * webhook. The record holds the webhook's secret reference, never the URL, which is resolved here. Slack
 * answers 200 {@code ok}; 429 and server errors are retried, other refusals ({@code invalid_payload},
 * {@code no_service}: a revoked webhook) are permanent. The URL is never logged or put in errors.
 * Thread-safe.
 */
public final class SlackWebhook implements AlertChannel {
    public static final String CHANNEL = "slack";
    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    private final SecretResolver secrets;
    private final HttpClient http;

    public SlackWebhook(SecretResolver secrets) {
        this(secrets, HttpClient.Builder::build);
    }

    /** @param httpClients builds the client from this adapter's settings (the composition root may defer it to first use) */
    public SlackWebhook(SecretResolver secrets, Function<HttpClient.Builder, HttpClient> httpClients) {
        this.secrets = Objects.requireNonNull(secrets, "secrets");
        this.http = httpClients.apply(HttpClient.newBuilder().connectTimeout(TIMEOUT));
    }

    @Override
    public String deliver(OutboxMessage message) {
        URI webhook;
        try {
            webhook = URI.create(secrets.resolve(SecretRef.parse(message.to())).trim());
        } catch (IllegalArgumentException e) {
            throw new MailDeliveryException("the Slack webhook reference does not resolve to a URL", true, null);
        }
        HttpRequest request = HttpRequest.newBuilder(webhook).timeout(TIMEOUT)
                .header("Content-Type", "application/json; charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofString(message.text(), StandardCharsets.UTF_8)).build();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new MailDeliveryException("Slack could not be reached", false, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MailDeliveryException("interrupted while posting to Slack", false, e);
        }
        int status = response.statusCode();
        if (status / 100 == 2) {
            return "slack:" + status;
        }
        String reason = response.body() == null ? "" : response.body().replaceAll("[^a-z_]", "");
        boolean retryable = status == 429 || status >= 500;
        throw new MailDeliveryException("Slack refused the alert: HTTP " + status + (reason.isEmpty() ? "" : " " + reason), !retryable, null);
    }
}
