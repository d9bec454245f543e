package dev.promptly.whatsapp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.promptly.app.port.WhatsAppApi;
import dev.promptly.app.port.WhatsAppApi.WhatsAppApiException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The Graph API client against an in-process stand-in that checks what Meta documents. */
class GraphApiClientTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One request as the stand-in received it. */
    record Received(String method, String path, String authorization, String contentType, JsonNode body) {
    }

    private final List<Received> received = new CopyOnWriteArrayList<>();
    private HttpServer server;
    private volatile int status = 200;
    private volatile String answer = "{\"messaging_product\":\"whatsapp\",\"contacts\":[{\"input\":\"+49301234567\",\"wa_id\":\"49301234567\"}],"
            + "\"messages\":[{\"id\":\"wamid.HBgLNDkzMDEyMzQ1NjcVAgARGBI1RjQyNUE3NEYxMzAzMzQ5MkEA\"}]}";

    private GraphApiClient client() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            received.add(new Received(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                    exchange.getRequestHeaders().getFirst("Authorization"), exchange.getRequestHeaders().getFirst("Content-Type"),
                    JSON.readTree(body)));
            byte[] out = answer.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status, out.length);
            exchange.getResponseBody().write(out);
            exchange.close();
        });
        server.start();
        return new GraphApiClient(URI.create("http://127.0.0.1:" + server.getAddress().getPort()));
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    private static WhatsAppApi.Request text(String body) {
        return new WhatsAppApi.Request("v21.0", "100000000000001", "test-access-token", "+49301234567", new WhatsAppApi.Text(body));
    }

    @Test
    void aTextIsPostedToTheVersionedMessagesEdgeOfThePhoneNumberWithTheBearerToken() throws Exception {
        var client = client();

        String id = client.send(text("Hallo Anna, Track it: https://www.dhl.de/verfolgen?piececode=1"));

        assertEquals("wamid.HBgLNDkzMDEyMzQ1NjcVAgARGBI1RjQyNUE3NEYxMzAzMzQ5MkEA", id);
        Received request = received.get(0);
        assertEquals("POST", request.method());
        assertEquals("/v21.0/100000000000001/messages", request.path());
        assertEquals("Bearer test-access-token", request.authorization());
        assertTrue(request.contentType().startsWith("application/json"));
        assertEquals(JSON.readTree("""
                {"messaging_product": "whatsapp", "recipient_type": "individual", "to": "+49301234567", "type": "text",
                 "text": {"preview_url": false, "body": "Hallo Anna, Track it: https://www.dhl.de/verfolgen?piececode=1"}}"""), request.body());
    }

    @Test
    void aTemplateCarriesItsNameLanguageAndBodyParametersInOrder() throws Exception {
        var client = client();

        client.send(new WhatsAppApi.Request("v21.0", "100000000000001", "t", "+49301234567",
                new WhatsAppApi.Template("order_delay_notice", "de", List.of("Anna", "#1001"))));

        assertEquals(JSON.readTree("""
                {"messaging_product": "whatsapp", "recipient_type": "individual", "to": "+49301234567", "type": "template",
                 "template": {"name": "order_delay_notice", "language": {"code": "de"},
                   "components": [{"type": "body", "parameters": [{"type": "text", "text": "Anna"}, {"type": "text", "text": "#1001"}]}]}}"""),
                received.get(0).body());
    }

    @Test
    void aClosedCustomerServiceWindowIsAPermanentRefusal() throws Exception {
        var client = client();
        status = 400;
        answer = "{\"error\":{\"message\":\"(#131047) Re-engagement message\",\"type\":\"OAuthException\",\"code\":131047,"
                + "\"error_data\":{\"messaging_product\":\"whatsapp\",\"details\":\"Message failed to send because more than 24 hours have passed\"},"
                + "\"fbtrace_id\":\"Az8or2yhqkZfEZ-_4Qn_Bam\"}}";

        var e = assertThrows(WhatsAppApiException.class, () -> client.send(text("Hallo")));

        assertEquals(131047, e.code());
        assertFalse(e.retryable());
        assertEquals("the WhatsApp Cloud API refused the message: error 131047 (HTTP 400)", e.getMessage());
    }

    @Test
    void throughputLimitsAndServerErrorsAreRetried() throws Exception {
        var client = client();
        status = 400;
        answer = "{\"error\":{\"message\":\"(#130429) Rate limit hit\",\"type\":\"OAuthException\",\"code\":130429}}";
        var limited = assertThrows(WhatsAppApiException.class, () -> client.send(text("Hallo")));
        status = 503;
        answer = "Service Unavailable";
        var away = assertThrows(WhatsAppApiException.class, () -> client.send(text("Hallo")));

        assertTrue(limited.retryable());
        assertTrue(away.retryable());
        assertFalse(away.getMessage().contains("test-access-token") || away.getMessage().contains("49301234567"));
    }

    @Test
    void anExpiredTokenIsNotRetried() throws Exception {
        var client = client();
        status = 401;
        answer = "{\"error\":{\"message\":\"Error validating access token\",\"type\":\"OAuthException\",\"code\":190}}";

        var e = assertThrows(WhatsAppApiException.class, () -> client.send(text("Hallo")));

        assertEquals(190, e.code());
        assertFalse(e.retryable());
    }
}
