package dev.promptly.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import dev.promptly.core.message.MessageSignature;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The dashboard's JSON routes show a WhatsApp conversation as they show mail: the conversation with its
 * channel and messages, and its outbox record with the delivery state WhatsApp's status webhook reported.
 * The runner sends to a Graph API stand-in (with {@code --whatsapp-api-url}) that answers with a wamid.
 */
class LocalWhatsAppDashboardTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SHOP = "demo-shop.myshopify.com";
    private static final String PATH = "/whatsapp/" + SHOP;
    private static final String WAMID = "wamid.HBgLNDkxNTExMjM0NTY3OBUCABEYEjA1RkQ5";
    private static final String CUSTOMER = "4915112345678";

    private final List<String> graphApiRequests = new CopyOnWriteArrayList<>();
    private HttpServer graphApi;
    private LocalRunnerClient runner;

    @BeforeEach
    void start() throws Exception {
        graphApi = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        graphApi.createContext("/", exchange -> {
            graphApiRequests.add(exchange.getRequestURI().getPath());
            exchange.getRequestBody().readAllBytes();
            byte[] out = ("{\"messaging_product\":\"whatsapp\",\"contacts\":[{\"input\":\"+" + CUSTOMER + "\",\"wa_id\":\"" + CUSTOMER
                    + "\"}],\"messages\":[{\"id\":\"" + WAMID + "\"}]}").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, out.length);
            exchange.getResponseBody().write(out);
            exchange.close();
        });
        graphApi.start();
        runner = LocalRunnerClient.start(LocalOptions.parse(List.of("--port", "0", "--whatsapp-api-url",
                "http://127.0.0.1:" + graphApi.getAddress().getPort())));
    }

    @AfterEach
    void stop() {
        runner.close();
        graphApi.stop(0);
    }

    /** A {@code messages} notification for the example's phone number id with {@code item} under {@code field}, signed. */
    private void notify(String field, ObjectNode item) throws Exception {
        ObjectNode root = JSON.createObjectNode().put("object", "whatsapp_business_account");
        ObjectNode value = root.putArray("entry").addObject().put("id", "102290129340398").putArray("changes").addObject()
                .put("field", "messages").putObject("value").put("messaging_product", "whatsapp");
        value.putObject("metadata").put("display_phone_number", "4930555000").put("phone_number_id", "100000000000001");
        if (field.equals("messages")) {
            value.putArray("contacts").addObject().put("wa_id", CUSTOMER).putObject("profile").put("name", "Ben");
        }
        value.putArray(field).add(item);
        String body = root.toString();
        var response = runner.post(PATH, body, "Content-Type", "application/json", "X-Hub-Signature-256",
                MessageSignature.sign("local-whatsapp-app-secret", body.getBytes(StandardCharsets.UTF_8)));
        assertEquals(200, response.statusCode(), response.body());
    }

    private static String timestamp() {
        return String.valueOf(LocalRunnerClient.TEST_START.getEpochSecond());
    }

    private JsonNode whatsAppOutboxRecord() throws Exception {
        for (JsonNode record : runner.get("/local/outbox")) {
            if (("+" + CUSTOMER).equals(record.path("to").asText())) {
                return record;
            }
        }
        throw new AssertionError("no outbox record to the customer: " + runner.get("/local/outbox"));
    }

    @Test
    void aWhatsAppConversationShowsItsChannelMessagesAndTheReportedDeliveryOfItsReply() throws Exception {
        // given: a customer writes on WhatsApp and the runner sends the acknowledgement to the stand-in
        notify("messages", JSON.createObjectNode().put("from", CUSTOMER).put("id", "wamid.dashboard-in-1").put("timestamp", timestamp())
                .put("type", "text").set("text", JSON.createObjectNode().put("body", "Hallo, wann öffnet ihr morgen?")));
        for (int i = 0; i < 100 && graphApiRequests.isEmpty(); i++) {
            Thread.sleep(100);
        }
        assertEquals(List.of("/v21.0/100000000000001/messages"), graphApiRequests);
        JsonNode sent = whatsAppOutboxRecord();

        // when: WhatsApp reports the reply delivered
        notify("statuses", JSON.createObjectNode().put("id", WAMID).put("status", "delivered")
                .put("timestamp", String.valueOf(LocalRunnerClient.TEST_START.plusSeconds(5).getEpochSecond())).put("recipient_id", CUSTOMER));

        // then: the conversation list and the conversation show the WhatsApp conversation with its message
        JsonNode listed = null;
        for (JsonNode c : runner.get("/local/conversations?shop=" + SHOP)) {
            if (("+" + CUSTOMER).equals(c.path("customer").path("phone").asText())) {
                listed = c;
            }
        }
        assertTrue(listed != null, runner.get("/local/conversations?shop=" + SHOP).toString());
        assertEquals("whatsapp", listed.path("channel").asText());
        JsonNode conversation = runner.get("/local/conversations/" + listed.path("conversation_id").asText() + "?shop=" + SHOP);
        assertEquals("whatsapp", conversation.path("channel").asText());
        assertEquals(1, conversation.path("messages").size(), conversation.toString());
        assertEquals("Hallo, wann öffnet ihr morgen?", conversation.path("messages").get(0).path("text").asText(), conversation.toString());
        assertEquals(sent.path("id").asText(), conversation.path("acknowledgement").path("outbox_id").asText());

        // and: its outbox record, in the conversation and in the outbox, is sent as the wamid and delivered
        JsonNode reply = conversation.path("outbox").get(0);
        assertEquals("whatsapp", reply.path("channel").asText());
        assertEquals("sent", reply.path("status").asText());
        assertEquals(WAMID, reply.path("provider_message_id").asText());
        assertEquals("delivered", reply.path("delivery_state").asText(), reply.toString());
        assertEquals("delivered", whatsAppOutboxRecord().path("delivery_state").asText());
    }
}
