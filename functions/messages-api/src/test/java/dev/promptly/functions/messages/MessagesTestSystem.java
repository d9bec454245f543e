package dev.promptly.functions.messages;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import dev.promptly.app.inbound.MessageIntake;
import dev.promptly.app.inbound.MessagesApi;
import dev.promptly.app.inbound.TeamReplies;
import dev.promptly.app.outbox.MailTransport;
import dev.promptly.app.outbox.OutboxSender;
import dev.promptly.app.sla.AgentActivity;
import dev.promptly.app.webhook.WebhookDelivery;
import dev.promptly.app.webhook.WebhookIntake;
import dev.promptly.aws.dynamodb.DynamoConversationStore;
import dev.promptly.aws.dynamodb.DynamoDataExportStore;
import dev.promptly.aws.dynamodb.DynamoOrderStore;
import dev.promptly.aws.dynamodb.DynamoOutboxStore;
import dev.promptly.aws.dynamodb.DynamoSlaStore;
import dev.promptly.aws.dynamodb.PromptlyTable;
import dev.promptly.config.ConfigParser;
import dev.promptly.config.PromptlyConfig;
import dev.promptly.core.ShopDomain;
import dev.promptly.core.message.MessageSignature;
import dev.promptly.core.outbox.OutboxMessage;
import dev.promptly.core.shopify.ShopifyHmac;
import dev.promptly.dynamodblocal.EmbeddedDynamoDb;
import dev.promptly.log.JsonLog;
import dev.promptly.mail.MailComposer;
import dev.promptly.testing.FaultInjector;
import dev.promptly.testing.MovableClock;
import dev.promptly.testing.QueryOverlap;
import dev.promptly.testing.ReadCounter;
import dev.promptly.mail.smtp.SmtpMailTransport;
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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The real messages handler, intake, stores and outbox sender against one in-process DynamoDB Local per
 * JVM and, per test, a fresh shop, a GreenMail SMTP server and a clock the test moves.
 */
final class MessagesTestSystem implements AutoCloseable {
    static final String TABLE = "promptly-test";
    static final String MESSAGES_SECRET = "test-messages-secret";
    static final String WEBHOOK_SECRET = "test-webhook-secret";
    static final ObjectMapper JSON = new ObjectMapper();
    static final Path EVENTS = Path.of("..", "..", "events");

    private static final EmbeddedDynamoDb DYNAMO = EmbeddedDynamoDb.inMemory(List.of(PromptlyTable.createTableRequest(TABLE)));

    final ShopDomain shop = new ShopDomain("shop-" + UUID.randomUUID().toString().substring(0, 8) + ".myshopify.com");
    final MovableClock clock = new MovableClock(Instant.parse("2026-11-27T16:59:00Z"));
    final FaultInjector faults = new FaultInjector();
    final ReadCounter reads = new ReadCounter();
    final QueryOverlap nameQueries = new QueryOverlap(PromptlyTable.ORDERS_BY_NAME);
    /** The name queries and the sender's order query ({@code SenderStanding}), together. */
    final QueryOverlap orderQueries = new QueryOverlap(PromptlyTable.ORDERS_BY_NAME, PromptlyTable.ORDERS_BY_EMAIL);
    final DynamoDbClient client = DYNAMO.clientBuilder()
            .overrideConfiguration(c -> c.addExecutionInterceptor(faults).addExecutionInterceptor(reads).addExecutionInterceptor(nameQueries)
                    .addExecutionInterceptor(orderQueries))
            .build();
    final DynamoOrderStore orders = new DynamoOrderStore(client, TABLE);
    final DynamoConversationStore conversations = new DynamoConversationStore(client, TABLE);
    final DynamoOutboxStore outbox = new DynamoOutboxStore(client, TABLE);
    final DynamoSlaStore slas = new DynamoSlaStore(client, TABLE);
    /** The conversation events endpoint's use case: the clocks as the team sees them. */
    final AgentActivity agents;
    final ByteArrayOutputStream logs = new ByteArrayOutputStream();
    final GreenMail smtp = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    final MessagesHandler handler;
    final WebhookIntake webhooks;
    final PromptlyConfig config;
    private OutboxSender sender;

    MessagesTestSystem() {
        this("");
    }

    /** @param extraShopSettings JSON members added to the shop's configuration, e.g. a budget */
    MessagesTestSystem(String extraShopSettings) {
        smtp.start();
        config = ConfigParser.parse("""
                {"shops": {"%s": {
                  "name": "Demo Shop", "languages": ["de", "en"], "time_zone": "Europe/Berlin",
                  "support_email": "support@demo-shop.example", "reply_to": "hilfe@demo-shop.example",
                  "secrets": {"shopify_webhook": "literal:%s", "messages": "literal:%s", "agent_token": "literal:t"},
                  "business_hours": {"holidays": {"country": "DE"}, "weekly": {"monday": ["09:00-18:00"], "tuesday": ["09:00-18:00"],
                     "wednesday": ["09:00-18:00"], "thursday": ["09:00-18:00"], "friday": ["09:00-18:00"]}},
                  "sla": {"first_response": "PT4H"}, "handling_time_business_days": 2,
                  "help_links": {"shipping": {"de": "https://demo-shop.example/pages/versand", "en": "https://demo-shop.example/pages/shipping"}}
                  %s
                }}}""".formatted(shop.value(), WEBHOOK_SECRET, MESSAGES_SECRET, extraShopSettings), "test", true);
        JsonLog log = new JsonLog("messages-api", new PrintStream(logs, true, StandardCharsets.UTF_8), clock);
        var intake = MessageIntake.standard(config, conversations, orders, clock, log);
        agents = new AgentActivity(config, ref -> ref.name(), conversations, slas, clock);
        handler = new MessagesHandler(new MessagesApi(intake, ref -> ref.name(), clock,
                Optional.of(new TeamReplies(config, conversations, agents, log))), log);
        webhooks = new WebhookIntake(config, ref -> ref.name(), orders, new DynamoDataExportStore(client, TABLE), conversations,
                new dev.promptly.app.compliance.NoRawMailToErase(), clock);
        useTransport(Optional.of(new SmtpMailTransport("127.0.0.1", smtp.getSmtp().getPort())));
    }

