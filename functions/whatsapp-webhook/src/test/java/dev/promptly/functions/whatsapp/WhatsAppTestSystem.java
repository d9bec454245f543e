package dev.promptly.functions.whatsapp;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.promptly.app.delay.DelayScan;
import dev.promptly.app.inbound.IntakeResult;
import dev.promptly.app.inbound.MessageIntake;
import dev.promptly.app.inbound.MessagesApi;
import dev.promptly.aws.dynamodb.DynamoDelayStore;
import dev.promptly.app.outbox.OutboxSender;
import dev.promptly.app.whatsapp.WhatsAppChannel;
import dev.promptly.app.whatsapp.WhatsAppMessages;
import dev.promptly.app.whatsapp.WhatsAppOptOut;
import dev.promptly.app.whatsapp.WhatsAppStatuses;
import dev.promptly.aws.dynamodb.DynamoWhatsAppOptOutStore;
import dev.promptly.whatsapp.GraphApiClient;
import java.util.Optional;
import dev.promptly.app.webhook.WebhookDelivery;
import dev.promptly.app.webhook.WebhookIntake;
import dev.promptly.app.whatsapp.WhatsAppWebhook;
import dev.promptly.aws.dynamodb.DynamoConversationStore;
import dev.promptly.aws.dynamodb.DynamoDataExportStore;
import dev.promptly.aws.dynamodb.DynamoOrderStore;
import dev.promptly.aws.dynamodb.DynamoOutboxStore;
import dev.promptly.aws.dynamodb.PromptlyTable;
import dev.promptly.config.ConfigParser;
import dev.promptly.config.PromptlyConfig;
import dev.promptly.core.ShopDomain;
import dev.promptly.core.message.MessageSignature;
import dev.promptly.core.outbox.OutboxMessage;
import dev.promptly.core.shopify.ShopifyHmac;
import dev.promptly.dynamodblocal.EmbeddedDynamoDb;
import dev.promptly.log.JsonLog;
import dev.promptly.testing.MovableClock;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The real WhatsApp webhook handler, message intake and stores against one in-process DynamoDB Local per
 * JVM and, per test, a fresh shop with the example configuration's WhatsApp values and a clock the test moves.
 */
final class WhatsAppTestSystem implements AutoCloseable {
    static final String TABLE = "promptly-test";
    static final String APP_SECRET = "local-whatsapp-app-secret";
    static final String VERIFY_TOKEN = "local-whatsapp-verify-token";
    static final String PHONE_NUMBER_ID = "100000000000001";
    static final String WEBHOOK_SECRET = "test-webhook-secret";
    /** The WhatsApp id of the sample order's customer (+49 30 1234567 on the order). */
    static final String ANNA = "49301234567";
    static final ObjectMapper JSON = new ObjectMapper();
    static final Path EVENTS = Path.of("..", "..", "events");

    private static final EmbeddedDynamoDb DYNAMO = EmbeddedDynamoDb.inMemory(List.of(PromptlyTable.createTableRequest(TABLE)));

    final ShopDomain shop = new ShopDomain("shop-" + UUID.randomUUID().toString().substring(0, 8) + ".myshopify.com");
    final MovableClock clock = new MovableClock(Instant.parse("2026-11-27T10:00:00Z"));
    final DynamoDbClient client = DYNAMO.newClient();
    final DynamoOrderStore orders = new DynamoOrderStore(client, TABLE);
    final DynamoConversationStore conversations = new DynamoConversationStore(client, TABLE);
    final DynamoOutboxStore outbox = new DynamoOutboxStore(client, TABLE);
    final DynamoWhatsAppOptOutStore optOuts = new DynamoWhatsAppOptOutStore(client, TABLE);
    final ByteArrayOutputStream logs = new ByteArrayOutputStream();
    final PromptlyConfig config;
    final WhatsAppWebhookHandler handler;
    private final WebhookIntake webhooks;
    /** {@code POST /messages} over the same intake: mail and relayed messages beside the WhatsApp webhook. */
    private final MessagesApi messagesApi;
    final GraphApiStandIn graphApi = new GraphApiStandIn();
    /** The outbox sender with the WhatsApp channel to the stand-in, as the outbox functions are wired. */
    final OutboxSender sender;
    private int sequence;

    WhatsAppTestSystem() {
        this("");
    }

    /** @param whatsappExtras JSON members added to the shop's {@code whatsapp} block, e.g. a delay template */
    WhatsAppTestSystem(String whatsappExtras) {
        this(whatsappExtras, "");
    }

