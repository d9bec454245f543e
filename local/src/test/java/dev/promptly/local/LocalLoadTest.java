package dev.promptly.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.promptly.core.message.MessageSignature;
import dev.promptly.core.shopify.ShopifyHmac;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A sustained stream of Shopify webhooks and customer messages against the local runner on loopback for
 * a bounded time (10 s by default; {@code -Dpromptly.load.seconds=N}, {@code -Dpromptly.load.clients=N}),
 * reporting throughput, latency and errors. Each client round creates an order, then its customer asks
 * where it is. Afterwards every order, every conversation and exactly one answer per message must be
 * there, and no request may have failed.
 */
class LocalLoadTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SHOP = "demo-shop.myshopify.com";

    @Test
    void aSustainedStreamOfWebhooksAndMessagesLosesNothingAndFailsNothing(@TempDir Path dir) throws Exception {
        int seconds = Integer.getInteger("promptly.load.seconds", 10);
        int clients = Integer.getInteger("promptly.load.clients", 4);
        // The example configuration, with a shop budget no load run reaches (300 automatic replies an hour).
        Path config = dir.resolve("load.json");
        Files.writeString(config, Files.readString(Path.of("..", "config", "promptly.example.json"))
                .replace("\"per_shop_per_hour\": 300", "\"per_shop_per_hour\": 1000000"));
        String orderTemplate = Files.readString(Path.of("..", "events", "shopify-bodies", "orders-create.json"));

        try (LocalSystem system = LocalSystem.start(LocalRunnerClient.onTestClock(new LocalOptions(0, config, null, null, 0, false)))) {
            URI base = URI.create("http://127.0.0.1:" + system.port());
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
            AtomicInteger rounds = new AtomicInteger();
            AtomicInteger errors = new AtomicInteger();
            List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
            long deadline = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
            ExecutorService pool = Executors.newFixedThreadPool(clients);
            List<Future<?>> running = new ArrayList<>();
            long started = System.nanoTime();
            for (int c = 0; c < clients; c++) {
                running.add(pool.submit(() -> {
                    while (System.nanoTime() < deadline) {
                        int n = rounds.incrementAndGet();
                        try {
                            timed(latencies, () -> webhook(http, base, orderTemplate, n));
                            timed(latencies, () -> message(http, base, n));
                        } catch (Exception | AssertionError e) {
                            errors.incrementAndGet();
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : running) {
                f.get();
            }
            double elapsed = (System.nanoTime() - started) / 1e9;
            pool.shutdown();
            int total = rounds.get();

            http.send(HttpRequest.newBuilder(base.resolve("/local/jobs/outbox-send/run")).POST(HttpRequest.BodyPublishers.noBody()).build(),
                    HttpResponse.BodyHandlers.ofString());
            JsonNode orders = get(http, base, "/local/orders?shop=" + SHOP);
            JsonNode conversations = get(http, base, "/local/conversations?shop=" + SHOP);
            JsonNode outbox = get(http, base, "/local/outbox");
            List<Long> sorted = new ArrayList<>(latencies);
            Collections.sort(sorted);
            System.out.printf("load: %d clients, %.1f s, %d webhooks + %d messages = %.0f requests/s; latency p50 %.1f ms, p99 %.1f ms;"
                            + " errors %d; stored %d orders, %d conversations; outbox %d%n",
                    clients, elapsed, total, total, 2 * total / elapsed, percentile(sorted, 0.50) / 1e6, percentile(sorted, 0.99) / 1e6,
                    errors.get(), orders.size(), conversations.size(), outbox.size());

            assertEquals(0, errors.get(), "failed requests");
            assertTrue(total > 0);
            assertEquals(total, orders.size(), "every order stored");
            assertEquals(total, conversations.size(), "every message made its conversation");
            Map<String, Integer> answersPerConversation = new HashMap<>();
            Map<String, Integer> copiesPerConversation = new HashMap<>();
            Set<String> statuses = new HashSet<>();
            outbox.forEach(m -> {
                // The example configuration also copies each message to the team's mailbox.
                boolean copy = m.get("kind").asText().equals("team_copy");
                (copy ? copiesPerConversation : answersPerConversation).merge(m.get("conversation_id").asText(), 1, Integer::sum);
                statuses.add(m.get("status").asText());
                assertEquals(copy ? "team_copy" : "wismo", m.get("kind").asText(), m.toString());
            });
            assertEquals(total, answersPerConversation.size(), "every message answered");
            assertTrue(answersPerConversation.values().stream().allMatch(count -> count == 1), "one answer each");
            assertEquals(total, copiesPerConversation.size(), "every message copied to the team");
            assertTrue(copiesPerConversation.values().stream().allMatch(count -> count == 1), "one copy each");
            assertEquals(Set.of("captured"), statuses, "every answer went out (captured without --smtp)");
        }
    }

    private interface Call {
        void run() throws Exception;
    }

    private static void timed(List<Long> latencies, Call call) throws Exception {
        long start = System.nanoTime();
        call.run();
        latencies.add(System.nanoTime() - start);
    }

    private static double percentile(List<Long> sorted, double p) {
        return sorted.isEmpty() ? 0 : sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p * sorted.size()) - 1));
    }

    private static void webhook(HttpClient http, URI base, String template, int n) throws Exception {
        String body = template.replace("5001001", Integer.toString(9_000_000 + n)).replace("#1001", "#L" + n)
                .replace("anna.beispiel@example.com", "load-" + n + "@example.com");
        var response = http.send(HttpRequest.newBuilder(base.resolve("/webhooks/shopify"))
                .header("X-Shopify-Topic", "orders/create").header("X-Shopify-Shop-Domain", SHOP)
                .header("X-Shopify-Webhook-Id", "load-" + n)
                .header("X-Shopify-Hmac-Sha256", ShopifyHmac.sign("local-webhook-secret", body.getBytes(StandardCharsets.UTF_8)))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response.body());
    }

    private static void message(HttpClient http, URI base, int n) throws Exception {
        ObjectNode body = JSON.createObjectNode().put("channel", "email").put("message_id", "load-" + n + "@mail.example.com")
                .put("subject", "Bestellung #L" + n).put("text", "Hallo, wo ist meine Bestellung #L" + n + "? Viele Grüße");
        body.putObject("from").put("name", "Kundin " + n).put("email", "load-" + n + "@example.com");
        String raw = body.toString();
        var response = http.send(HttpRequest.newBuilder(base.resolve("/messages"))
                .header("Content-Type", "application/json").header("X-Promptly-Shop", SHOP)
                .header("X-Promptly-Signature", MessageSignature.sign("local-messages-secret", raw.getBytes(StandardCharsets.UTF_8)))
                .POST(HttpRequest.BodyPublishers.ofString(raw)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(202, response.statusCode(), response.body());
    }

    private static JsonNode get(HttpClient http, URI base, String path) throws Exception {
        return JSON.readTree(http.send(HttpRequest.newBuilder(base.resolve(path)).GET().build(), HttpResponse.BodyHandlers.ofString()).body());
    }
}