    void useTransport(Optional<MailTransport> transport) {
        sender = new OutboxSender(outbox, transport, new MailComposer(), clock, new JsonLog("outbox-sender", new PrintStream(logs, true, StandardCharsets.UTF_8), clock));
    }

    OutboxSender sender() {
        return sender;
    }

    /** A JSON message body with the given fields over a default German e-mail from Anna. */
    ObjectNode message(String messageId, String text) {
        ObjectNode body = JSON.createObjectNode();
        body.put("shop", shop.value());
        body.put("channel", "email");
        body.put("message_id", messageId);
        body.putObject("from").put("name", "Anna Beispiel").put("email", "anna.beispiel@example.com");
        body.put("subject", "Frage zu meiner Bestellung");
        body.put("text", text);
        body.put("received_at", clock.instant().toString());
        return body;
    }

    APIGatewayV2HTTPResponse post(JsonNode body) {
        String raw = body.toString();
        return post(raw, MessageSignature.sign(MESSAGES_SECRET, raw.getBytes(StandardCharsets.UTF_8)));
    }

    APIGatewayV2HTTPResponse post(String rawBody, String signature) {
        Map<String, String> headers = new HashMap<>();
        headers.put("content-type", "application/json");
        headers.put("x-promptly-shop", shop.value());
        if (signature != null) {
            headers.put("x-promptly-signature", signature);
        }
        return handler.handleRequest(APIGatewayV2HTTPEvent.builder().withHeaders(headers).withBody(rawBody).withIsBase64Encoded(false).build(), null);
    }

    /** Posts and then runs the sender, as the table's stream would. */
    JsonNode postAndSend(JsonNode body) {
        APIGatewayV2HTTPResponse response = post(body);
        if (response.getStatusCode() != 202) {
            throw new AssertionError("expected 202, got " + response.getStatusCode() + " " + response.getBody());
        }
        sender.sweep(100);
        return json(response);
    }

    /** Stores the sample order #1001 of anna.beispiel@example.com through the real webhook intake. */
    void storeSampleOrder() {
        deliverSampleWebhook("orders/create", "orders-create");
    }

    /** Delivers one of {@code events/shopify-bodies} (its shop domain replaced by this test's) as a signed webhook. */
    void deliverSampleWebhook(String topic, String sample) {
        try {
            byte[] body = Files.readString(EVENTS.resolve("shopify-bodies").resolve(sample + ".json"))
                    .replace("demo-shop.myshopify.com", shop.value()).getBytes(StandardCharsets.UTF_8);
            webhooks.accept(new WebhookDelivery(WebhookDelivery.Source.HTTPS, shop.value(), topic, UUID.randomUUID().toString(),
                    ShopifyHmac.sign(WEBHOOK_SECRET, body), body));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Delivers {@code body} as a signed webhook of {@code topic} for this test's shop. */
    void deliverWebhook(String topic, JsonNode body) {
        byte[] raw = body.toString().replace("demo-shop.myshopify.com", shop.value()).getBytes(StandardCharsets.UTF_8);
        webhooks.accept(new WebhookDelivery(WebhookDelivery.Source.HTTPS, shop.value(), topic, UUID.randomUUID().toString(),
                ShopifyHmac.sign(WEBHOOK_SECRET, raw), raw));
    }

    /** A sample body from {@code events/shopify-bodies} to change before delivering. */
    static ObjectNode sample(String name) {
        try {
            return (ObjectNode) JSON.readTree(Files.readString(EVENTS.resolve("shopify-bodies").resolve(name + ".json")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    List<OutboxMessage> outboxMessages() {
        return outbox.list(shop);
    }

    static JsonNode json(APIGatewayV2HTTPResponse response) {
        try {
            return JSON.readTree(response.getBody());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    int storedItems() {
        return client.query(q -> q.tableName(TABLE).keyConditionExpression("pk = :s")
                .expressionAttributeValues(Map.of(":s", AttributeValue.fromS(shop.value())))).count();
    }

    String logText() {
        return logs.toString(StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        faults.clear();
        // The sweep reads every shop's due records: mark this test's leftovers (retries, unsent posts) as
        // captured so that no later test's SMTP server receives them.
        clock.advance(Duration.ofDays(1));
        useTransport(Optional.empty());
        sender.sweep(1000);
        smtp.stop();
        client.close();
    }
}
