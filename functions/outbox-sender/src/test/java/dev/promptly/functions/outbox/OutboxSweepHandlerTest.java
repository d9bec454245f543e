package dev.promptly.functions.outbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.promptly.app.outbox.MailTransport;
import dev.promptly.aws.dynamodb.PromptlyTable;
import dev.promptly.config.ConfigParser;
import dev.promptly.core.message.MessageSignature;
import dev.promptly.dynamodblocal.EmbeddedDynamoDb;
import dev.promptly.log.JsonLog;
import dev.promptly.wiring.Deployment;
import dev.promptly.wiring.IntakeWiring;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * The sweep handler, wired as deployed over the example configuration: it answers how many due records it
 * looked at (what the local runner's {@code outbox-send} job shows) and logs a sweep only when it found some.
 */
class OutboxSweepHandlerTest {
    private static final String TABLE = "promptly-outbox-sweep-test";
    private static final String SHOP = "demo-shop.myshopify.com";

    @Test
    void aSweepAnswersTheRecordsItLookedAtAndLogsOnlyASweepThatFoundSome() throws IOException {
        try (EmbeddedDynamoDb dynamo = EmbeddedDynamoDb.inMemory(List.of(PromptlyTable.createTableRequest(TABLE)))) {
            var clock = Clock.fixed(Instant.parse("2026-11-25T10:00:00Z"), ZoneOffset.UTC);
            var logs = new ByteArrayOutputStream();
            List<String> sentTo = new CopyOnWriteArrayList<>();
            MailTransport mail = (from, to, mime) -> {
                sentTo.addAll(to);
                return "provider-id";
            };
            var deployment = Deployment.builder().dynamoDb(dynamo.newClient(), TABLE)
                    .config(ConfigParser.parse(Files.readString(Path.of("..", "..", "config", "promptly.example.json")), "example", true))
                    .secrets(ref -> ref.name()).clock(clock)
                    .logs(function -> new JsonLog(function, new PrintStream(logs, true, StandardCharsets.UTF_8), clock))
                    .mailTransport(() -> Optional.of(mail)).alertChannels(Map::of).build();
            var sweep = new OutboxSweepHandler(deployment);

            String idle = run(sweep);
            String idleLog = logs.toString(StandardCharsets.UTF_8);
            acceptMail(deployment);
            String busy = run(sweep);
            String busyLog = logs.toString(StandardCharsets.UTF_8);

            assertEquals("{\"due\":0}", idle);
            assertFalse(idleLog.contains("outbox.sweep"), idleLog);
            // The example configuration copies the customer's message to the team's mailbox too.
            assertEquals("{\"due\":2}", busy);
            assertTrue(busyLog.lines().anyMatch(line -> line.contains("\"function\":\"outbox-sweep\",\"event\":\"outbox.sweep\"")
                    && line.contains("\"due\":2")), busyLog);
            assertEquals(java.util.Set.of("anna.beispiel@example.com", "team@demo-shop.example"), java.util.Set.copyOf(sentTo),
                    "the acknowledgement and the team copy went out");
        }
    }

    private static String run(OutboxSweepHandler sweep) throws IOException {
        var answer = new ByteArrayOutputStream();
        sweep.handleRequest(new ByteArrayInputStream("{}".getBytes(StandardCharsets.UTF_8)), answer, null);
        return answer.toString(StandardCharsets.UTF_8);
    }

    /** A customer's e-mail through the messages use case: its acknowledgement waits in the outbox. */
    private static void acceptMail(Deployment deployment) {
        byte[] body = ("{\"shop\":\"" + SHOP + "\",\"channel\":\"email\",\"message_id\":\"sweep-1\",\"text\":\"Hello, a question about sizes.\","
                + "\"from\":{\"name\":\"Anna\",\"email\":\"anna.beispiel@example.com\"}}").getBytes(StandardCharsets.UTF_8);
        IntakeWiring.messagesApi(deployment, deployment.log("messages-api")).accept(SHOP, MessageSignature.sign("local-messages-secret", body), body);
    }
}
