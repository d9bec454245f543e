package dev.promptly.bench;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.promptly.alert.slack.SlackAlertFormat;
import dev.promptly.app.compliance.DataExportLookup;
import dev.promptly.app.delay.DelayNoticeCheck;
import dev.promptly.app.delay.DelayScan;
import dev.promptly.app.inbound.EmailIntake;
import dev.promptly.app.inbound.MessageIntake;
import dev.promptly.app.inbound.MessagesApi;
import dev.promptly.app.outbox.OutboxSender;
import dev.promptly.app.webhook.WebhookIntake;
import dev.promptly.aws.AwsClients;
import dev.promptly.aws.dynamodb.DynamoConversationStore;
import dev.promptly.aws.dynamodb.DynamoDataExportStore;
import dev.promptly.aws.dynamodb.DynamoDelayStore;
import dev.promptly.aws.dynamodb.DynamoOrderStore;
import dev.promptly.aws.dynamodb.DynamoOutboxStore;
import dev.promptly.aws.http.SignedHttp;
import dev.promptly.aws.s3.S3ObjectReader;
import dev.promptly.aws.ses.SesMailTransport;
import dev.promptly.config.PromptlyConfig;
import dev.promptly.functions.delay.DelayScanHandler;
import dev.promptly.functions.email.SesEmailHandler;
import dev.promptly.functions.export.DataExportHandler;
import dev.promptly.functions.messages.MessagesHandler;
import dev.promptly.functions.outbox.OutboxStreamHandler;
import dev.promptly.functions.outbox.OutboxSweepHandler;
import dev.promptly.functions.webhook.ShopifyEventBridgeHandler;
import dev.promptly.functions.webhook.ShopifyWebhookHandler;
import dev.promptly.app.sla.AgentActivity;
import dev.promptly.app.sla.SlaMonitor;
import dev.promptly.aws.dynamodb.DynamoSlaStore;
import dev.promptly.functions.events.ConversationEventsHandler;
import dev.promptly.functions.sla.SlaMonitorHandler;
import dev.promptly.functions.helpdesk.HelpdeskEventsHandler;
import dev.promptly.functions.kpi.KpiRollupHandler;
import dev.promptly.functions.whatsapp.WhatsAppWebhookHandler;
import dev.promptly.wiring.Deployment;
import dev.promptly.log.JsonLog;
import dev.promptly.mail.MailComposer;
import dev.promptly.mail.MimeMailParser;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;

/**
 * Every function's handler built in this JVM the way the local runner builds them (public constructors,
 * one configuration, one DynamoDB client), against DynamoDB Local and {@link FakeAws}. The DynamoDB
 * client carries {@link DynamoAccounting}. Logs go through the real {@link JsonLog} into a sink, so
 * formatting is paid for but nothing is printed.
 */
final class BenchSystem {
    static final ObjectMapper LAMBDA_JSON = new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    final String table;
    final DynamoDbClient client;
    final ShopifyWebhookHandler webhook;
    final ShopifyEventBridgeHandler eventBridge;
    final DataExportHandler export;
    final MessagesHandler messages;
    final SesEmailHandler email;
    final OutboxStreamHandler outboxStream;
    final OutboxSweepHandler outboxSweep;
    final DelayScanHandler delayScan;
    final ConversationEventsHandler conversationEvents;
    final SlaMonitorHandler slaMonitor;
    /** The functions wired through {@link Deployment}, as their no-argument constructors wire them in Lambda. */
    final Deployment deployment;
    final HelpdeskEventsHandler helpdeskEvents;
    final WhatsAppWebhookHandler whatsApp;
    final KpiRollupHandler kpiRollup;
    private final PromptlyConfig config;
    private final DynamoOrderStore orders;
    private final DynamoConversationStore conversations;
    private final dev.promptly.config.SecretResolver secrets;
    private final JsonLog log;
    private final Clock clock;

