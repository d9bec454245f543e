package dev.promptly.functions.delay;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import dev.promptly.app.delay.DelayNoticeCheck;
import dev.promptly.app.delay.DelayScan;
import dev.promptly.app.delay.DelayScanReport;
import dev.promptly.app.inbound.IntakeResult;
import dev.promptly.app.inbound.MessageIntake;
import dev.promptly.app.inbound.MessagesApi;
import dev.promptly.app.outbox.MailTransport;
import dev.promptly.app.outbox.OutboxSender;
import dev.promptly.app.webhook.WebhookDelivery;
import dev.promptly.app.webhook.WebhookIntake;
import dev.promptly.aws.dynamodb.DynamoConversationStore;
import dev.promptly.aws.dynamodb.DynamoDataExportStore;
import dev.promptly.aws.dynamodb.DynamoDelayStore;
import dev.promptly.aws.dynamodb.DynamoOrderStore;
import dev.promptly.aws.dynamodb.DynamoOutboxStore;
import dev.promptly.aws.dynamodb.PromptlyTable;
import dev.promptly.config.ConfigParser;
import dev.promptly.config.PromptlyConfig;
import dev.promptly.core.ShopDomain;
import dev.promptly.core.message.MessageSignature;
import dev.promptly.core.outbox.OutboxKind;
import dev.promptly.core.outbox.OutboxMessage;
import dev.promptly.core.shopify.ShopifyHmac;
import dev.promptly.dynamodblocal.EmbeddedDynamoDb;
import dev.promptly.log.JsonLog;
import dev.promptly.mail.MailComposer;
import dev.promptly.testing.MovableClock;
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
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The real webhook intake, message intake, delay scan and outbox sender against one in-process
 * DynamoDB Local per JVM and, per test, a fresh shop (its own configuration, so other tests' orders
 * left in the shared index are taken out of it as orders of an unknown shop), a GreenMail SMTP server
 * and a clock the test moves.
 *
 * <p>The shop: Berlin, Monday to Friday 09:00–18:00 with German public holidays, shipping within two
 * business days, notices 08:00–20:00, US customers reading that window in New York time.
 */
final class DelayScanTestSystem implements AutoCloseable {
    static final String TABLE = "promptly-delay-test";
    static final String WEBHOOK_SECRET = "test-webhook-secret";
    static final String MESSAGES_SECRET = "test-messages-secret";
    static final ObjectMapper JSON = new ObjectMapper();
    static final Path EVENTS = Path.of("..", "..", "events");
    static final EmbeddedDynamoDb DYNAMO = EmbeddedDynamoDb.inMemory(List.of(PromptlyTable.createTableRequest(TABLE)));

    final ShopDomain shop = new ShopDomain("shop-" + UUID.randomUUID().toString().substring(0, 8) + ".myshopify.com");
    final MovableClock clock = new MovableClock(Instant.parse("2026-11-23T08:15:00Z"));
    final String table;
    final DynamoDbClient client;
    final DynamoOrderStore orders;
    final DynamoConversationStore conversations;
    final DynamoOutboxStore outbox;
    final DynamoDelayStore delays;
    final ByteArrayOutputStream logs = new ByteArrayOutputStream();
    final GreenMail smtp = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    final PromptlyConfig config;
    final WebhookIntake webhooks;
    final MessagesApi messages;
    final DelayScanHandler handler;
    private OutboxSender sender;

    DelayScanTestSystem() {
        this("");
    }

    /** @param delayNoticeSettings JSON members added to the shop's {@code delay_notices} block */
    DelayScanTestSystem(String delayNoticeSettings) {
        this(TABLE, DYNAMO.newClient(), delayNoticeSettings);
    }

    /** On {@code table} through {@code client}, e.g. a table of its own and a client that counts reads. */
    DelayScanTestSystem(String table, DynamoDbClient client, String delayNoticeSettings) {
        this.table = table;
        this.client = client;
        orders = new DynamoOrderStore(client, table);
        conversations = new DynamoConversationStore(client, table);
        outbox = new DynamoOutboxStore(client, table);
        delays = new DynamoDelayStore(client, table);
        smtp.start();
        config = configWith(delayNoticeSettings);
        JsonLog log = log("delay-scan");
        webhooks = new WebhookIntake(config, ref -> ref.name(), orders, new DynamoDataExportStore(client, table), conversations,
                new dev.promptly.app.compliance.NoRawMailToErase(), clock);
        messages = new MessagesApi(MessageIntake.standard(config, conversations, orders, clock, log("messages-api")), ref -> ref.name(), clock);
        handler = new DelayScanHandler(newScan(), delays, clock, log);
        useTransport(Optional.of(new SmtpMailTransport("127.0.0.1", smtp.getSmtp().getPort())));
    }

