package dev.promptly.app.csat;

import dev.promptly.app.inbound.MessageIntake;
import dev.promptly.app.outbox.OutboxSender;
import dev.promptly.app.sla.AgentActivity;
import dev.promptly.aws.dynamodb.DynamoConversationStore;
import dev.promptly.aws.dynamodb.DynamoCsatStore;
import dev.promptly.aws.dynamodb.DynamoOutboxStore;
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
import dev.promptly.wiring.ConversationWiring;
import dev.promptly.wiring.Deployment;
import dev.promptly.wiring.OutboxWiring;
import dev.promptly.wiring.Stores;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The survey as deployed: the message intake, the agent events (whose solve queues the survey), the outbox sender
 * with its send checks and the link pages, all from {@link Deployment} over one in-process DynamoDB Local per JVM,
 * a fresh shop per test (Europe/Berlin) and a clock the test moves. Secrets resolve to their names.
 */
final class CsatTestSystem {
    static final String TABLE = "promptly-csat-test";
    static final String TOKEN = "agent-token-for-tests";
    static final String SECRET = "csat-secret-for-tests";
    static final EmbeddedDynamoDb DYNAMO = EmbeddedDynamoDb.inMemory(List.of(PromptlyTable.createTableRequest(TABLE)));
    private static final Pattern LINK = Pattern.compile("https://api\\.example\\.com/prod/csat/([A-Za-z0-9_.-]+)");

    final ShopDomain shop = new ShopDomain("csat-" + UUID.randomUUID().toString().substring(0, 8) + ".myshopify.com");
    final MovableClock clock = new MovableClock(Instant.parse("2026-11-25T09:00:00Z"));
    final ByteArrayOutputStream logs = new ByteArrayOutputStream();
    final DynamoDbClient client = DYNAMO.newClient();
    final PromptlyConfig config;
    final Deployment deployment;
    final DynamoConversationStore conversations;
    final DynamoOutboxStore outbox;
    final DynamoCsatStore surveys;
    final MessageIntake intake;
    final AgentActivity agents;
    final CsatResponses responses;
    final OutboxSender sender;

    /** A shop with {@code csat} as its survey settings (JSON) and {@code budget} as its {@code auto_reply_budget}. */
    CsatTestSystem(String csat, String budget, String shopName) {
        config = ConfigParser.parse("""
                {"shops": {"%s": {
                  "name": "%s", "languages": ["de", "en"], "time_zone": "Europe/Berlin",
                  "support_email": "support@demo-shop.example",
                  "secrets": {"shopify_webhook": "literal:w", "messages": "literal:m", "agent_token": "literal:%s"},
                  "business_hours": {"weekly": {"monday": ["09:00-18:00"], "tuesday": ["09:00-18:00"],
                     "wednesday": ["09:00-18:00"], "thursday": ["09:00-18:00"], "friday": ["09:00-18:00"]}},
                  "sla": {"first_response": "PT4H"}, "handling_time_business_days": 2,
                  "auto_reply_budget": %s,
                  "csat": %s
                }}}""".formatted(shop.value(), shopName, TOKEN, budget, csat), "test", true);
        deployment = Deployment.builder().dynamoDb(client, TABLE).config(config).secrets(ref -> ref.name()).clock(clock)
                .logs(function -> new JsonLog(function, new PrintStream(logs, true, StandardCharsets.UTF_8), clock))
                .mailTransport(Optional::empty).alertChannels(Map::of).whatsAppApi(Optional::empty).build();
        conversations = Stores.of(deployment).conversations();
        outbox = Stores.of(deployment).outbox();
        surveys = Stores.of(deployment).surveys();
        JsonLog log = deployment.log("test");
        intake = MessageIntake.standard(config, conversations, Stores.of(deployment).orders(), clock, log);
        agents = ConversationWiring.agentActivity(deployment);
        responses = ConversationWiring.csatResponses(deployment, log);
        sender = OutboxWiring.outboxSender(deployment, log);
    }

    CsatTestSystem(String csat) {
        this(csat, "{\"per_sender_per_day\": 10, \"per_shop_per_hour\": 100}", "Demo Shop");
    }

    /** The survey settings most tests use: on, two hours after solving, links under an API stage path. */
    static String enabled(String extra) {
        return ("{\"enabled\": true, \"delay\": \"PT2H\", \"token_secret\": \"literal:" + SECRET + "\","
                + " \"link_base_url\": \"https://api.example.com/prod/\"" + extra + "}");
    }

    /** An e-mail from {@code email} with {@code text}, now. */
    ConversationId mail(String messageId, String email, String text, Map<String, List<String>> headers) {
        return intake.accept(new InboundMessage(shop, Channel.EMAIL, messageId, new Sender("Anna Beispiel", email, null),
                "Frage", text, List.of(), null, clock.instant(), headers, null, List.of(), false)).conversation();
    }

    ConversationId germanMail(String messageId) {
        return mail(messageId, "anna.beispiel@example.com", "Hallo, ich habe eine Frage zu meinem Gutschein. Viele Grüße, Anna", Map.of());
    }

    /** The team's event {@code type} on the conversation, now, as {@code POST /conversations/{id}/events} records it. */
    void team(ConversationId id, String type) {
        agents.record(null, "Bearer " + TOKEN, id.value(), ("{\"type\": \"" + type + "\"}").getBytes(StandardCharsets.UTF_8));
    }

    /** A reply of the team and the solve, now. */
    void replyAndSolve(ConversationId id) {
        team(id, "agent_replied");
        team(id, "solved");
    }

    List<OutboxMessage> surveyMails() {
        return outbox.list(shop).stream().filter(m -> m.kind() == OutboxKind.CSAT_SURVEY).toList();
    }

    /** The five link tokens of a survey mail, rating 1 first. */
    static List<String> tokens(OutboxMessage survey) {
        Matcher m = LINK.matcher(survey.text());
        List<String> tokens = new ArrayList<>();
        while (m.find()) {
            tokens.add(m.group(1));
        }
        return tokens;
    }

    String logText() {
        return logs.toString(StandardCharsets.UTF_8);
    }
}
