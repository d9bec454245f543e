package dev.promptly.local;

import static org.junit.jupiter.api.Assertions.assertEquals;

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

    @Test
    void aSignedTextMessageIsRecordedOnceAndABadSignatureIsRefused() throws Exception {
        ObjectNode root = JSON.createObjectNode().put("object", "whatsapp_business_account");
        ObjectNode value = root.putArray("entry").addObject().put("id", "102290129340398").putArray("changes").addObject()
                .put("field", "messages").putObject("value").put("messaging_product", "whatsapp");
        value.putObject("metadata").put("display_phone_number", "4930555000").put("phone_number_id", "100000000000001");
        value.putArray("contacts").addObject().put("wa_id", "4915112345678").putObject("profile").put("name", "Ben");
        value.putArray("messages").addObject().put("from", "4915112345678").put("id", "wamid.local-1")
                .put("timestamp", String.valueOf(LocalRunnerClient.TEST_START.getEpochSecond())).put("type", "text")
                .putObject("text").put("body", "Hallo, habt ihr das Shirt auch in L?");
        String body = root.toString();
        String signature = MessageSignature.sign("local-whatsapp-app-secret", body.getBytes(StandardCharsets.UTF_8));

        var refused = notify(body, MessageSignature.sign("another-secret", body.getBytes(StandardCharsets.UTF_8)));
        var first = notify(body, signature);
        var again = notify(body, signature);

        assertEquals(401, refused.statusCode());
        assertEquals(200, first.statusCode(), first.body());
        assertEquals(1, JSON.readTree(first.body()).path("recorded").asInt());
        assertEquals(1, JSON.readTree(again.body()).path("duplicates").asInt());
    }
}