    BenchSystem(DynamoDbClient client, String table, PromptlyConfig config, FakeAws aws, Clock clock) {
        this.client = client;
        this.table = table;
        var secrets = new AwsClients(false).cachedSecrets(clock);
        var orders = new DynamoOrderStore(client, table);
        var conversations = new DynamoConversationStore(client, table);
        var exports = new DynamoDataExportStore(client, table);
        var delays = new DynamoDelayStore(client, table);
        var log = new JsonLog("bench", new PrintStream(OutputStream.nullOutputStream(), false, StandardCharsets.UTF_8), clock);
        var webhooks = new WebhookIntake(config, secrets, orders, exports, conversations,
                new dev.promptly.app.compliance.NoRawMailToErase(), clock);
        this.webhook = new ShopifyWebhookHandler(webhooks, log);
        this.eventBridge = new ShopifyEventBridgeHandler(webhooks, log);
        this.export = new DataExportHandler(new DataExportLookup(config, secrets, exports, clock), log);
        this.messages = new MessagesHandler(new MessagesApi(MessageIntake.standard(config, conversations, orders, clock, log), secrets, clock), log);
        var signed = new SignedHttp(UrlConnectionHttpClient.create(),
                StaticCredentialsProvider.create(AwsBasicCredentials.create("bench", "bench")), Region.EU_CENTRAL_1);
        Map<String, String> endpoints = Map.of("AWS_ENDPOINT_URL_S3", aws.endpoint().toString(),
                "AWS_ENDPOINT_URL_SESV2", aws.endpoint().toString());
        var s3 = new S3ObjectReader(signed, endpoints);
        this.email = new SesEmailHandler(new EmailIntake(MessageIntake.standard(config, conversations, orders, clock, log),
                id -> s3.read(FakeAws.BUCKET, FakeAws.PREFIX + id), new MimeMailParser(), log), log);
        var sender = new OutboxSender(new DynamoOutboxStore(client, table), Optional.of(new SesMailTransport(signed, endpoints, null)),
                new MailComposer(), clock, log, new DelayNoticeCheck(config, orders, clock));
        this.outboxStream = new OutboxStreamHandler(sender, log);
        this.outboxSweep = new OutboxSweepHandler(sender, log);
        this.delayScan = new DelayScanHandler(DelayScan.standard(config, orders, conversations, delays, clock, log), delays, clock, log);
        var sla = new DynamoSlaStore(client, table);
        this.conversationEvents = new ConversationEventsHandler(new AgentActivity(config, secrets, conversations, sla, clock), log);
        this.slaMonitor = new SlaMonitorHandler(new SlaMonitor(config, conversations, sla, new SlackAlertFormat(), clock, log));
        // No mail transport or alert channels: these functions only queue outbox records, which the checks read.
        this.deployment = Deployment.builder().dynamoDb(client, table).config(config).secrets(secrets).clock(clock).logs(name -> log)
                .mailTransport(Optional::empty).alertChannels(Map::of).build();
        this.helpdeskEvents = new HelpdeskEventsHandler(deployment);
        this.whatsApp = new WhatsAppWebhookHandler(deployment);
        this.kpiRollup = new KpiRollupHandler(deployment);
        this.config = config;
        this.orders = orders;
        this.conversations = conversations;
        this.secrets = secrets;
        this.log = log;
        this.clock = clock;
    }

    /**
     * {@code POST /messages} asking {@code adminApi} for orders not stored, wired as deployed (ShopifyAdminParts:
     * 1.5 s per call, no retry), for the added latency of a live lookup.
     */
    MessagesHandler messagesWithAdminLookups(AdminApiStandIn adminApi) {
        var live = new dev.promptly.app.shopify.LiveOrderLookup(config,
                dev.promptly.shopify.admin.ShopifyAdminClient.create(config, secrets, adminApi.origin(), java.time.Duration.ofMillis(1500),
                        java.time.Duration.ZERO, clock),
                new dev.promptly.aws.dynamodb.DynamoAdminLookupCache(client, table), new dev.promptly.app.shopify.AdminOrderWriter(orders, clock),
                clock, log);
        return new MessagesHandler(new MessagesApi(MessageIntake.standard(config, conversations, orders, clock, log, live), secrets, clock), log);
    }

    static APIGatewayV2HTTPEvent httpEvent(JsonNode event) {
        return LAMBDA_JSON.convertValue(event, APIGatewayV2HTTPEvent.class);
    }

    /** Invokes a stream handler the way Lambda does and returns its answer. */
    static String stream(com.amazonaws.services.lambda.runtime.RequestStreamHandler handler, byte[] event) {
        var out = new ByteArrayOutputStream();
        try {
            handler.handleRequest(new ByteArrayInputStream(event), out, null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    static void expectStatus(APIGatewayV2HTTPResponse response, int status, String what) {
        if (response.getStatusCode() != status) {
            throw new IllegalStateException(what + ": expected HTTP " + status + ", got " + response.getStatusCode() + " " + response.getBody());
        }
    }

    /** The shop's outbox items' sort keys, read directly (not through the handlers, not counted as theirs). */
    List<String> outboxKeys(String shop) {
        List<String> keys = new ArrayList<>();
        Map<String, AttributeValue> start = null;
        do {
            var page = client.query(QueryRequest.builder().tableName(table)
                    .keyConditionExpression("pk = :pk AND begins_with(sk, :prefix)")
                    .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(shop), ":prefix", AttributeValue.fromS("OUTBOX#")))
                    .projectionExpression("sk").exclusiveStartKey(start).build());
            page.items().forEach(item -> keys.add(item.get("sk").s()));
            start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (start != null);
        return keys;
    }
}
