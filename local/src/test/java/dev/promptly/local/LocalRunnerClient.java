package dev.promptly.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;

/** A local runner started for a test class, and the HTTP calls the tests make against it on loopback. */
final class LocalRunnerClient implements AutoCloseable {
    static final String SHOP = "demo-shop.myshopify.com";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final LocalSystem system;
    private final HttpClient http = HttpClient.newHttpClient();

    private LocalRunnerClient(LocalSystem system) {
        this.system = system;
    }

    /** The runner with the shipped example configuration, on a free port. */
    static LocalRunnerClient start(LocalOptions options) throws IOException {
        return new LocalRunnerClient(LocalSystem.start(options));
    }

    LocalSystem system() {
        return system;
    }

    URI uri(String path) {
        return URI.create("http://127.0.0.1:" + system.port() + path);
    }

    /** POST {@code body} with header name/value pairs. */
    HttpResponse<String> post(String path, String body, String... headers) throws IOException, InterruptedException {
        var request = HttpRequest.newBuilder(uri(path));
        if (headers.length > 0) {
            request.headers(headers);
        }
        return http.send(request.POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** GET's JSON answer. */
    JsonNode get(String path) throws IOException, InterruptedException {
        return JSON.readTree(http.send(HttpRequest.newBuilder(uri(path)).GET().build(), HttpResponse.BodyHandlers.ofString()).body());
    }

    /** The outbox's messages of one kind ({@code delay_notice}, {@code sla_alert}, …), oldest first. */
    List<JsonNode> outbox(String kind) throws IOException, InterruptedException {
        List<JsonNode> found = new ArrayList<>();
        get("/local/outbox").forEach(m -> {
            if (m.get("kind").asText().equals(kind)) {
                found.add(m);
            }
        });
        return found;
    }

    @Override
    public void close() {
        system.close();
    }
}
