package dev.promptly.functions.messages;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.promptly.wiring.ConfigSource;
import dev.promptly.app.inbound.MessageIntake;
import dev.promptly.app.inbound.MessagesApi;
import dev.promptly.config.SecretRef;
import dev.promptly.core.ShopDomain;
import dev.promptly.core.message.ConversationId;
import dev.promptly.edge.HttpEventCodec;
import dev.promptly.log.JsonLog;
import java.io.ByteArrayInputStream;
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
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ShopDomain DEMO = new ShopDomain("demo-shop.myshopify.com");

    private final MessagesTestSystem system = new MessagesTestSystem();

    @AfterEach
    void close() {
        system.close();
    }

    @Test
    void everySampleMessageIsSignedForTheExampleShopAndAccepted() throws Exception {
        var handler = demoHandler();
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

    @Test
    void aStreamInvocationOfARecordedMessageIsAcceptedAndARepeatAnswersAsTheTypedMethod() throws Exception {
        // Given the recorded chat message of events/messages, for the example configuration
        var handler = demoHandler();
        byte[] event = Files.readAllBytes(MessagesTestSystem.EVENTS.resolve("messages/chat-en.json"));

        // When Lambda invokes the stream method, then the typed method and the stream method get the same message again
        JsonNode first = stream(handler, event);
        var typed = handler.handleRequest(LAMBDA_JSON.readValue(event, APIGatewayV2HTTPEvent.class), null);
        JsonNode again = stream(handler, event);

        // Then the message is in a conversation, and both methods answer the repeat alike
        assertEquals(202, first.path("statusCode").asInt(), first.toString());
        system.conversations.conversationOfMessage(DEMO, "chat-7d1f0c2e-0001").orElseThrow();
        var typedAnswer = new ByteArrayOutputStream();
        HttpEventCodec.write(typed, typedAnswer);
        assertEquals(LAMBDA_JSON.readTree(typedAnswer.toByteArray()), again);
        assertTrue(JSON.readTree(again.path("body").asText()).path("duplicate").booleanValue(), again.toString());
    }

    /** The real handler with the shipped example configuration, whose shop the samples are signed for. */
    private MessagesHandler demoHandler() {
        var config = ConfigSource.loadFile(MessagesTestSystem.EVENTS.resolve("../config/promptly.example.json"), true);
        var log = new JsonLog("test", new PrintStream(new ByteArrayOutputStream()), system.clock);
        return new MessagesHandler(new MessagesApi(MessageIntake.standard(config, system.conversations, system.orders, system.clock, log),
                SecretRef::name, system.clock), log);
    }

    private static JsonNode stream(MessagesHandler handler, byte[] event) throws java.io.IOException {
        var out = new ByteArrayOutputStream();
        handler.handleRequest(new ByteArrayInputStream(event), out, null);
        return LAMBDA_JSON.readTree(out.toByteArray());
    }
}
