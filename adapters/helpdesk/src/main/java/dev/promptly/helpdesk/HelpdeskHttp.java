package dev.promptly.helpdesk;

import com.fasterxml.jackson.databind.JsonNode;
import dev.promptly.app.outbox.MailDeliveryException;
import dev.promptly.core.json.JsonTrees;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

/**
 * JSON over HTTPS to a helpdesk's REST API with {@link HttpClient}: one request, its status mapped to a
 * delivery outcome — 2xx done; 408, 409, 429 and 5xx worth a retry (the vendors' rate limits answer 429);
 * any other 4xx permanent (wrong credentials, a deleted ticket). Thread-safe.
 */
final class HelpdeskHttp {
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final HttpClient client;

    HelpdeskHttp(HttpClient client) {
        this.client = client;
    }

    static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    /** Sends {@code body} (null: none) and returns the answer's JSON (an empty object when it has none). */
    JsonNode send(String method, URI uri, String authorization, JsonNode body) {
        return exchange(method, uri, authorization, body == null ? null : JsonTrees.toJson(body), "application/json");
    }

    /** Sends a form (OAuth2 token requests). */
    JsonNode form(URI uri, String form) {
        return exchange("POST", uri, null, form, "application/x-www-form-urlencoded");
    }

    private JsonNode exchange(String method, URI uri, String authorization, String body, String contentType) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(TIMEOUT).header("Accept", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", contentType);
        }
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        HttpResponse<String> response;
        try {
            response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new MailDeliveryException(method + " " + uri.getPath() + ": " + e.getClass().getSimpleName(), false, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MailDeliveryException("interrupted", false, e);
        }
        int status = response.statusCode();
        if (status < 200 || status > 299) {
            boolean retry = status == 408 || status == 409 || status == 429 || status >= 500;
            // The answer's body may quote the ticket; only the status goes into the record's error.
            throw new MailDeliveryException(method + " " + uri.getPath() + " answered " + status, !retry, null);
        }
        try {
            return response.body() == null || response.body().isBlank() ? JsonTrees.object() : JsonTrees.read(response.body());
        } catch (IOException e) {
            return JsonTrees.object();
        }
    }
}
