package dev.promptly.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.promptly.core.message.MessageSignature;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The WhatsApp webhook through the local runner over real HTTP with the shipped example configuration's
 * local values (verify token, app secret, phone number id).
 */
class LocalWhatsAppHttpTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PATH = "/whatsapp/demo-shop.myshopify.com";
    private static final HttpClient http = HttpClient.newHttpClient();
    private static LocalSystem system;

    @BeforeAll
    static void start() throws Exception {
        system = LocalSystem.start(LocalRunnerClient.onTestClock(new LocalOptions(0, null, null, null, 0, false)));
    }

    @AfterAll
    static void stop() {
        system.close();
    }

    private static URI uri(String path) {
        return URI.create("http://127.0.0.1:" + system.port() + path);
    }

    private static HttpResponse<String> notify(String body, String signature) throws Exception {
        return http.send(HttpRequest.newBuilder(uri(PATH)).header("Content-Type", "application/json")
                .header("X-Hub-Signature-256", signature).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void theLocalRunnerAnswersMetasVerificationRequestWithTheExampleVerifyToken() throws Exception {
        var ok = http.send(HttpRequest.newBuilder(uri(PATH + "?hub.mode=subscribe&hub.verify_token=local-whatsapp-verify-token&hub.challenge=1158201444"))
                .GET().build(), HttpResponse.BodyHandlers.ofString());
        var wrong = http.send(HttpRequest.newBuilder(uri(PATH + "?hub.mode=subscribe&hub.verify_token=nope&hub.challenge=1158201444"))
                .GET().build(), HttpResponse.BodyHandlers.ofString());

        assertEquals(200, ok.statusCode());
        assertEquals("1158201444", ok.body());
        assertEquals(403, wrong.statusCode());
    }

    /** A signed text notification from {@code waId} with message id {@code id}. */
    private static String notification(String waId, String id, String text) {
        ObjectNode root = JSON.createObjectNode().put("object", "whatsapp_business_account");
        ObjectNode value = root.putArray("entry").addObject().put("id", "102290129340398").putArray("changes").addObject()
                .put("field", "messages").putObject("value").put("messaging_product", "whatsapp");
        value.putObject("metadata").put("display_phone_number", "4930555000").put("phone_number_id", "100000000000001");
        value.putArray("contacts").addObject().put("wa_id", waId).putObject("profile").put("name", "Ben");
        value.putArray("messages").addObject().put("from", waId).put("id", id)
                .put("timestamp", String.valueOf(LocalRunnerClient.TEST_START.getEpochSecond())).put("type", "text")
                .putObject("text").put("body", text);
        return root.toString();
    }

    private static String sign(String body) {
        return MessageSignature.sign("local-whatsapp-app-secret", body.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aSignedTextMessageIsRecordedOnceAndABadSignatureIsRefused() throws Exception {
        String body = notification("4915112345678", "wamid.local-1", "Hallo, habt ihr das Shirt auch in L?");
        String signature = sign(body);

        var refused = notify(body, MessageSignature.sign("another-secret", body.getBytes(StandardCharsets.UTF_8)));
        var first = notify(body, signature);
        var again = notify(body, signature);

        assertEquals(401, refused.statusCode());
        assertEquals(200, first.statusCode(), first.body());
        assertEquals(1, JSON.readTree(first.body()).path("recorded").asInt());
        assertEquals(1, JSON.readTree(again.body()).path("duplicates").asInt());
    }

    @Test
    void withoutAStandInTheAcknowledgementIsCapturedInTheLocalOutboxAsAWhatsAppMessage() throws Exception {
        String body = notification("4915112340000", "wamid.local-2", "Hallo, wann öffnet ihr morgen?");

        notify(body, sign(body));
        var outbox = JSON.readTree(http.send(HttpRequest.newBuilder(uri("/local/outbox")).GET().build(),
                HttpResponse.BodyHandlers.ofString()).body());

        var whatsapp = new java.util.ArrayList<com.fasterxml.jackson.databind.JsonNode>();
        outbox.forEach(m -> {
            if ("+4915112340000".equals(m.path("to").asText())) {
                whatsapp.add(m);
            }
        });
        assertEquals(1, whatsapp.size(), outbox.toString());
        assertEquals("whatsapp", whatsapp.get(0).path("channel").asText());
        assertEquals("captured", whatsapp.get(0).path("status").asText());
    }

    @Test
    void theWhatsAppApiUrlOptionSendsToAStandIn() throws Exception {
        var requests = new java.util.concurrent.CopyOnWriteArrayList<String>();
        var standIn = com.sun.net.httpserver.HttpServer.create(new java.net.InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), 0), 0);
        standIn.createContext("/", exchange -> {
            requests.add(exchange.getRequestURI().getPath() + " " + exchange.getRequestHeaders().getFirst("Authorization") + " "
                    + new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            byte[] out = "{\"messages\":[{\"id\":\"wamid.stand-in\"}]}".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, out.length);
            exchange.getResponseBody().write(out);
            exchange.close();
        });
        standIn.start();
        var options = LocalOptions.parse(java.util.List.of("--port", "0", "--whatsapp-api-url", "http://127.0.0.1:" + standIn.getAddress().getPort()));
        try (LocalSystem sending = LocalSystem.start(LocalRunnerClient.onTestClock(options))) {
            String body = notification("4915112341111", "wamid.local-3", "Hallo, wann öffnet ihr morgen?");
            http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + sending.port() + PATH)).header("X-Hub-Signature-256", sign(body))
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
            // The runner sweeps the outbox after answering (and every two seconds): wait for the send.
            for (int i = 0; i < 100 && requests.isEmpty(); i++) {
                Thread.sleep(100);
            }
        } finally {
            standIn.stop(0);
        }

        assertEquals(1, requests.size(), requests.toString());
        String request = requests.get(0);
        assertTrue(request.startsWith("/v21.0/100000000000001/messages Bearer local-whatsapp-access-token {"), request);
        assertTrue(request.contains("\"to\":\"+4915112341111\""), request);
    }

    @Test
    void aWhatsAppApiUrlThatIsNoHttpUrlIsNamed() {
        var e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> LocalOptions.parse(java.util.List.of("--whatsapp-api-url", "graph.facebook.com")));

        assertEquals("--whatsapp-api-url: must be an http(s) URL such as http://127.0.0.1:8089, got 'graph.facebook.com'", e.getMessage());
    }
}
