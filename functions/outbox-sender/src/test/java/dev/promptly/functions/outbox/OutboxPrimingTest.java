package dev.promptly.functions.outbox;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.promptly.app.outbox.OutboxSender;
import dev.promptly.aws.dynamodb.DynamoOutboxStore;
import dev.promptly.aws.dynamodb.PromptlyTable;
import dev.promptly.dynamodblocal.EmbeddedDynamoDb;
import dev.promptly.log.JsonLog;
import dev.promptly.mail.MailComposer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

/** SnapStart priming of both outbox handlers: a warm client and MIME code, and nothing claimed, sent or written. */
class OutboxPrimingTest {
    private static final String TABLE = "promptly-outbox-priming-test";

    @Test
    void primingQueriesTheDueIndexOnceComposesAMailAndSendsNothing() {
        List<String> operations = new CopyOnWriteArrayList<>();
        List<String> sent = new CopyOnWriteArrayList<>();
        try (EmbeddedDynamoDb dynamo = EmbeddedDynamoDb.inMemory(List.of(PromptlyTable.createTableRequest(TABLE)))) {
            var client = dynamo.clientBuilder().overrideConfiguration(c -> c.addExecutionInterceptor(new ExecutionInterceptor() {
                @Override
                public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
                    operations.add(attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME));
                }
            })).build();
            var clock = Clock.fixed(Instant.parse("2026-11-27T17:00:00Z"), ZoneOffset.UTC);
            var log = new JsonLog("outbox-sender", new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8), clock);
            var sender = new OutboxSender(new DynamoOutboxStore(client, TABLE), Optional.of((from, to, mime) -> {
                sent.add(String.join(",", to));
                return "never";
            }), new MailComposer(), clock, log);

            new OutboxSweepHandler(sender, log).beforeCheckpoint(null);
            new OutboxStreamHandler(sender, log).beforeCheckpoint(null);

            assertEquals(List.of("Query", "Query"), operations);
            assertEquals(List.of(), sent);
        }
    }
}