    /** This shop's configuration with {@code delayNoticeSettings} added to its {@code delay_notices} block. */
    PromptlyConfig configWith(String delayNoticeSettings) {
        return ConfigParser.parse("""
                {"shops": {"%s": {
                  "name": "Demo Shop", "languages": ["de", "en"], "time_zone": "Europe/Berlin",
                  "support_email": "support@demo-shop.example", "reply_to": "hilfe@demo-shop.example",
                  "secrets": {"shopify_webhook": "literal:%s", "messages": "literal:%s", "agent_token": "literal:t"},
                  "business_hours": {"holidays": {"country": "DE"}, "weekly": {"monday": ["09:00-18:00"], "tuesday": ["09:00-18:00"],
                     "wednesday": ["09:00-18:00"], "thursday": ["09:00-18:00"], "friday": ["09:00-18:00"]}},
                  "sla": {"first_response": "PT4H"}, "handling_time_business_days": 2,
                  "help_links": {"shipping": {"de": "https://demo-shop.example/pages/versand", "en": "https://demo-shop.example/pages/shipping"}},
                  "delay_notices": {"send_window": "08:00-20:00", "repeat_after_days": 7,
                     "customer_time_zones": {"US": "America/New_York"} %s}
                }}}""".formatted(shop.value(), WEBHOOK_SECRET, MESSAGES_SECRET, delayNoticeSettings), "test", true);
    }

    /** A scan of this table with another configuration. */
    DelayScan scanWithConfig(PromptlyConfig other) {
        return DelayScan.standard(other, orders, conversations, delays, clock, log("delay-scan"));
    }

    /** A second scan over the same table, as an overlapping run in another container would be. */
    DelayScan newScan() {
        return newScan(clock);
    }

    /** An overlapping run whose container clock differs from this one's. */
    DelayScan newScan(Clock itsClock) {
        return DelayScan.standard(config, orders, conversations, delays, itsClock, log("delay-scan"));
    }

    JsonLog log(String function) {
        return new JsonLog(function, new PrintStream(logs, true, StandardCharsets.UTF_8), clock);
    }

    void useTransport(Optional<MailTransport> transport) {
        sender = new OutboxSender(outbox, transport, new MailComposer(), clock, log("outbox-sender"), new DelayNoticeCheck(config, orders, clock));
    }

    OutboxSender sender() {
        return sender;
    }

    /** One scheduled run through the handler, as EventBridge invokes it. */
    JsonNode scan() {
        return invoke("{\"source\": \"aws.events\", \"detail-type\": \"Scheduled Event\", \"detail\": {}}");
    }

    JsonNode invoke(String event) {
        var out = new ByteArrayOutputStream();
        try {
            handler.handleRequest(new java.io.ByteArrayInputStream(event.getBytes(StandardCharsets.UTF_8)), out, null);
            return JSON.readTree(out.toByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    DelayScanReport scanWith(DelayScan scan) {
        return scan.run(2_000, () -> true);
    }

    /**
     * Stores an order through the real webhook intake: the sample order #1001 of Anna (German locale, to
     * Berlin), placed Monday 23 November 2026 09:15 Berlin time, with {@code id}, {@code name} and the
     * given changes.
     */
    ObjectNode order(long id, String name) {
        ObjectNode body = sample("orders-create");
        body.put("id", id).put("name", name);
        body.put("admin_graphql_api_id", "gid://shopify/Order/" + id);
        return body;
    }

    void deliver(String topic, JsonNode body) {
        byte[] raw = body.toString().getBytes(StandardCharsets.UTF_8);
        webhooks.accept(new WebhookDelivery(WebhookDelivery.Source.HTTPS, shop.value(), topic, UUID.randomUUID().toString(),
                ShopifyHmac.sign(WEBHOOK_SECRET, raw), raw));
    }

    /** Posts a signed customer message from {@code email} through the messages API. */
    IntakeResult customerWrites(String email, String subject, String text) {
        ObjectNode body = JSON.createObjectNode();
        body.put("channel", "email");
        body.put("message_id", UUID.randomUUID() + "@mail.example.com");
        body.putObject("from").put("name", "Anna Beispiel").put("email", email);
        body.put("subject", subject);
        body.put("text", text);
        body.put("received_at", clock.instant().toString());
        byte[] raw = body.toString().getBytes(StandardCharsets.UTF_8);
        return messages.accept(shop.value(), MessageSignature.sign(MESSAGES_SECRET, raw), raw);
    }

    static ObjectNode sample(String name) {
        try {
            return (ObjectNode) JSON.readTree(Files.readString(EVENTS.resolve("shopify-bodies").resolve(name + ".json")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    List<OutboxMessage> outbox(OutboxKind kind) {
        return outbox.list(shop).stream().filter(m -> m.kind() == kind).toList();
    }

    /** The order's next delay check as stored in the sparse index, or null when it is out of it. */
    String delayDueAt(long orderId) {
        var item = client.getItem(r -> r.tableName(table).key(Map.of("pk", AttributeValue.fromS(shop.value()),
                "sk", AttributeValue.fromS("ORDER#" + orderId)))).item();
        return item.containsKey(PromptlyTable.DELAY_DUE_AT) ? item.get(PromptlyTable.DELAY_DUE_AT).s() : null;
    }

    String logText() {
        return logs.toString(StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        // The sweep reads every shop's due records: capture this test's leftovers so that no later test's
        // SMTP server receives them.
        clock.advance(Duration.ofDays(30));
        useTransport(Optional.empty());
        sender.sweep(1000);
        smtp.stop();
        client.close();
    }
}
