package dev.promptly.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.promptly.core.shopify.ShopifyHmac;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The local runner's HTTP contract, driven over real HTTP as the acceptance tests outside the repo do. */
class LocalRunnerHttpTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SHOP = "demo-shop.myshopify.com";
    private static LocalSystem system;
    private static final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws Exception {
        system = LocalSystem.start(LocalRunnerClient.onTestClock(new LocalOptions(0, null, null, null, 0, false)));
    }

    @AfterAll
    static void stop() {
        system.close();
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static URI uri(String path) {
        return URI.create("http://127.0.0.1:" + system.port() + path);
    }

    private static HttpResponse<String> webhook(String topic, String sample, String webhookId) throws Exception {
        String body = Files.readString(Path.of("..", "events", "shopify-bodies", sample + ".json"));
        return send(HttpRequest.newBuilder(uri("/webhooks/shopify"))
                .header("X-Shopify-Topic", topic)
                .header("X-Shopify-Shop-Domain", SHOP)
                .header("X-Shopify-Webhook-Id", webhookId)
                .header("X-Shopify-Hmac-Sha256", ShopifyHmac.sign("local-webhook-secret", body.getBytes(StandardCharsets.UTF_8)))
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    @Test
    void webhookSignedWithTheExampleSecretIsStoredAndShown() throws Exception {
        send(HttpRequest.newBuilder(uri("/local/reset")).POST(HttpRequest.BodyPublishers.noBody()));

        var response = webhook("orders/create", "orders-create", "local-1");
        var order = send(HttpRequest.newBuilder(uri("/local/orders/" + SHOP + "/5001001")).GET());

        assertEquals(200, response.statusCode(), response.body());
        assertEquals(200, order.statusCode());
        JsonNode stored = JSON.readTree(order.body());
        assertEquals("#1001", stored.path("name").asText());
        assertEquals("anna.beispiel@example.com", stored.path("customer").path("email").asText());
    }

    @Test
    void healthAnswersWhenReady() throws Exception {
        var response = send(HttpRequest.newBuilder(uri("/health")).GET());

        assertEquals(200, response.statusCode());
        assertEquals("ok", JSON.readTree(response.body()).path("status").asText());
    }

    @Test
    void wrongSignatureIs401OverHttp() throws Exception {
        var response = send(HttpRequest.newBuilder(uri("/webhooks/shopify"))
                .header("X-Shopify-Topic", "orders/create").header("X-Shopify-Shop-Domain", SHOP)
                .header("X-Shopify-Webhook-Id", "local-x").header("X-Shopify-Hmac-Sha256", "AAAA")
                .POST(HttpRequest.BodyPublishers.ofString("{}")));

        assertEquals(401, response.statusCode());
        assertTrue(JSON.readTree(response.body()).path("error").asText().startsWith("X-Shopify-Hmac-Sha256"));
    }

    @Test
    void resetEmptiesAllState() throws Exception {
        webhook("orders/create", "orders-create", "local-2");

        var reset = send(HttpRequest.newBuilder(uri("/local/reset")).POST(HttpRequest.BodyPublishers.noBody()));

        assertEquals(200, reset.statusCode());
        assertEquals(404, send(HttpRequest.newBuilder(uri("/local/orders/" + SHOP + "/5001001")).GET()).statusCode());
    }

    @Test
    void shopOwnerFetchesTheDataExportWithTheExportTokenAndNotTheAgentToken() throws Exception {
        send(HttpRequest.newBuilder(uri("/local/reset")).POST(HttpRequest.BodyPublishers.noBody()));
        webhook("orders/create", "orders-create", "local-3");
        webhook("customers/data_request", "customers-data-request", "local-4");

        var denied = send(HttpRequest.newBuilder(uri("/data-requests/3301")).header("X-Promptly-Shop", SHOP)
                .header("Authorization", "Bearer wrong").GET());
        var agent = send(HttpRequest.newBuilder(uri("/data-requests/3301")).header("X-Promptly-Shop", SHOP)
                .header("Authorization", "Bearer local-agent-token").GET());
        var export = send(HttpRequest.newBuilder(uri("/data-requests/3301")).header("X-Promptly-Shop", SHOP)
                .header("Authorization", "Bearer local-export-token").GET());
        var unknown = send(HttpRequest.newBuilder(uri("/data-requests/9999")).header("X-Promptly-Shop", SHOP)
                .header("Authorization", "Bearer local-export-token").GET());

        assertEquals(401, denied.statusCode());
        assertEquals(401, agent.statusCode(), "the helpdesk's agent token does not open a customer's export");
        assertTrue(agent.body().contains("export token"), agent.body());
        assertEquals(200, export.statusCode(), export.body());
        assertEquals("5001001", JSON.readTree(export.body()).path("orders").get(0).path("order_id").asText());
        assertEquals(404, unknown.statusCode());
    }

    @Test
    void optionsAreParsedAndMistakesNamed() {
        var options = LocalOptions.parse(List.of("--port", "3100", "--data-dir", "/tmp/promptly"));

        assertEquals(3100, options.port());
        assertEquals(Path.of("/tmp/promptly"), options.dataDir());
        assertEquals(LocalOptions.DEFAULT_PORT, LocalOptions.parse(List.of()).port());
        assertEquals("--port: must be a number from 0 to 65535, got 'x'",
                assertThrows(IllegalArgumentException.class, () -> LocalOptions.parse(List.of("--port", "x"))).getMessage());
        assertEquals("unknown option '--bogus'",
                assertThrows(IllegalArgumentException.class, () -> LocalOptions.parse(List.of("--bogus"))).getMessage());
    }

    @Test
    void theClockOptionIsParsedAndAWrongInstantNamed() {
        var options = LocalOptions.parse(List.of("--clock", "2026-11-23T09:00:00Z"));

        assertEquals(java.time.Instant.parse("2026-11-23T09:00:00Z"), options.clockStart());
        assertEquals(null, LocalOptions.parse(List.of()).clockStart());
        assertEquals("--clock: must be an ISO-8601 instant such as 2026-11-23T09:00:00Z, got 'monday'",
                assertThrows(IllegalArgumentException.class, () -> LocalOptions.parse(List.of("--clock", "monday"))).getMessage());
    }

    @Test
    void aRunnerStartedByATestRunsFromItsFixedStartAndResetGoesBackThere() throws Exception {
        send(HttpRequest.newBuilder(uri("/local/clock")).POST(HttpRequest.BodyPublishers.ofString("{\"now\": \"2031-01-01T00:00:00Z\"}")));

        var reset = send(HttpRequest.newBuilder(uri("/local/reset")).POST(HttpRequest.BodyPublishers.noBody()));
        var started = java.time.Instant.parse(JSON.readTree(send(HttpRequest.newBuilder(uri("/local/clock")).GET()).body())
                .path("now").asText());

        assertEquals(200, reset.statusCode(), reset.body());
        assertTrue(!started.isBefore(LocalRunnerClient.TEST_START), started.toString());
        assertTrue(started.isBefore(LocalRunnerClient.TEST_START.plus(java.time.Duration.ofMinutes(10))), started.toString());
    }

    @Test
    void aPostFromAnotherOriginIsRefusedAndChangesNothing() throws Exception {
        send(HttpRequest.newBuilder(uri("/local/reset")).POST(HttpRequest.BodyPublishers.noBody()));
        webhook("orders/create", "orders-create", "origin-1");

        var refused = send(HttpRequest.newBuilder(uri("/local/reset")).header("Origin", "http://evil.example")
                .POST(HttpRequest.BodyPublishers.noBody()));

        assertEquals(403, refused.statusCode(), refused.body());
        assertEquals("Origin: local routes take requests only from this runner's own pages",
                JSON.readTree(refused.body()).path("error").asText());
        assertEquals(200, send(HttpRequest.newBuilder(uri("/local/orders/" + SHOP + "/5001001")).GET()).statusCode());
    }

    @Test
    void aPostFromTheRunnersOwnPagesIsAccepted() throws Exception {
        var accepted = send(HttpRequest.newBuilder(uri("/local/clock")).header("Origin", "http://127.0.0.1:" + system.port())
                .POST(HttpRequest.BodyPublishers.ofString("{\"now\": \"2026-11-24T08:00:00Z\"}")));

        assertEquals(200, accepted.statusCode(), accepted.body());
    }

    @Test
    void aRequestForAnotherHostNameIsRefused() throws Exception {
        // A page that rebinds its own host name to 127.0.0.1 still sends that name as Host.
        try (var socket = new java.net.Socket(java.net.InetAddress.getLoopbackAddress(), system.port())) {
            socket.getOutputStream().write(("GET /local/outbox HTTP/1.1\r\nHost: rebind.evil.example:" + system.port()
                    + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

            assertTrue(answer.startsWith("HTTP/1.1 403"), answer);
            assertTrue(answer.contains("Host: must name this runner"), answer);
        }
    }

    @Test
    void anOversizedBodyOnALocalRouteIs413AndChangesNothing() throws Exception {
        send(HttpRequest.newBuilder(uri("/local/clock")).POST(HttpRequest.BodyPublishers.ofString("{\"now\": \"2026-11-24T08:00:00Z\"}")));
        String padded = "{\"now\": \"2030-01-01T00:00:00Z\", \"pad\": \"" + "x".repeat(LocalSystem.LOCAL_BODY_LIMIT) + "\"}";

        var refused = send(HttpRequest.newBuilder(uri("/local/clock")).POST(HttpRequest.BodyPublishers.ofString(padded)));

        assertEquals(413, refused.statusCode(), refused.body());
        assertTrue(JSON.readTree(refused.body()).path("error").asText().startsWith("body: local routes take at most"), refused.body());
        assertTrue(JSON.readTree(send(HttpRequest.newBuilder(uri("/local/clock")).GET()).body()).path("now").asText().startsWith("2026-11-24"));
    }

    @Test
    void aMissingDataDirectoryIsCreated(@org.junit.jupiter.api.io.TempDir Path temp) throws Exception {
        Path dataDir = temp.resolve("not").resolve("there");

        try (LocalSystem persistent = LocalSystem.start(LocalRunnerClient.onTestClock(new LocalOptions(0, null, dataDir, null, 0, false)))) {
            assertTrue(Files.isDirectory(dataDir));
            assertTrue(persistent.port() > 0);
        }
    }

    @Test
    void aDataDirectoryPathThatIsAFileIsNamed(@org.junit.jupiter.api.io.TempDir Path temp) throws Exception {
        Path file = Files.writeString(temp.resolve("data"), "not a directory");

        var thrown = assertThrows(IllegalArgumentException.class,
                () -> LocalSystem.start(new LocalOptions(0, null, file.resolve("db"), null, 0, false)));

        assertTrue(thrown.getMessage().startsWith("--data-dir: cannot create directory"), thrown.getMessage());
    }
}
