package dev.promptly.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import dev.promptly.core.message.MessageSignature;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A shop's own wording from its configuration file ({@code --config}) reaches the mail the local runner
 * sends: the example configuration with a {@code templates} block overriding the English acknowledgement.
 */
class LocalTemplateOverridesHttpTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SHOP = "demo-shop.myshopify.com";
    private static final String SENTENCE = "Thanks for writing to {{shop_name}}: a real person answers by {{promise_at}}.";
    private static final HttpClient http = HttpClient.newHttpClient();
    private static final GreenMail smtp = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    private static LocalSystem system;

    @BeforeAll
    static void start(@TempDir Path dir) throws Exception {
        ObjectNode config = (ObjectNode) JSON.readTree(Files.readString(Path.of("..", "config", "promptly.example.json")));
        ObjectNode templates = ((ObjectNode) config.path("shops").path(SHOP)).putObject("templates");
        templates.putObject("ack.subject").put("en", "[{{ticket}}] Your message to {{shop_name}}");
        templates.putObject("ack.txt").put("en", "{{#customer_name}}Hi {{customer_name}},{{/customer_name}}\n\n" + SENTENCE + "\n\nTicket: {{ticket}}\n");
        Path file = dir.resolve("promptly.json");
        Files.writeString(file, config.toString());
        smtp.start();
        system = LocalSystem.start(LocalRunnerClient.onTestClock(new LocalOptions(0, file, null, "127.0.0.1", smtp.getSmtp().getPort(), false)));
    }

    @AfterAll
    static void stop() {
        system.close();
        smtp.stop();
    }

    @Test
    void aShopsOverriddenAcknowledgementSentenceIsInTheMailSent() throws Exception {
        ObjectNode message = JSON.createObjectNode().put("shop", SHOP).put("channel", "email").put("message_id", "override-0001@mail.example.com");
        message.putObject("from").put("name", "Ben").put("email", "ben.sample@example.org");
        message.put("subject", "Sizes").put("text", "Hi! Do your shirts run small? I usually wear a medium.").put("received_at", "2026-11-27T10:00:00Z");
        String body = message.toString();

        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + system.port() + "/messages"))
                .header("Content-Type", "application/json").header("X-Promptly-Shop", SHOP)
                .header("X-Promptly-Signature", MessageSignature.sign("local-messages-secret", body.getBytes(StandardCharsets.UTF_8)))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());

        assertEquals(202, response.statusCode(), response.body());
        String ticket = JSON.readTree(response.body()).get("ticket").asText();
        assertTrue(smtp.waitForIncomingEmail(10_000, 1), "the outbox sends the acknowledgement");
        MimeMessage[] mails = smtp.getReceivedMessages();
        assertEquals(1, mails.length);
        assertEquals("[" + ticket + "] Your message to Demo Shop", mails[0].getSubject());
        String sent = plainText(mails[0]);
        assertTrue(sent.contains("Thanks for writing to Demo Shop: a real person answers by "), sent);
        assertTrue(sent.contains("Ticket: " + ticket), sent);
        assertTrue(!sent.contains("We have logged it as ticket"), "the shipped English text is replaced: " + sent);
    }

    /** The text/plain part, decoded (the mail is multipart/alternative, quoted-printable). */
    private static String plainText(Part part) throws Exception {
        if (part.isMimeType("text/plain")) {
            return String.valueOf(part.getContent());
        }
        if (part.getContent() instanceof Multipart multipart) {
            for (int i = 0; i < multipart.getCount(); i++) {
                String text = plainText(multipart.getBodyPart(i));
                if (text != null) {
                    return text;
                }
            }
        }
        return null;
    }
}
