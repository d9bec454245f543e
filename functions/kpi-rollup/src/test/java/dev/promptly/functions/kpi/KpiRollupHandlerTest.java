package dev.promptly.functions.kpi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.promptly.aws.AwsClients;
import dev.promptly.aws.dynamodb.PromptlyTable;
import dev.promptly.config.ConfigParser;
import dev.promptly.core.ShopDomain;
import dev.promptly.core.error.InvalidInputException;
import dev.promptly.dynamodblocal.EmbeddedDynamoDb;
import dev.promptly.log.JsonLog;
import dev.promptly.wiring.Deployment;
import dev.promptly.wiring.KpiWiring;
import dev.promptly.wiring.PromptlyEnvironment;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** The handler wired as deployed, with the example configuration (one shop in Europe/Berlin), against DynamoDB Local. */
class KpiRollupHandlerTest {
    private static final String TABLE = "promptly-kpi-rollup-test";
    private static final Map<String, String> DEPLOYED = Map.of(PromptlyTable.TABLE_NAME_ENV, TABLE, PromptlyEnvironment.CONFIG_FILE, "unused.json");
    private static final ShopDomain SHOP = new ShopDomain("demo-shop.myshopify.com");
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-07T10:00:00Z"), ZoneOffset.UTC);

    private final ByteArrayOutputStream logs = new ByteArrayOutputStream();
    private final List<String> operations = new CopyOnWriteArrayList<>();

    private Deployment deployment(EmbeddedDynamoDb dynamo) throws Exception {
        DynamoDbClient client = dynamo.clientBuilder().overrideConfiguration(c -> c.addExecutionInterceptor(new ExecutionInterceptor() {
            @Override
            public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
                operations.add(attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME));
            }
        })).build();
        var config = ConfigParser.parse(Files.readString(Path.of("..", "..", "config", "promptly.example.json")), "example", true);
        return Deployment.builder().awsAdapters(DEPLOYED, new AwsClients(false)).dynamoDb(client, TABLE).config(config)
                .secrets(ref -> ref.name()).clock(CLOCK)
                .logs(function -> new JsonLog(function, new PrintStream(logs, true, StandardCharsets.UTF_8), CLOCK)).build();
    }

    private static String invoke(KpiRollupHandler handler, InputStream event) throws Exception {
        var answer = new ByteArrayOutputStream();
        handler.handleRequest(event, answer, null);
        return answer.toString(StandardCharsets.UTF_8);
    }

    @Test
    void theScheduledEventRecomputesEachShopsLastNineDays() throws Exception {
        try (EmbeddedDynamoDb dynamo = EmbeddedDynamoDb.inMemory(List.of(PromptlyTable.createTableRequest(TABLE)))) {
            var d = deployment(dynamo);
            var handler = new KpiRollupHandler(d);

            String answer;
            try (InputStream event = Files.newInputStream(Path.of("..", "..", "events", "kpi-rollup", "schedule.json"))) {
                answer = invoke(handler, event);
            }

            assertEquals("{\"now\":\"2026-12-07T10:00:00Z\",\"days\":9,\"conversations\":0,\"notices\":0,\"capped_days\":0,"
                    + "\"days_left\":0,\"complete\":true}", answer);
            assertEquals(9, KpiWiring.kpis(d).days(SHOP, LocalDate.parse("2026-11-01"), LocalDate.parse("2026-12-31")).size());
            assertTrue(logs.toString(StandardCharsets.UTF_8).contains("\"function\":\"kpi-rollup\",\"event\":\"kpi_rollup.run\""), logs.toString());
        }
    }

    @Test
    void anOperatorsPayloadRecomputesTheRangeItNames() throws Exception {
        try (EmbeddedDynamoDb dynamo = EmbeddedDynamoDb.inMemory(List.of(PromptlyTable.createTableRequest(TABLE)))) {
            var d = deployment(dynamo);
            var handler = new KpiRollupHandler(d);
            byte[] payload = "{\"kpi_rollup\": {\"shop\": \"demo-shop.myshopify.com\", \"from\": \"2026-11-01\", \"to\": \"2026-11-30\"}}"
                    .getBytes(StandardCharsets.UTF_8);

            String answer = invoke(handler, new ByteArrayInputStream(payload));

            assertTrue(answer.contains("\"days\":30"), answer);
            assertEquals(30, KpiWiring.kpis(d).days(SHOP, LocalDate.parse("2026-10-01"), LocalDate.parse("2026-12-31")).size());
        }
    }

    @Test
    void aBadPayloadIsRefusedNamingTheFieldAndComputesNothing() throws Exception {
        try (EmbeddedDynamoDb dynamo = EmbeddedDynamoDb.inMemory(List.of(PromptlyTable.createTableRequest(TABLE)))) {
            var d = deployment(dynamo);
            var handler = new KpiRollupHandler(d);
            byte[] payload = "{\"kpi_rollup\": {\"shop\": \"demo-shop.myshopify.com\", \"from\": \"1.11.2026\", \"to\": \"2026-11-30\"}}"
                    .getBytes(StandardCharsets.UTF_8);

            var e = assertThrows(InvalidInputException.class, () -> invoke(handler, new ByteArrayInputStream(payload)));

            assertEquals("kpi_rollup.from: is required: a day as yyyy-MM-dd, e.g. 2026-11-01", e.getMessage());
            assertEquals(0, KpiWiring.kpis(d).days(SHOP, LocalDate.parse("2026-01-01"), LocalDate.parse("2026-12-31")).size());
        }
    }

    @Test
    void snapStartPrimingQueriesTheOpeningIndexOnceAndWritesNothing() throws Exception {
        try (EmbeddedDynamoDb dynamo = EmbeddedDynamoDb.inMemory(List.of(PromptlyTable.createTableRequest(TABLE)))) {
            var handler = new KpiRollupHandler(deployment(dynamo));

            handler.beforeCheckpoint(null);

            assertEquals(List.of("Query"), operations);
        }
    }
}
