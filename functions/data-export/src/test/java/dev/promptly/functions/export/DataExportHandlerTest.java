package dev.promptly.functions.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.promptly.aws.AwsClients;
import dev.promptly.aws.dynamodb.DynamoDataExportStore;
import dev.promptly.aws.dynamodb.PromptlyTable;
import dev.promptly.config.ConfigParser;
import dev.promptly.config.PromptlyConfig;
import dev.promptly.core.ShopDomain;
import dev.promptly.dynamodblocal.EmbeddedDynamoDb;
import dev.promptly.edge.HttpEventCodec;
import dev.promptly.log.JsonLog;
import dev.promptly.wiring.Deployment;
import dev.promptly.wiring.PromptlyEnvironment;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** The data export function's SnapStart priming (warm classes and client, nothing written, nothing served) and its stream method. */
class DataExportHandlerTest {
    private static final String TABLE = "promptly-export-test";
    /** The variables a deployed function has, for the deployed adapters (built by a use case that needs one; this one needs none). */
    private static final Map<String, String> DEPLOYED = Map.of(PromptlyTable.TABLE_NAME_ENV, TABLE, PromptlyEnvironment.CONFIG_FILE, "unused.json");
    /** Decodes events as the runtime's serialisation library does for a typed handler: into the events library's classes. */
    private static final ObjectMapper LAMBDA_JSON = new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
    private static final EmbeddedDynamoDb DYNAMO = EmbeddedDynamoDb.inMemory(List.of(PromptlyTable.createTableRequest(TABLE)));

    private final Clock clock = Clock.fixed(Instant.parse("2026-11-25T09:30:00Z"), ZoneOffset.UTC);
    private final List<String> operations = Collections.synchronizedList(new ArrayList<>());
    private final DynamoDbClient client = DYNAMO.clientBuilder().overrideConfiguration(c -> c.addExecutionInterceptor(new ExecutionInterceptor() {
        @Override
        public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
            operations.add(attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME));
        }
    })).build();
    private final ByteArrayOutputStream logs = new ByteArrayOutputStream();
    private final PromptlyConfig config = ConfigParser.parse("""
            {"shops": {"priming-shop.myshopify.com": {
              "name": "Priming Shop", "languages": ["de", "en"], "time_zone": "Europe/Berlin", "support_email": "support@priming.example",
              "secrets": {"shopify_webhook": "literal:w", "messages": "literal:m", "agent_token": "literal:a", "export_token": "literal:e"},
              "business_hours": {"weekly": {"monday": ["09:00-18:00"]}},
              "sla": {"first_response": "PT4H"}, "handling_time_business_days": 2
            }}}""", "test", true);
    /** Wired as deployed, with no mail, alert or raw-mail part: the data export needs none. */
    private final DataExportHandler handler = new DataExportHandler(Deployment.builder().awsAdapters(DEPLOYED, new AwsClients(false)).dynamoDb(client, TABLE).config(config)
            .secrets(ref -> ref.name()).clock(clock)
            .logs(function -> new JsonLog(function, new PrintStream(logs, true, StandardCharsets.UTF_8), clock)).build());

    @Test
    void snapStartPrimingReadsOnceAndRefusesATokenlessRequestWithoutWriting() {
        handler.beforeCheckpoint(null);

        assertEquals(List.of("GetItem"), operations, "one read, no write");
        String log = logs.toString(StandardCharsets.UTF_8);
        assertTrue(log.contains("\"event\":\"export.refused\"") && log.contains("\"status\":401"), log);
        assertEquals(0, DYNAMO.newClient().scan(r -> r.tableName(TABLE)).count(), "nothing stored");
    }

    @Test
    void aStreamInvocationOfARecordedRequestAnswersAsTheTypedMethodWithTheGzipExportInBase64() throws Exception {
        // Given a prepared export and a recorded GET that accepts gzip
        new DynamoDataExportStore(client, TABLE).put(new ShopDomain("priming-shop.myshopify.com"), "3301", "207119551",
                "{\"customer\":{\"id\":207119551},\"orders\":[]}", clock.instant(), 30);
        byte[] event = getClass().getResourceAsStream("/http-events/get-export-gzip.json").readAllBytes();

        // When Lambda invokes the stream method, and the typed method gets the same request
        var out = new ByteArrayOutputStream();
        handler.handleRequest(new ByteArrayInputStream(event), out, null);
        var typed = handler.handleRequest(LAMBDA_JSON.readValue(event, APIGatewayV2HTTPEvent.class), null);

        // Then both answer the export's gzip bytes in base64, alike
        JsonNode answer = LAMBDA_JSON.readTree(out.toByteArray());
        assertEquals(200, answer.path("statusCode").asInt(), answer.toString());
        assertTrue(answer.path("isBase64Encoded").booleanValue());
        assertEquals("gzip", answer.path("headers").path("Content-Encoding").asText());
        try (var gzip = new GZIPInputStream(new ByteArrayInputStream(Base64.getDecoder().decode(answer.path("body").asText())))) {
            assertEquals("{\"customer\":{\"id\":207119551},\"orders\":[]}", new String(gzip.readAllBytes(), StandardCharsets.UTF_8));
        }
        var typedAnswer = new ByteArrayOutputStream();
        HttpEventCodec.write(typed, typedAnswer);
        assertEquals(LAMBDA_JSON.readTree(typedAnswer.toByteArray()), answer);
    }
}
