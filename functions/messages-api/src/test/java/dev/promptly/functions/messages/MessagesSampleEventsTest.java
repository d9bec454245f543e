package dev.promptly.functions.messages;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.promptly.wiring.ConfigSource;
import dev.promptly.app.inbound.MessageIntake;
import dev.promptly.app.inbound.MessagesApi;
import dev.promptly.config.SecretRef;
import dev.promptly.core.ShopDomain;
import dev.promptly.core.message.ConversationId;
import dev.promptly.log.JsonLog;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The {@code POST /messages} samples in {@code events/messages} (for {@code sam local invoke}) are signed
 * for the shipped example configuration and accepted by the real handler.
 */
class MessagesSampleEventsTest {
    private static final ObjectMapper LAMBDA_JSON = new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
    private static final ShopDomain DEMO = new ShopDomain("demo-shop.myshopify.com");

    private final MessagesTestSystem system = new MessagesTestSystem();

    @AfterEach
    void close() {
        system.close();
    }

    @Test
    void everySampleMessageIsSignedForTheExampleShopAndAccepted() throws Exception {
        var config = ConfigSource.loadFile(MessagesTestSystem.EVENTS.resolve("../config/promptly.example.json"), true);
        var log = new JsonLog("test", new PrintStream(new ByteArrayOutputStream()), system.clock);
        var handler = new MessagesHandler(new MessagesApi(MessageIntake.standard(config, system.conversations, system.orders, system.clock, log),
                SecretRef::name, system.clock), log);
        List<String> samples;
        try (var files = Files.list(MessagesTestSystem.EVENTS.resolve("messages"))) {
            samples = files.map(f -> f.getFileName().toString()).sorted().toList();
        }
        assertEquals(List.of("chat-en.json", "email-relay-de.json", "out-of-office.json"), samples);

        for (String sample : samples) {
            var event = LAMBDA_JSON.readValue(MessagesTestSystem.EVENTS.resolve("messages").resolve(sample).toFile(), APIGatewayV2HTTPEvent.class);
            var response = handler.handleRequest(event, null);
            assertEquals(202, response.getStatusCode(), sample + ": " + response.getBody());
        }

        var outOfOffice = system.conversations.conversationOfMessage(DEMO, "ooo-4711@mail.example.net").orElseThrow();
        assertEquals("skipped", system.conversations.ackDecision(DEMO, outOfOffice).orElseThrow().outcome());
        ConversationId relay = system.conversations.conversationOfMessage(DEMO, "CAF3x9Qm2v+relay-0001@mail.example.com").orElseThrow();
        assertEquals("queued", system.conversations.ackDecision(DEMO, relay).orElseThrow().outcome());
    }
}