    /**
     * @param whatsappExtras JSON members added to the shop's {@code whatsapp} block, e.g. a delay template
     * @param shopExtras     JSON members added to the shop, e.g. {@code , "auto_reply_budget": {...}}
     */
    WhatsAppTestSystem(String whatsappExtras, String shopExtras) {
        config = ConfigParser.parse("""
                {"shops": {"%s": {
                  "name": "Demo Shop", "languages": ["de", "en"], "time_zone": "Europe/Berlin",
                  "support_email": "support@demo-shop.example",
                  "secrets": {"shopify_webhook": "literal:%s", "messages": "literal:m", "agent_token": "literal:t"},
                  "business_hours": {"holidays": {"country": "DE"}, "weekly": {"monday": ["09:00-18:00"], "tuesday": ["09:00-18:00"],
                     "wednesday": ["09:00-18:00"], "thursday": ["09:00-18:00"], "friday": ["09:00-18:00"]}},
                  "sla": {"first_response": "PT4H"}, "handling_time_business_days": 2,
                  "whatsapp": {"phone_number_id": "%s", "app_secret": "literal:%s", "access_token": "literal:test-access-token",
                               "verify_token": "literal:%s" %s} %s
                }}}""".formatted(shop.value(), WEBHOOK_SECRET, PHONE_NUMBER_ID, APP_SECRET, VERIFY_TOKEN, whatsappExtras, shopExtras),
                "test", true);
        JsonLog log = new JsonLog("whatsapp-webhook", new PrintStream(logs, true, StandardCharsets.UTF_8), clock);
        var intake = MessageIntake.standard(config, conversations, orders, clock, log);
        handler = new WhatsAppWebhookHandler(new WhatsAppWebhook(intake, ref -> ref.name(), optOuts, outbox, clock, log), log);
        messagesApi = new MessagesApi(intake, ref -> ref.name(), clock);
        var channel = new WhatsAppChannel(config, ref -> ref.name(), Optional.of(new GraphApiClient(graphApi.url())), clock);
        sender = new OutboxSender(outbox, Optional.empty(), message -> {
            throw new AssertionError("no mail in these tests");
        }, Map.of(WhatsAppMessages.CHANNEL, channel), clock, log, new WhatsAppOptOut(optOuts), new WhatsAppStatuses(outbox, clock));
        webhooks = new WebhookIntake(config, ref -> ref.name(), orders, new DynamoDataExportStore(client, TABLE), conversations,
                new dev.promptly.app.compliance.NoRawMailToErase(), clock);
    }

    // --- Meta's requests -------------------------------------------------------------------------

    APIGatewayV2HTTPResponse verify(String shopPath, Map<String, String> query) {
        return handler.handleRequest(request("GET", shopPath).withQueryStringParameters(query).build(), null);
    }

    APIGatewayV2HTTPResponse post(String rawBody, String signature) {
        Map<String, String> headers = new HashMap<>();
        headers.put("content-type", "application/json");
        if (signature != null) {
            headers.put("x-hub-signature-256", signature);
        }
        return handler.handleRequest(request("POST", shop.value()).withHeaders(headers).withBody(rawBody).withIsBase64Encoded(false).build(), null);
    }

    /** Posts {@code notification} signed with the app secret. */
    APIGatewayV2HTTPResponse post(JsonNode notification) {
        String raw = notification.toString();
        return post(raw, MessageSignature.sign(APP_SECRET, raw.getBytes(StandardCharsets.UTF_8)));
    }

    private static APIGatewayV2HTTPEvent.APIGatewayV2HTTPEventBuilder request(String method, String shopPath) {
        var http = APIGatewayV2HTTPEvent.RequestContext.Http.builder().withMethod(method).withPath("/whatsapp/" + shopPath).build();
        return APIGatewayV2HTTPEvent.builder().withRawPath("/whatsapp/" + shopPath)
                .withPathParameters(Map.of("shop", shopPath))
                .withRequestContext(APIGatewayV2HTTPEvent.RequestContext.builder().withHttp(http).build());
    }

    // --- Notifications shaped as Meta documents them -------------------------------------------------

    /** A notification with one message from {@code waId} (its profile name Anna), of {@code type} with {@code content}. */
    ObjectNode notification(String waId, String messageId, String type, ObjectNode content) {
        ObjectNode value = envelope(PHONE_NUMBER_ID);
        value.putArray("contacts").addObject().put("wa_id", waId).putObject("profile").put("name", "Anna");
        ObjectNode message = value.putArray("messages").addObject()
                .put("from", waId).put("id", messageId).put("timestamp", String.valueOf(clock.instant().getEpochSecond())).put("type", type);
        if (content != null) {
            message.set(type, content);
        }
        return root(value);
    }

    ObjectNode text(String waId, String messageId, String body) {
        return notification(waId, messageId, "text", JSON.createObjectNode().put("body", body));
    }

