package dev.promptly.functions.webhook;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.promptly.app.webhook.WebhookIntake;
import dev.promptly.aws.dynamodb.DynamoDataExportStore;
import dev.promptly.aws.dynamodb.DynamoOrderStore;
import dev.promptly.aws.dynamodb.PromptlyTable;
import dev.promptly.config.CachingSecretResolver;
import dev.promptly.config.ConfigParser;
import dev.promptly.config.PromptlyConfig;
import dev.promptly.core.ShopDomain;
import dev.promptly.core.shopify.ShopifyHmac;
import dev.promptly.dynamodblocal.EmbeddedDynamoDb;
import dev.promptly.log.JsonLog;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import dev.promptly.testing.FaultInjector;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * One DynamoDB Local per test JVM, and per test a fresh shop so tests never see each other's data. The
 * handler under test is the real one, wired to the real use case and stores.
 */
final class WebhookTestSystem {
    static final String TABLE = "promptly-test";
    static final String SECRET = "test-webhook-secret";
    static final String PREVIOUS_SECRET = "test-previous-secret";
    static final ObjectMapper JSON = new ObjectMapper();
    static final Path EVENTS = Path.of("..", "..", "events");

    private static final EmbeddedDynamoDb DYNAMO = EmbeddedDynamoDb.inMemory(List.of(PromptlyTable.createTableRequest(TABLE)));

    final ShopDomain shop = new ShopDomain("shop-" + UUID.randomUUID().toString().substring(0, 8) + ".myshopify.com");
    final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();
    /** An action run once before the next call of an operation (e.g. another writer landing in between). */
    final Map<String, Runnable> onceBefore = new ConcurrentHashMap<>();
    final FaultInjector faults = new FaultInjector();
    final DynamoDbClient client = DYNAMO.clientBuilder()
            .overrideConfiguration(o -> o.addExecutionInterceptor(faults).addExecutionInterceptor(new ExecutionInterceptor() {
                @Override
                public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
                    Runnable action = onceBefore.remove(attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME));
                    if (action != null) {
                        action.run();
                    }
                }

                @Override
                public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
                    calls.computeIfAbsent(attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME), k -> new AtomicInteger()).incrementAndGet();
                }
            })).build();
    final DynamoOrderStore orders = new DynamoOrderStore(client, TABLE);
    final DynamoDataExportStore exports = new DynamoDataExportStore(client, TABLE);
    final dev.promptly.aws.dynamodb.DynamoConversationStore conversations = new dev.promptly.aws.dynamodb.DynamoConversationStore(client, TABLE);
    final ByteArrayOutputStream logs = new ByteArrayOutputStream();
    /** Just after the samples were written, so no outcome depends on the day the suite runs. */
    final Clock clock = Clock.fixed(Instant.parse("2026-11-25T12:00:00Z"), ZoneOffset.UTC);
    final WebhookIntake intake;
    final ShopifyWebhookHandler handler;

    WebhookTestSystem() {
        this(List.of());
    }

    /** @param extraShops further shop domains configured with the same secrets (e.g. the samples' shop) */
    WebhookTestSystem(List<String> extraShops) {
        StringBuilder shops = new StringBuilder(shopJson(shop.value()));
        extraShops.forEach(s -> shops.append(",").append(shopJson(s)));
        PromptlyConfig config = ConfigParser.parse("{\"shops\":{" + shops + "}}", "test", true);
        intake = new WebhookIntake(config, new CachingSecretResolver(ref -> {
            throw new AssertionError("only literal secrets in tests");
        }, clock, Duration.ofMinutes(1)), orders, exports, conversations, new dev.promptly.app.compliance.NoRawMailToErase(), clock);
        handler = new ShopifyWebhookHandler(intake, new JsonLog("shopify-webhook", new PrintStream(logs, true, StandardCharsets.UTF_8), clock));
    }

    private static String shopJson(String domain) {
        return """
                "%s": {
                  "languages": ["de", "en"], "time_zone": "Europe/Berlin", "support_email": "support@example.com",
                  "secrets": {"shopify_webhook": "literal:%s", "shopify_webhook_previous": "literal:%s",
                              "messages": "literal:m", "agent_token": "literal:t"},
                  "business_hours": {"holidays": {"country": "DE"}, "weekly": {"monday": ["09:00-18:00"]}},
                  "sla": {"first_response": "PT4H"}, "handling_time_business_days": 2
                }""".formatted(domain, SECRET, PREVIOUS_SECRET);
    }

    static ObjectNode body(String sample) {
        try {
            return (ObjectNode) JSON.readTree(Files.readString(EVENTS.resolve("shopify-bodies").resolve(sample + ".json")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    APIGatewayV2HTTPEvent signed(String topic, JsonNode body, String webhookId) {
        String raw = body.toString();
        return event(topic, raw, webhookId, ShopifyHmac.sign(SECRET, raw.getBytes(StandardCharsets.UTF_8)));
    }

    APIGatewayV2HTTPEvent event(String topic, String rawBody, String webhookId, String hmac) {
        Map<String, String> headers = new HashMap<>();
        headers.put("content-type", "application/json");
        headers.put("x-shopify-shop-domain", shop.value());
        if (topic != null) {
            headers.put("x-shopify-topic", topic);
        }
        if (webhookId != null) {
            headers.put("x-shopify-webhook-id", webhookId);
        }
        if (hmac != null) {
            headers.put("x-shopify-hmac-sha256", hmac);
        }
        return APIGatewayV2HTTPEvent.builder().withHeaders(headers).withBody(rawBody).withIsBase64Encoded(false).build();
    }

    APIGatewayV2HTTPResponse deliver(String topic, JsonNode body, String webhookId) {
        return handler.handleRequest(signed(topic, body, webhookId), null);
    }

    JsonNode json(APIGatewayV2HTTPResponse response) {
        try {
            return JSON.readTree(response.getBody());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Items stored for this test's shop: its whole partition. */
    int storedItems() {
        return client.query(q -> q.tableName(TABLE).keyConditionExpression("pk = :s")
                .expressionAttributeValues(Map.of(":s", software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS(shop.value()))))
                .count();
    }

    int writeCalls() {
        return count("PutItem") + count("TransactWriteItems") + count("UpdateItem") + count("DeleteItem") + count("BatchWriteItem");
    }

    int count(String operation) {
        return calls.getOrDefault(operation, new AtomicInteger()).get();
    }
}
