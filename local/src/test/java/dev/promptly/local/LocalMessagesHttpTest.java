package dev.promptly.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import dev.promptly.core.message.MessageSignature;
import dev.promptly.core.shopify.ShopifyHmac;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Messages through the local runner over real HTTP with the shipped example configuration: the outbox,
 * the conversations, the clock, the jobs, and mail to an SMTP server given with {@code --smtp}.
 */
class LocalMessagesHttpTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SHOP = "demo-shop.myshopify.com";
    private static final HttpClient http = HttpClient.newHttpClient();
    private static final GreenMail smtp = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    private static LocalSystem system;

    @BeforeAll
    static void start() throws Exception {
        smtp.start();
        system = LocalSystem.start(LocalRunnerClient.onTestClock(new LocalOptions(0, null, null, "127.0.0.1", smtp.getSmtp().getPort(), false)));
    }

    @AfterAll
    static void stop() {
        system.close();
        smtp.stop();
    }

    @BeforeEach
    void reset() throws Exception {
        post("/local/reset", "");
        smtp.purgeEmailFromAllMailboxes();
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static URI uri(String path) {
        return URI.create("http://127.0.0.1:" + system.port() + path);
    }

    private static HttpResponse<String> post(String path, String body) throws Exception {
        return send(HttpRequest.newBuilder(uri(path)).POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    private static HttpResponse<String> get(String path) throws Exception {
        return send(HttpRequest.newBuilder(uri(path)).GET());
    }

    private static HttpResponse<String> message(String body) throws Exception {
        return send(HttpRequest.newBuilder(uri("/messages"))
                .header("Content-Type", "application/json")
                .header("X-Promptly-Shop", SHOP)
                .header("X-Promptly-Signature", MessageSignature.sign("local-messages-secret", body.getBytes(StandardCharsets.UTF_8)))
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    private static String sample(String name) throws Exception {
        return JSON.readTree(Files.readString(Path.of("..", "events", "message-bodies", name + ".json"))).toString();
    }

    @Test
    void aMessageIsAcknowledgedAndTheMailShowsInTheOutboxAndArrives() throws Exception {
        String order = Files.readString(Path.of("..", "events", "shopify-bodies", "orders-create.json"));
        send(HttpRequest.newBuilder(uri("/webhooks/shopify"))
                .header("X-Shopify-Topic", "orders/create").header("X-Shopify-Shop-Domain", SHOP)
                .header("X-Shopify-Webhook-Id", "local-messages-1")
                .header("X-Shopify-Hmac-Sha256", ShopifyHmac.sign("local-webhook-secret", order.getBytes(StandardCharsets.UTF_8)))
                .POST(HttpRequest.BodyPublishers.ofString(order)));

        var response = message(sample("email-relay-de"));

        assertEquals(202, response.statusCode(), response.body());
        JsonNode accepted = JSON.readTree(response.body());
        assertEquals(false, accepted.get("duplicate").asBoolean());
        JsonNode outbox = JSON.readTree(get("/local/outbox").body());
        // The example configuration copies each customer message to the team's mailbox, after the answer.
        assertEquals(2, outbox.size());
        assertEquals("team_copy", outbox.get(1).get("kind").asText());
        JsonNode ack = outbox.get(0);
        assertEquals(SHOP, ack.get("shop").asText());
        assertEquals("wismo", ack.get("kind").asText(), "a \"where is my order?\" question gets the combined answer");
        assertEquals("email", ack.get("channel").asText());
        assertEquals("anna.beispiel@example.com", ack.get("to").asText());
        assertEquals("sent", ack.get("status").asText());
        assertEquals(accepted.get("conversation_id").asText(), ack.get("conversation_id").asText());
        assertEquals("5001001", ack.get("order_id").asText());
        assertEquals("auto-replied", ack.get("headers").get("Auto-Submitted").asText());
        assertTrue(ack.get("subject").asText().contains(accepted.get("ticket").asText()), ack.toString());
        assertTrue(ack.get("text").asText().contains("Bestellung #1001:"), ack.toString());
        assertTrue(ack.has("created_at"));
        assertEquals(2, smtp.getReceivedMessages().length);
    }

    @Test
    void conversationsAreListedAndShownWithTheirMessagesAndAcknowledgement() throws Exception {
        JsonNode accepted = JSON.readTree(message(sample("email-relay-de")).body());
        String id = accepted.get("conversation_id").asText();

        JsonNode list = JSON.readTree(get("/local/conversations?shop=" + SHOP).body());
        JsonNode one = JSON.readTree(get("/local/conversations/" + id).body());

        assertEquals(1, list.size());
        assertEquals(id, list.get(0).get("conversation_id").asText());
        assertEquals("waiting_on_customer", one.get("status").asText(), "answered automatically, it waits on the customer");
        assertEquals("de", one.get("language").asText());
        assertEquals("queued", one.get("acknowledgement").get("outcome").asText());
        assertEquals(1, one.get("messages").size());
        assertEquals(2, one.get("outbox").size(), "the answer and the team's copy");
        assertEquals(404, get("/local/conversations/ABCDEFGHJK").statusCode());
        assertEquals(400, get("/local/conversations").statusCode());
    }

    @Test
    void anOutOfOfficeReplyIsStoredButNotAnswered() throws Exception {
        var response = message(sample("out-of-office"));

        assertEquals(202, response.statusCode());
        assertEquals(0, JSON.readTree(get("/local/outbox").body()).size());
        JsonNode conversation = JSON.readTree(get("/local/conversations/" + JSON.readTree(response.body()).get("conversation_id").asText()).body());
        assertEquals("auto_submitted", conversation.get("acknowledgement").get("reason").asText());
    }

    @Test
    void theClockCanBeSetAndAdvanced() throws Exception {
        var set = post("/local/clock", "{\"now\": \"2026-03-29T01:30:00Z\"}");
        var advanced = post("/local/clock", "{\"advance\": \"PT2H\"}");
        var bad = post("/local/clock", "{\"advance\": \"two hours\"}");

        assertEquals(200, set.statusCode());
        assertTrue(JSON.readTree(set.body()).get("now").asText().startsWith("2026-03-29T01:30"), set.body());
        assertTrue(JSON.readTree(advanced.body()).get("now").asText().startsWith("2026-03-29T03:30"), advanced.body());
        assertEquals(400, bad.statusCode());
        assertEquals("advance: must be an ISO-8601 duration such as PT2H", JSON.readTree(bad.body()).get("error").asText());
    }

    @Test
    void theOutboxJobRunsOnRequestAndUnknownJobsAreNamed() throws Exception {
        var run = post("/local/jobs/outbox-send/run", "");
        var unknown = post("/local/jobs/coffee/run", "");

        assertEquals(200, run.statusCode(), run.body());
        assertEquals("outbox-send", JSON.readTree(run.body()).get("job").asText());
        assertEquals(404, unknown.statusCode());
    }
}