    /**
     * A notification with one delivery status of a message the shop sent to Anna, shaped as documented at
     * https://developers.facebook.com/documentation/business-messaging/whatsapp/webhooks/reference/messages/status/ ;
     * {@code errorCode} only for {@code failed}.
     */
    ObjectNode status(String wamid, String status, Integer errorCode) {
        ObjectNode value = envelope(PHONE_NUMBER_ID);
        ObjectNode item = value.putArray("statuses").addObject().put("id", wamid).put("status", status)
                .put("timestamp", String.valueOf(clock.instant().getEpochSecond())).put("recipient_id", ANNA);
        if (errorCode != null) {
            item.putArray("errors").addObject().put("code", errorCode).put("title", "Message failed to send")
                    .putObject("error_data").put("details", "Message failed to send");
        }
        return root(value);
    }

    /** Posts {@code body} to {@code POST /messages} as the shop's relay would, signed with its messages secret. */
    IntakeResult relay(ObjectNode body) {
        byte[] raw = body.toString().getBytes(StandardCharsets.UTF_8);
        return messagesApi.accept(shop.value(), MessageSignature.sign("m", raw), raw);
    }

    /** Sends every due WhatsApp record through the outbox sender to the Graph API stand-in (mail stays queued). */
    void sendWhatsAppMessages() {
        outboxMessages().stream().filter(m -> WhatsAppMessages.CHANNEL.equals(m.channel()))
                .forEach(m -> sender.deliver(shop, m.id()));
    }

    /** Anna asks where her shipped order is; returns the answer queued for her. */
    OutboxMessage annaAsksWhereHerOrderIs() {
        storeShippedSampleOrder();
        String id = wamid();
        post(text(ANNA, id, "Hallo, wo bleibt meine Bestellung?"));
        String conversation = conversations.conversationOfMessage(shop, id).orElseThrow().value();
        return outboxMessages().stream().filter(m -> conversation.equals(m.conversationId())).findFirst().orElseThrow();
    }

    /** A fresh message id shaped like WhatsApp's. */
    String wamid() {
        return "wamid.HBgLNDkzMDEyMzQ1NjcVAgASGBQz" + shop.value().substring(5, 13) + (++sequence);
    }

    /** The {@code value} of a {@code messages} change for {@code phoneNumberId}. */
    static ObjectNode envelope(String phoneNumberId) {
        ObjectNode value = JSON.createObjectNode().put("messaging_product", "whatsapp");
        value.putObject("metadata").put("display_phone_number", "4930555000").put("phone_number_id", phoneNumberId);
        return value;
    }

    static ObjectNode root(ObjectNode value) {
        ObjectNode root = JSON.createObjectNode().put("object", "whatsapp_business_account");
        ArrayNode changes = root.putArray("entry").addObject().put("id", "102290129340398").putArray("changes");
        changes.addObject().put("field", "messages").set("value", value);
        return root;
    }

    // --- The shop's orders ---------------------------------------------------------------------------

    /** Stores the sample order #1001 (phone +49 30 1234567, e-mail anna.beispiel@example.com), not shipped. */
    void storeUnshippedSampleOrder() {
        deliverSample("orders/create", "orders-create");
    }

    /** One run of the delay scan over this test's stores and clock. */
    dev.promptly.app.delay.DelayScanReport scanForDelays() {
        return DelayScan.standard(config, orders, conversations, new DynamoDelayStore(client, TABLE), clock,
                new JsonLog("delay-scan", new PrintStream(logs, true, StandardCharsets.UTF_8), clock)).run(100, () -> true);
    }

    /** Stores the sample order #1001 (phone +49 30 1234567) and its DHL fulfilment through the real webhook intake. */
    void storeShippedSampleOrder() {
        deliverSample("orders/create", "orders-create");
        deliverSample("fulfillments/create", "fulfillments-create");
    }

    /** Delivers the sample customers/redact for Anna (e-mail anna.beispiel@example.com, phone +49 30 1234567). */
    void deliverCustomersRedact() {
        deliverSample("customers/redact", "customers-redact");
    }

    private void deliverSample(String topic, String sample) {
        try {
            byte[] body = Files.readString(EVENTS.resolve("shopify-bodies").resolve(sample + ".json"))
                    .replace("demo-shop.myshopify.com", shop.value()).getBytes(StandardCharsets.UTF_8);
            webhooks.accept(new WebhookDelivery(WebhookDelivery.Source.HTTPS, shop.value(), topic, UUID.randomUUID().toString(),
                    ShopifyHmac.sign(WEBHOOK_SECRET, body), body));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // --- What is stored ------------------------------------------------------------------------------

    List<OutboxMessage> outboxMessages() {
        return outbox.list(shop);
    }

    int storedItems() {
        return client.query(q -> q.tableName(TABLE).keyConditionExpression("pk = :s")
                .expressionAttributeValues(Map.of(":s", AttributeValue.fromS(shop.value())))).count();
    }

    static JsonNode json(APIGatewayV2HTTPResponse response) {
        try {
            return JSON.readTree(response.getBody());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String logText() {
        return logs.toString(StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        graphApi.close();
        client.close();
    }
}
