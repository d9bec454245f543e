package dev.promptly.app.sla;

import dev.promptly.alert.slack.SlackAlertFormat;
import dev.promptly.app.inbound.IntakeResult;
import dev.promptly.app.inbound.MessageIntake;
import dev.promptly.aws.dynamodb.DynamoConversationStore;
import dev.promptly.aws.dynamodb.DynamoOrderStore;
import dev.promptly.aws.dynamodb.DynamoOutboxStore;
import dev.promptly.aws.dynamodb.DynamoSlaStore;
import dev.promptly.aws.dynamodb.PromptlyTable;
import dev.promptly.config.ConfigParser;
import dev.promptly.config.PromptlyConfig;
import dev.promptly.core.ShopDomain;
import dev.promptly.core.message.Channel;
import dev.promptly.core.message.ConversationId;
import dev.promptly.core.message.InboundMessage;
import dev.promptly.core.message.Sender;
import dev.promptly.core.outbox.OutboxKind;
import dev.promptly.core.outbox.OutboxMessage;
import dev.promptly.dynamodblocal.EmbeddedDynamoDb;
import dev.promptly.log.JsonLog;
import dev.promptly.testing.MovableClock;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The intake, the agent activity use case and the SLA monitor against one in-process DynamoDB Local per
 * JVM, with a fresh shop per test (Europe/Berlin, weekdays 09:00-18:00) and a clock the test moves.
 */
final class SlaTestSystem {
    static final String TABLE = "promptly-sla-test";
    static final String TOKEN = "agent-token-for-tests";
    static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    static final EmbeddedDynamoDb DYNAMO = EmbeddedDynamoDb.inMemory(List.of(PromptlyTable.createTableRequest(TABLE),
            PromptlyTable.createTableRequest(TABLE + "-small"), PromptlyTable.createTableRequest(TABLE + "-large")));

    final ShopDomain shop = new ShopDomain("sla-" + UUID.randomUUID().toString().substring(0, 8) + ".myshopify.com");
    final MovableClock clock = new MovableClock(berlin("2026-11-25T10:00"));
    final ByteArrayOutputStream logs = new ByteArrayOutputStream();
    final DynamoDbClient client;
    final String table;
    final PromptlyConfig config;
    final DynamoConversationStore conversations;
    final DynamoSlaStore sla;
    final DynamoOutboxStore outbox;
    final MessageIntake intake;
    final AgentActivity agents;

    SlaTestSystem(String slaBlock) {
        this(slaBlock, TABLE, List.of());
    }

    SlaTestSystem(String slaBlock, String table, List<ExecutionInterceptor> interceptors) {
        this.table = table;
        this.client = DYNAMO.clientBuilder().overrideConfiguration(c -> interceptors.forEach(c::addExecutionInterceptor)).build();
        config = ConfigParser.parse("""
                {"shops": {"%s": {
                  "name": "Demo Shop", "languages": ["de", "en"], "time_zone": "Europe/Berlin",
                  "support_email": "support@demo-shop.example",
                  "secrets": {"shopify_webhook": "literal:w", "messages": "literal:m", "agent_token": "literal:%s"},
                  "business_hours": {"weekly": {"monday": ["09:00-18:00"], "tuesday": ["09:00-18:00"],
                     "wednesday": ["09:00-18:00"], "thursday": ["09:00-18:00"], "friday": ["09:00-18:00"]}},
                  "sla": %s, "handling_time_business_days": 2
                }}}""".formatted(shop.value(), TOKEN, slaBlock), "test", true);
        conversations = new DynamoConversationStore(client, table);
        sla = new DynamoSlaStore(client, table);
        outbox = new DynamoOutboxStore(client, table);
        JsonLog log = new JsonLog("test", new PrintStream(logs, true, StandardCharsets.UTF_8), clock);
        intake = MessageIntake.standard(config, conversations, new DynamoOrderStore(client, table), clock, log);
        agents = new AgentActivity(config, ref -> ref.name(), conversations, sla, clock);
    }

    SlaMonitor monitor() {
        return new SlaMonitor(config, conversations, sla, new SlackAlertFormat(), clock, new JsonLog("sla-monitor", new PrintStream(logs, true, StandardCharsets.UTF_8), clock));
    }

    static Instant berlin(String local) {
        return LocalDateTime.parse(local).atZone(BERLIN).toInstant();
    }

    /** A chat message from Anna now; chat acknowledgements are returned, not mailed, so the outbox holds alerts only. */
    ConversationId message(String messageId) {
        return message(messageId, Map.of());
    }

    ConversationId message(String messageId, Map<String, List<String>> headers) {
        IntakeResult result = intake.accept(new InboundMessage(shop, Channel.CHAT, messageId, new Sender("Anna Beispiel", "anna.beispiel@example.com", null),
                null, "Hallo, ich habe eine Frage zu einem Gutschein.", List.of(), "session-" + messageId, clock.instant(), headers, null,
                List.of(), false));
        return result.conversation();
    }

    List<OutboxMessage> alerts() {
        return outbox.list(shop).stream().filter(m -> m.kind() == OutboxKind.SLA_ALERT).toList();
    }

    String checkpoint(ConversationId id) {
        var item = client.getItem(r -> r.tableName(table).key(Map.of(PromptlyTable.PK, AttributeValue.fromS(shop.value()),
                PromptlyTable.SK, AttributeValue.fromS("CONV#" + id.value()))).consistentRead(true)).item();
        var due = item.get(PromptlyTable.SLA_DUE_AT);
        return due == null ? null : due.s();
    }
}
