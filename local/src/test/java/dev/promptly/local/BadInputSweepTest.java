package dev.promptly.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.promptly.core.message.MessageSignature;
import dev.promptly.core.shopify.ShopifyHmac;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Bad input against every HTTP route of the deployed API, through the local runner over real HTTP:
 * wrong and missing signatures and tokens, truncated and invalid JSON, invalid UTF-8, huge bodies, an
 * unknown or malformed shop. Each gets a 4xx with a reason, and afterwards nothing is stored, nothing is
 * in the outbox, and the logs hold none of what the request carried (addresses, text, signatures).
 */
class BadInputSweepTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SHOP = "demo-shop.myshopify.com";
    private static final String PERSONAL = "intruder.person@example.com";
    private static final String TEXT = "Geheimer Nachrichtentext 4711";
    private static final HttpClient http = HttpClient.newHttpClient();
    private static final ByteArrayOutputStream logs = new ByteArrayOutputStream();
    private static PrintStream originalOut;
    private static LocalSystem system;

    @BeforeAll
    static void start() throws Exception {
        originalOut = System.out;
        // The runner's functions log to stdout: keep a copy to search.
        System.setOut(new PrintStream(new TeeStream(originalOut, logs), true, StandardCharsets.UTF_8));
        system = LocalSystem.start(LocalRunnerClient.onTestClock(new LocalOptions(0, null, null, null, 0, false)));
    }

    @AfterAll
    static void stop() {
        system.close();
        System.setOut(originalOut);
    }

    @BeforeEach
    void reset() throws Exception {
        send("POST", "/local/reset", new byte[0]);
        logs.reset();
    }

    /** One bad request: method, path, body and header name/value pairs. */
    record Bad(String name, String method, String path, byte[] body, String... headers) {
        @Override
        public String toString() {
            return name;
        }
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String order() throws Exception {
        return Files.readString(Path.of("..", "events", "shopify-bodies", "orders-create.json")).replace("anna.beispiel@example.com", PERSONAL);
    }

    private static String message() {
        ObjectNode body = JSON.createObjectNode().put("channel", "email").put("message_id", "sweep-1@mail.example.com")
                .put("subject", "Frage").put("text", TEXT);
        body.putObject("from").put("name", "Ingo Intruder").put("email", PERSONAL);
        return body.toString();
    }

    private static String[] webhookHeaders(String hmac) {
        return new String[] {"X-Shopify-Topic", "orders/create", "X-Shopify-Shop-Domain", SHOP, "X-Shopify-Webhook-Id", "sweep-1",
                "X-Shopify-Hmac-Sha256", hmac, "Content-Type", "application/json"};
    }

    private static String[] messageHeaders(String shop, String signature) {
        return new String[] {"X-Promptly-Shop", shop, "X-Promptly-Signature", signature, "Content-Type", "application/json"};
    }

    static Stream<Bad> badRequests() throws Exception {
        String order = order();
        byte[] truncated = Arrays.copyOf(bytes(order), order.length() / 2);
        byte[] invalidUtf8 = bytes(order.replace("Musterstraße", "Musterstra\u0001e"));
        for (int i = 0; i < invalidUtf8.length; i++) {
            if (invalidUtf8[i] == 1) {
                invalidUtf8[i] = (byte) 0xFF;
            }
        }
        byte[] hugeOrder = bytes(order.replaceFirst("\\{", "{\"padding\": \"" + "x".repeat(1_100_000) + "\", "));
        String message = message();
        byte[] messageTruncated = Arrays.copyOf(bytes(message), message.length() - 5);
        byte[] messageInvalidUtf8 = bytes(message);
        messageInvalidUtf8[message.indexOf(TEXT)] = (byte) 0xFF;
        byte[] hugeMessage = bytes(message.replace(TEXT, TEXT + " " + "y".repeat(300_000)));
        String goodSignature = MessageSignature.sign("local-messages-secret", bytes(message));
        byte[] deepOrder = bytes(order.replaceFirst("\\{", "{\"note_attributes\": " + "[".repeat(1500) + "]".repeat(1500) + ", "));
        byte[] longNumberOrder = bytes(order.replaceFirst("\\{", "{\"total_weight\": " + "9".repeat(1500) + ", "));
        byte[] longIdOrder = bytes(order.replaceFirst("\"id\": *5001001", "\"id\": \"" + "5".repeat(2000) + "\""));
        byte[] deepMessage = bytes(message.replaceFirst("\\{", "{\"headers\": " + "[".repeat(1500) + "]".repeat(1500) + ", "));
        byte[] separatorInId = bytes(message.replace("sweep-1@mail.example.com", "sweep-1\\u2028Bcc: victim@evil.example"));
        byte[] nulInReferences = bytes("{\"references\": [\"a\\u0000b@mail.example.com\"], " + message.substring(1));
        byte[] deepEvent = bytes("{\"tags\": " + "[".repeat(1500) + "]".repeat(1500) + "}");
        List<Bad> all = new ArrayList<>(List.of(
                new Bad("webhook without HMAC", "POST", "/webhooks/shopify", bytes(order),
                        "X-Shopify-Topic", "orders/create", "X-Shopify-Shop-Domain", SHOP, "X-Shopify-Webhook-Id", "sweep-1"),
                new Bad("webhook with a wrong HMAC", "POST", "/webhooks/shopify", bytes(order),
                        webhookHeaders(ShopifyHmac.sign("not-the-secret", bytes(order)))),
                new Bad("webhook with truncated JSON", "POST", "/webhooks/shopify", truncated,
                        webhookHeaders(ShopifyHmac.sign("local-webhook-secret", truncated))),
                new Bad("webhook with invalid UTF-8", "POST", "/webhooks/shopify", invalidUtf8,
                        webhookHeaders(ShopifyHmac.sign("local-webhook-secret", invalidUtf8))),
                new Bad("webhook over 1 MiB", "POST", "/webhooks/shopify", hugeOrder,
                        webhookHeaders(ShopifyHmac.sign("local-webhook-secret", hugeOrder))),
                new Bad("webhook for an unknown shop", "POST", "/webhooks/shopify", bytes(order),
                        "X-Shopify-Topic", "orders/create", "X-Shopify-Shop-Domain", "other-shop.myshopify.com",
                        "X-Shopify-Webhook-Id", "sweep-1", "X-Shopify-Hmac-Sha256", ShopifyHmac.sign("local-webhook-secret", bytes(order))),
                new Bad("webhook without a topic", "POST", "/webhooks/shopify", bytes(order),
                        "X-Shopify-Shop-Domain", SHOP, "X-Shopify-Webhook-Id", "sweep-1",
                        "X-Shopify-Hmac-Sha256", ShopifyHmac.sign("local-webhook-secret", bytes(order))),
                new Bad("message without signature", "POST", "/messages", bytes(message), "X-Promptly-Shop", SHOP),
                new Bad("message with a wrong signature", "POST", "/messages", bytes(message),
                        messageHeaders(SHOP, MessageSignature.sign("not-the-secret", bytes(message)))),
                new Bad("message with truncated JSON", "POST", "/messages", messageTruncated,
                        messageHeaders(SHOP, MessageSignature.sign("local-messages-secret", messageTruncated))),
                new Bad("message with invalid UTF-8", "POST", "/messages", messageInvalidUtf8,
                        messageHeaders(SHOP, MessageSignature.sign("local-messages-secret", messageInvalidUtf8))),
                new Bad("message over 256 KiB", "POST", "/messages", hugeMessage,
                        messageHeaders(SHOP, MessageSignature.sign("local-messages-secret", hugeMessage))),
                new Bad("message for an unknown shop", "POST", "/messages", bytes(message), messageHeaders("other-shop.myshopify.com", goodSignature)),
                new Bad("message with an address as shop", "POST", "/messages", bytes(message), messageHeaders(PERSONAL, goodSignature)),
                new Bad("message without a shop", "POST", "/messages", bytes(message), "X-Promptly-Signature", goodSignature),
                new Bad("export without token", "GET", "/data-requests/req-1", new byte[0], "X-Promptly-Shop", SHOP),
                new Bad("export with a wrong token", "GET", "/data-requests/req-1", new byte[0], "X-Promptly-Shop", SHOP,
                        "Authorization", "Bearer not-the-token"),
                new Bad("export with an address as shop", "GET", "/data-requests/req-1", new byte[0], "X-Promptly-Shop", PERSONAL,
                        "Authorization", "Bearer local-export-token"),
                new Bad("export with the agent token", "GET", "/data-requests/req-1", new byte[0], "X-Promptly-Shop", SHOP,
                        "Authorization", "Bearer local-agent-token"),
                new Bad("agent event without token", "POST", "/conversations/7K3M9QX2AB/events", bytes("{\"type\": \"agent_replied\"}"),
                        "X-Promptly-Shop", SHOP, "Content-Type", "application/json"),
                new Bad("agent event with a wrong token", "POST", "/conversations/7K3M9QX2AB/events", bytes("{\"type\": \"agent_replied\"}"),
                        "X-Promptly-Shop", SHOP, "Authorization", "Bearer not-the-token", "Content-Type", "application/json"),
                new Bad("agent event for an unknown conversation", "POST", "/conversations/7K3M9QX2AB/events",
                        bytes("{\"type\": \"agent_replied\"}"), "X-Promptly-Shop", SHOP, "Authorization", "Bearer local-agent-token"),
                new Bad("agent event with truncated JSON", "POST", "/conversations/7K3M9QX2AB/events", bytes("{\"type\": \"agent_"),
                        "X-Promptly-Shop", SHOP, "Authorization", "Bearer local-agent-token"),
                new Bad("agent event with an address as shop", "POST", "/conversations/7K3M9QX2AB/events", bytes("{\"type\": \"solved\"}"),
                        "X-Promptly-Shop", PERSONAL, "Authorization", "Bearer local-agent-token"),
                new Bad("webhook nested deeper than 1000 levels", "POST", "/webhooks/shopify", deepOrder,
                        webhookHeaders(ShopifyHmac.sign("local-webhook-secret", deepOrder))),
                new Bad("webhook with a 1500-digit number", "POST", "/webhooks/shopify", longNumberOrder,
                        webhookHeaders(ShopifyHmac.sign("local-webhook-secret", longNumberOrder))),
                new Bad("webhook with a 2000-character order id", "POST", "/webhooks/shopify", longIdOrder,
                        webhookHeaders(ShopifyHmac.sign("local-webhook-secret", longIdOrder))),
                new Bad("webhook with a 3000-character webhook id", "POST", "/webhooks/shopify", bytes(order),
                        "X-Shopify-Topic", "orders/create", "X-Shopify-Shop-Domain", SHOP, "X-Shopify-Webhook-Id", "w".repeat(3000),
                        "X-Shopify-Hmac-Sha256", ShopifyHmac.sign("local-webhook-secret", bytes(order))),
                new Bad("message nested deeper than 1000 levels", "POST", "/messages", deepMessage,
                        messageHeaders(SHOP, MessageSignature.sign("local-messages-secret", deepMessage))),
                new Bad("message id with a line separator", "POST", "/messages", separatorInId,
                        messageHeaders(SHOP, MessageSignature.sign("local-messages-secret", separatorInId))),
                new Bad("references with a NUL", "POST", "/messages", nulInReferences,
                        messageHeaders(SHOP, MessageSignature.sign("local-messages-secret", nulInReferences))),
                new Bad("agent event nested deeper than 1000 levels", "POST", "/conversations/7K3M9QX2AB/events", deepEvent,
                        "X-Promptly-Shop", SHOP, "Authorization", "Bearer local-agent-token"),
                new Bad("export of an unknown request", "GET", "/data-requests/req-unknown", new byte[0], "X-Promptly-Shop", SHOP,
                        "Authorization", "Bearer local-export-token"),
                new Bad("report without token", "GET", "/reports/" + SHOP + "?from=2026-11-16&to=2026-11-22", new byte[0]),
                new Bad("report with a wrong token", "GET", "/reports/" + SHOP + "?from=2026-11-16&to=2026-11-22", new byte[0],
                        "Authorization", "Bearer not-the-token"),
                new Bad("report with the export token", "GET", "/reports/" + SHOP + "?from=2026-11-16&to=2026-11-22", new byte[0],
                        "Authorization", "Bearer local-export-token"),
                new Bad("report with an address as shop", "GET", "/reports/" + PERSONAL + "?from=2026-11-16&to=2026-11-22", new byte[0],
                        "Authorization", "Bearer local-agent-token"),
                new Bad("report ending before it starts", "GET", "/reports/" + SHOP + "?from=2026-11-22&to=2026-11-16", new byte[0],
                        "Authorization", "Bearer local-agent-token"),
                new Bad("report over 400 days", "GET", "/reports/" + SHOP + "?from=2000-01-01&to=2026-11-22", new byte[0],
                        "Authorization", "Bearer local-agent-token"),
                new Bad("report grouped by month", "GET", "/reports/" + SHOP + "?from=2026-11-16&to=2026-11-22&group=month", new byte[0],
                        "Authorization", "Bearer local-agent-token"),
                new Bad("report with a 3000-character date", "GET", "/reports/" + SHOP + "?from=" + "9".repeat(3000) + "&to=2026-11-22",
                        new byte[0], "Authorization", "Bearer local-agent-token"),
                new Bad("report with an address as filter", "GET", "/reports/" + SHOP + "?from=2026-11-16&to=2026-11-22&channel=" + PERSONAL,
                        new byte[0], "Authorization", "Bearer local-agent-token")));
        return all.stream();
    }

    private static HttpResponse<String> send(String method, String path, byte[] body, String... headers) throws Exception {
        var request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + system.port() + path))
                .method(method, body.length == 0 && method.equals("GET") ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(body));
        if (headers.length > 0) {
            request.headers(headers);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode get(String path) throws Exception {
        return JSON.readTree(send("GET", path, new byte[0]).body());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badRequests")
    void badInputGetsA4xxWithAReasonAndChangesNothing(Bad bad) throws Exception {
        HttpResponse<String> response = send(bad.method(), bad.path(), bad.body(), bad.headers());

        assertTrue(response.statusCode() >= 400 && response.statusCode() < 500, bad + ": " + response.statusCode() + " " + response.body());
        assertFalse(JSON.readTree(response.body()).path("error").asText().isBlank(), bad + ": no reason in " + response.body());
        assertEquals(0, get("/local/orders?shop=" + SHOP).size(), bad + ": an order was stored");
        assertEquals(0, get("/local/conversations?shop=" + SHOP).size(), bad + ": a conversation was stored");
        assertEquals(0, get("/local/outbox").size(), bad + ": something was queued to send");
        String logged = logs.toString(StandardCharsets.UTF_8);
        for (String secret : List.of(PERSONAL, "intruder", TEXT, "Ingo", "local-webhook-secret", "local-messages-secret", "local-agent-token", "local-export-token",
                "not-the-secret", "not-the-token")) {
            assertFalse(logged.contains(secret), bad + ": the logs contain " + secret + ": " + logged);
        }
    }

    @Test
    void anUnknownShopIsAnsweredByteForByteLikeAWrongSignatureOrTokenOnEveryRoute() throws Exception {
        String message = message();
        String order = order();
        String stranger = "stranger-shop.myshopify.com";
        String signed = MessageSignature.sign("local-messages-secret", bytes(message));
        String hmac = ShopifyHmac.sign("local-webhook-secret", bytes(order));
        byte[] event = bytes("{\"type\": \"agent_replied\"}");
        List<Bad[]> pairs = List.of(
                new Bad[] {new Bad("message, wrong signature", "POST", "/messages", bytes(message),
                        messageHeaders(SHOP, MessageSignature.sign("not-the-secret", bytes(message)))),
                        new Bad("message, unknown shop", "POST", "/messages", bytes(message), messageHeaders(stranger, signed))},
                new Bad[] {new Bad("webhook, wrong HMAC", "POST", "/webhooks/shopify", bytes(order),
                        webhookHeaders(ShopifyHmac.sign("not-the-secret", bytes(order)))),
                        new Bad("webhook, unknown shop", "POST", "/webhooks/shopify", bytes(order), "X-Shopify-Topic", "orders/create",
                                "X-Shopify-Shop-Domain", stranger, "X-Shopify-Webhook-Id", "sweep-1", "X-Shopify-Hmac-Sha256", hmac)},
                new Bad[] {new Bad("agent event, wrong token", "POST", "/conversations/7K3M9QX2AB/events", event,
                        "X-Promptly-Shop", SHOP, "Authorization", "Bearer not-the-token"),
                        new Bad("agent event, unknown shop", "POST", "/conversations/7K3M9QX2AB/events", event,
                                "X-Promptly-Shop", stranger, "Authorization", "Bearer local-agent-token")},
                new Bad[] {new Bad("report, wrong token", "GET", "/reports/" + SHOP + "?from=2026-11-16&to=2026-11-22", new byte[0],
                        "Authorization", "Bearer not-the-token"),
                        new Bad("report, unknown shop", "GET", "/reports/" + stranger + "?from=2026-11-16&to=2026-11-22", new byte[0],
                                "Authorization", "Bearer local-agent-token")},
                new Bad[] {new Bad("export, wrong token", "GET", "/data-requests/req-1", new byte[0],
                        "X-Promptly-Shop", SHOP, "Authorization", "Bearer not-the-token"),
                        new Bad("export, unknown shop", "GET", "/data-requests/req-1", new byte[0],
                                "X-Promptly-Shop", stranger, "Authorization", "Bearer local-agent-token")});

        for (Bad[] pair : pairs) {
            var wrong = sendBytes(pair[0]);
            var unknown = sendBytes(pair[1]);

            assertEquals(401, wrong.statusCode(), pair[0] + ": " + new String(wrong.body(), StandardCharsets.UTF_8));
            assertEquals(wrong.statusCode(), unknown.statusCode(), pair[1].toString());
            assertTrue(Arrays.equals(wrong.body(), unknown.body()), pair[1] + ": " + new String(unknown.body(), StandardCharsets.UTF_8)
                    + " differs from " + new String(wrong.body(), StandardCharsets.UTF_8));
            assertEquals(wrong.headers().firstValue("Content-Type"), unknown.headers().firstValue("Content-Type"));
        }
    }

    private static HttpResponse<byte[]> sendBytes(Bad bad) throws Exception {
        var request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + system.port() + bad.path()))
                .method(bad.method(), bad.body().length == 0 && bad.method().equals("GET") ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(bad.body()))
                .headers(bad.headers());
        return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    @Test
    void templateSyntaxInACustomersMessageIsShownAsTextNeverRendered() throws Exception {
        ObjectNode body = JSON.createObjectNode().put("channel", "email").put("message_id", "sweep-template@mail.example.com")
                .put("subject", "{{#orders}}{{name}}{{/orders}} {{shop_name}}").put("text", "Hallo {{ticket}} {{> partial}} {{=<% %>=}}");
        body.putObject("from").put("name", "{{customer_name}}").put("email", "templates@example.com");
        String raw = body.toString();

        var response = send("POST", "/messages", bytes(raw), messageHeaders(SHOP, MessageSignature.sign("local-messages-secret", bytes(raw))));

        assertEquals(202, response.statusCode(), response.body());
        JsonNode ack = get("/local/outbox").get(0);
        String text = ack.get("text").asText();
        // A first message from an address without order: no name at all, so none to render either.
        assertTrue(text.startsWith("Hallo,") || text.startsWith("Hello,"), text);
        assertFalse(text.contains("{{customer_name}}"), text);
        assertFalse(text.contains("Demo Shop Demo Shop"), text);
    }

    @Test
    void lineBreaksInACustomersNameAndSubjectNeverBecomeMailHeaders() throws Exception {
        ObjectNode body = JSON.createObjectNode().put("channel", "email").put("message_id", "sweep-crlf@mail.example.com")
                .put("subject", "Frage\r\nBcc: victim@evil.example").put("text", "Hallo, was kostet der Versand?");
        body.putObject("from").put("name", "Anna\r\nBcc: victim@evil.example").put("email", "crlf@example.com");
        String raw = body.toString();

        var response = send("POST", "/messages", bytes(raw), messageHeaders(SHOP, MessageSignature.sign("local-messages-secret", bytes(raw))));

        if (response.statusCode() == 202) {
            JsonNode ack = get("/local/outbox").get(0);
            assertEquals("crlf@example.com", ack.get("to").asText());
            assertFalse(ack.get("subject").asText().contains("\n") || ack.get("subject").asText().contains("\r"), ack.toString());
            ack.get("headers").fields().forEachRemaining(h -> {
                assertFalse(h.getKey().equalsIgnoreCase("Bcc"), ack.toString());
                assertFalse(h.getValue().asText().contains("\n") || h.getValue().asText().contains("\r"), ack.toString());
            });
        } else {
            assertEquals(400, response.statusCode(), response.body());
        }
    }

    /** Writes to two streams. */
    private static final class TeeStream extends java.io.OutputStream {
        private final java.io.OutputStream a;
        private final java.io.OutputStream b;

        TeeStream(java.io.OutputStream a, java.io.OutputStream b) {
            this.a = a;
            this.b = b;
        }

        @Override
        public void write(int c) throws java.io.IOException {
            a.write(c);
            b.write(c);
        }

        @Override
        public void write(byte[] bytes, int off, int len) throws java.io.IOException {
            a.write(bytes, off, len);
            b.write(bytes, off, len);
        }
    }
}
