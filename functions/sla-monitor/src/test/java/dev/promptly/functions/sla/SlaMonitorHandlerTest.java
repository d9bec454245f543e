package dev.promptly.functions.sla;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.promptly.alert.slack.SlackAlertFormat;
import dev.promptly.app.sla.SlaMonitor;
import dev.promptly.aws.dynamodb.DynamoConversationStore;
import dev.promptly.aws.dynamodb.DynamoSlaStore;
import dev.promptly.aws.dynamodb.PromptlyTable;
import dev.promptly.config.ConfigParser;
import dev.promptly.dynamodblocal.EmbeddedDynamoDb;
import dev.promptly.log.JsonLog;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The handler reads the schedule's sample event (events/sla-monitor) and runs the monitor once. */
class SlaMonitorHandlerTest {
    private static final String TABLE = "promptly-sla-monitor-test";

    @Test
    void theScheduledEventRunsTheMonitorOnce() throws Exception {
        try (EmbeddedDynamoDb dynamo = EmbeddedDynamoDb.inMemory(List.of(PromptlyTable.createTableRequest(TABLE)))) {
            var client = dynamo.newClient();
            var config = ConfigParser.parse(Files.readString(Path.of("..", "..", "config", "promptly.example.json")), "example", true);
            var clock = Clock.fixed(Instant.parse("2026-11-27T17:00:00Z"), ZoneOffset.UTC);
            var logs = new ByteArrayOutputStream();
            var handler = new SlaMonitorHandler(new SlaMonitor(config, new DynamoConversationStore(client, TABLE), new DynamoSlaStore(client, TABLE),
                    new SlackAlertFormat(), clock, new JsonLog("sla-monitor", new PrintStream(logs, true, StandardCharsets.UTF_8), clock)));

            try (InputStream event = Files.newInputStream(Path.of("..", "..", "events", "sla-monitor", "schedule.json"))) {
                handler.handleRequest(event, new ByteArrayOutputStream(), null);
            }

            String log = logs.toString(StandardCharsets.UTF_8);
            assertTrue(log.contains("\"event\":\"sla.monitor_run\"") && log.contains("\"due\":0"), log);
        }
    }

    @Test
    void snapStartPrimingQueriesTheDueIndexOnceAndWritesNothing() throws Exception {
        List<String> operations = new java.util.concurrent.CopyOnWriteArrayList<>();
        try (EmbeddedDynamoDb dynamo = EmbeddedDynamoDb.inMemory(List.of(PromptlyTable.createTableRequest(TABLE)))) {
            var client = dynamo.clientBuilder().overrideConfiguration(c -> c.addExecutionInterceptor(
                    new software.amazon.awssdk.core.interceptor.ExecutionInterceptor() {
                        @Override
                        public void beforeExecution(software.amazon.awssdk.core.interceptor.Context.BeforeExecution context,
                                                    software.amazon.awssdk.core.interceptor.ExecutionAttributes attributes) {
                            operations.add(attributes.getAttribute(software.amazon.awssdk.core.interceptor.SdkExecutionAttribute.OPERATION_NAME));
                        }
                    })).build();
            var config = ConfigParser.parse(Files.readString(Path.of("..", "..", "config", "promptly.example.json")), "example", true);
            var clock = Clock.fixed(Instant.parse("2026-11-27T17:00:00Z"), ZoneOffset.UTC);
            var handler = new SlaMonitorHandler(new SlaMonitor(config, new DynamoConversationStore(client, TABLE), new DynamoSlaStore(client, TABLE),
                    new SlackAlertFormat(), clock, new JsonLog("sla-monitor", new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8), clock)));

            handler.beforeCheckpoint(null);

            assertEquals(List.of("Query"), operations);
        }
    }
}
