package dev.promptly.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** A local runner started for a test class, and the HTTP calls the tests make against it on loopback. */
final class LocalRunnerClient implements AutoCloseable {
    static final String SHOP = "demo-shop.myshopify.com";
    /**
     * Where every runner a test starts begins its clock: Monday 23 November 2026, 10:00 in Berlin, just
     * after the sample order #1001 was placed, so no outcome depends on the day the suite runs.
     */
    static final Instant TEST_START = Instant.parse("2026-11-23T09:00:00Z");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final LocalSystem system;
    private final HttpClient http = HttpClient.newHttpClient();

    private LocalRunnerClient(LocalSystem system) {
        this.system = system;
    }

    /** The runner with {@code options}, its clock at {@link #TEST_START} unless the options say otherwise. */
    static LocalRunnerClient start(LocalOptions options) throws IOException {
        return new LocalRunnerClient(LocalSystem.start(onTestClock(options)));
    }

    /** As {@link #start(LocalOptions)}, with the functions' log lines written to {@code logs}. */
    static LocalRunnerClient start(LocalOptions options, java.io.PrintStream logs) throws IOException {
        return new LocalRunnerClient(LocalSystem.start(onTestClock(options), logs));
    }

    /** {@code options} with the clock starting at {@link #TEST_START} unless they set a start. */
    static LocalOptions onTestClock(LocalOptions options) {
        return options.clockStart() == null ? options.startingAt(TEST_START) : options;
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

    /** A sample body from {@code events/shopify-bodies}, e.g. {@code orders-create}. */
    static String shopifySample(String name) throws IOException {
        return java.nio.file.Files.readString(java.nio.file.Path.of("..", "events", "shopify-bodies", name + ".json"));
    }

    /** POSTs a Shopify webhook signed with the example configuration's secret and checks that it was accepted. */
    void webhook(String topic, String body, String webhookId) throws IOException, InterruptedException {
        var response = post("/webhooks/shopify", body, "X-Shopify-Topic", topic, "X-Shopify-Shop-Domain", SHOP,
                "X-Shopify-Webhook-Id", webhookId,
                "X-Shopify-Hmac-Sha256", dev.promptly.core.shopify.ShopifyHmac.sign("local-webhook-secret",
                        body.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        org.junit.jupiter.api.Assertions.assertEquals(200, response.statusCode(), topic + ": " + response.body());
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
