package dev.promptly.functions.sla;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.promptly.aws.AwsClients;
import dev.promptly.aws.dynamodb.PromptlyTable;
import dev.promptly.config.ConfigParser;
import dev.promptly.config.PromptlyConfig;
import dev.promptly.dynamodblocal.EmbeddedDynamoDb;
import dev.promptly.log.JsonLog;
import dev.promptly.wiring.Deployment;
import dev.promptly.wiring.PromptlyEnvironment;
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
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** The handler, wired as deployed, reads the schedule's sample event (events/sla-monitor) and runs the monitor once. */
class SlaMonitorHandlerTest {
    private static final String TABLE = "promptly-sla-monitor-test";
    /** The variables a deployed function has, for the deployed adapters (built by a use case that needs one; this one needs none). */
    private static final Map<String, String> DEPLOYED = Map.of(PromptlyTable.TABLE_NAME_ENV, TABLE, PromptlyEnvironment.CONFIG_FILE, "unused.json");

    @Test
    void theScheduledEventRunsTheMonitorOnce() throws Exception {
        try (EmbeddedDynamoDb dynamo = EmbeddedDynamoDb.inMemory(List.of(PromptlyTable.createTableRequest(TABLE)))) {
            var client = dynamo.newClient();
            var config = ConfigParser.parse(Files.readString(Path.of("..", "..", "config", "promptly.example.json")), "example", true);
            var clock = Clock.fixed(Instant.parse("2026-11-27T17:00:00Z"), ZoneOffset.UTC);
            var logs = new ByteArrayOutputStream();
            var handler = new SlaMonitorHandler(deployment(client, config, clock, logs));
            var answer = new ByteArrayOutputStream();

            try (InputStream event = Files.newInputStream(Path.of("..", "..", "events", "sla-monitor", "schedule.json"))) {
                handler.handleRequest(event, answer, null);
            }

            String log = logs.toString(StandardCharsets.UTF_8);
            assertTrue(log.contains("\"function\":\"sla-monitor\",\"event\":\"sla.monitor_run\"") && log.contains("\"due\":0"), log);
            assertEquals("{\"now\":\"2026-11-27T17:00:00Z\",\"due\":0,\"alerts\":0,\"already_recorded\":0,\"digests_sent\":0,"
                    + "\"checkpoints_moved\":0,\"checkpoints_cleared\":0}", answer.toString(StandardCharsets.UTF_8));
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
            var handler = new SlaMonitorHandler(deployment(client, config, clock, new ByteArrayOutputStream()));

            handler.beforeCheckpoint(null);

            assertEquals(List.of("Query"), operations);
        }
    }

    private static Deployment deployment(DynamoDbClient client, PromptlyConfig config, Clock clock, ByteArrayOutputStream logs) {
        return Deployment.builder().awsAdapters(DEPLOYED, new AwsClients(false)).dynamoDb(client, TABLE).config(config).secrets(ref -> ref.name()).clock(clock)
                .logs(function -> new JsonLog(function, new PrintStream(logs, true, StandardCharsets.UTF_8), clock)).build();
    }
}
