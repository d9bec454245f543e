package dev.promptly.whatsapp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.promptly.app.port.WhatsAppApi;
import dev.promptly.app.whatsapp.WhatsAppErrors;
import dev.promptly.core.json.JsonTrees;
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
 * The WhatsApp Cloud API over the Graph API: {@code POST {base}/{version}/{phone-number-id}/messages}
 * with {@code Authorization: Bearer <access token>} and a JSON body
 * (https://developers.facebook.com/docs/whatsapp/cloud-api/reference/messages):
 * {@code {"messaging_product": "whatsapp", "recipient_type": "individual", "to": "+49...", "type": "text",
 * "text": {"preview_url": false, "body": "..."}}} or {@code "type": "template", "template": {"name": ...,
 * "language": {"code": ...}, "components": [{"type": "body", "parameters": [{"type": "text", "text": ...}]}]}}
 * (https://developers.facebook.com/docs/whatsapp/cloud-api/guides/send-message-templates). A success answers
 * {@code {"messages": [{"id": "wamid..."}]}}; a refusal {@code {"error": {"message", "type", "code", ...}}},
 * whose numeric code decides whether to retry ({@link WhatsAppErrors}); 429 and 5xx without one are retried.
 * The token and the recipient never appear in an error message. Thread-safe.
 */
public final class GraphApiClient implements WhatsAppApi {
    /** Meta's Graph API host. */
    public static final URI GRAPH_API = URI.create("https://graph.facebook.com");
    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    private final URI base;
    private final HttpClient http;

    /** @param base the Graph API host, or a stand-in's (the local runner's {@code --whatsapp-api-url}) */
    public GraphApiClient(URI base) {
        this(base, HttpClient.Builder::build);
    }

    /** @param httpClients builds the client from this adapter's settings (the composition root may defer it to first use) */
    public GraphApiClient(URI base, Function<HttpClient.Builder, HttpClient> httpClients) {
        this.base = Objects.requireNonNull(base, "base");
        this.http = httpClients.apply(HttpClient.newBuilder().connectTimeout(TIMEOUT));
    }

    @Override
    public String send(Request request) {
        String root = base.toString().replaceAll("/+$", "");
        URI uri = URI.create(root + "/" + request.apiVersion() + "/" + request.phoneNumberId() + "/messages");
        HttpRequest post = HttpRequest.newBuilder(uri).timeout(TIMEOUT)
                .header("Authorization", "Bearer " + request.accessToken())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JsonTrees.toJson(body(request)), StandardCharsets.UTF_8)).build();
        HttpResponse<String> response;
        try {
            response = http.send(post, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new WhatsAppApiException("the WhatsApp Cloud API could not be reached", 0, true, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new WhatsAppApiException("interrupted while sending a WhatsApp message", 0, true, e);
        }
        JsonNode answer = parse(response.body());
        int status = response.statusCode();
        if (status / 100 == 2) {
            String id = answer.path("messages").path(0).path("id").asText("");
            if (id.isEmpty()) {
                throw new WhatsAppApiException("the WhatsApp Cloud API answered " + status + " without a message id", 0, false, null);
            }
            return id;
        }
        JsonNode error = answer.path("error");
        if (error.path("code").canConvertToInt()) {
            int code = error.path("code").asInt();
            return fail("the WhatsApp Cloud API refused the message: error " + code + " (HTTP " + status + ")", code, WhatsAppErrors.retryable(code));
        }
        return fail("the WhatsApp Cloud API answered HTTP " + status, 0, status == 429 || status >= 500);
    }

    private static String fail(String message, int code, boolean retryable) {
        throw new WhatsAppApiException(message, code, retryable, null);
    }

    static ObjectNode body(Request request) {
        ObjectNode body = JsonTrees.object().put("messaging_product", "whatsapp").put("recipient_type", "individual")
                .put("to", request.to());
        if (request.body() instanceof Text text) {
            body.put("type", "text").putObject("text").put("preview_url", false).put("body", text.body());
        } else if (request.body() instanceof Template template) {
            ObjectNode t = body.put("type", "template").putObject("template").put("name", template.name());
            t.putObject("language").put("code", template.languageCode());
            if (!template.bodyParameters().isEmpty()) {
                ArrayNode parameters = t.putArray("components").addObject().put("type", "body").putArray("parameters");
                template.bodyParameters().forEach(p -> parameters.addObject().put("type", "text").put("text", p));
            }
        }
        return body;
    }

    private static JsonNode parse(String body) {
        try {
            JsonNode node = body == null || body.isBlank() ? null : JsonTrees.read(body);
            return node == null ? JsonTrees.object() : node;
        } catch (IOException e) {
            return JsonTrees.object();
        }
    }
}
