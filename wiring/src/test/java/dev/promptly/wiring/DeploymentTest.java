package dev.promptly.wiring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.promptly.app.compliance.NoRawMailToErase;
import dev.promptly.app.compliance.RawMailEraser;
import dev.promptly.app.outbox.AlertChannel;
import dev.promptly.app.outbox.MailTransport;
import dev.promptly.aws.AwsClients;
import dev.promptly.aws.dynamodb.PromptlyTable;
import dev.promptly.config.ConfigParser;
import dev.promptly.config.PromptlyConfig;
import dev.promptly.dynamodblocal.EmbeddedDynamoDb;
import dev.promptly.log.JsonLog;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The composition root builds what a use case runs and nothing else: a function pays (in cold start) and
 * fails (at initialisation) only for its own parts.
 */
class DeploymentTest {
    private static final String TABLE = "promptly-wiring-test";
    private static final EmbeddedDynamoDb DYNAMO = EmbeddedDynamoDb.inMemory(List.of(PromptlyTable.createTableRequest(TABLE)));
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-25T12:00:00Z"), ZoneOffset.UTC);
    private static final PromptlyConfig CONFIG = ConfigParser.parse("""
            {"shops": {"wiring-test.myshopify.com": {
              "languages": ["en"], "time_zone": "Europe/Berlin", "support_email": "support@example.com",
              "secrets": {"shopify_webhook": "literal:w", "messages": "literal:m", "agent_token": "literal:t", "export_token": "literal:e"},
              "business_hours": {"weekly": {"monday": ["09:00-18:00"]}},
              "sla": {"first_response": "PT4H"}, "handling_time_business_days": 2
            }}}""", "test", true);

    private final List<String> operations = new CopyOnWriteArrayList<>();
    private final AtomicInteger clientsBuilt = new AtomicInteger();
    private final AtomicInteger mailTransports = new AtomicInteger();
    private final AtomicInteger alertChannels = new AtomicInteger();
    private final AtomicInteger rawMailErasers = new AtomicInteger();
    private final AtomicInteger rawMailReaders = new AtomicInteger();
    private final JsonLog log = new JsonLog("test", new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8), CLOCK);

    @AfterAll
    static void stop() {
        DYNAMO.close();
    }

    @Test
    void theDataExportLookupBuildsNoMailAlertOrRawMailPart() {
        Deployment deployment = countingParts();

        var lookup = ComplianceWiring.dataExportLookup(deployment);
        lookup.prime();

        assertEquals(List.of("GetItem"), operations, "the lookup reads through the root's DynamoDB client");
        assertEquals(List.of(1, 0, 0, 0, 0), built());
    }

    @Test
    void eachPartIsBuiltOnceWhenTheFirstUseCaseNeedingItIsBuilt() {
        Deployment deployment = countingParts();

        OutboxWiring.outboxSender(deployment, log);
        var afterSender = built();
        WebhookWiring.webhookIntake(deployment);
        WebhookWiring.webhookIntake(deployment);
        OutboxWiring.outboxSender(deployment, log);
        var afterAll = built();

        assertEquals(List.of(1, 1, 1, 0, 0), afterSender, "client, mail transport, alert channels; no raw-mail part");
        assertEquals(List.of(1, 1, 1, 1, 0), afterAll, "the eraser once, for the webhooks; nothing built twice");
        assertTrue(operations.isEmpty(), "building use cases calls nothing: " + operations);
    }

    @Test
    void deployedAFunctionReadsOnlyTheEnvironmentVariablesOfWhatItRuns() {
        // Neither INBOUND_MAIL_BUCKET nor a valid SMTP_PORT: wrong for the webhook, inbound-email and outbox
        // functions, irrelevant to the others.
        var variables = Map.of(PromptlyTable.TABLE_NAME_ENV, TABLE, PromptlyEnvironment.CONFIG_FILE, "unused.json",
                PromptlyEnvironment.SMTP_HOST, "smtp.example.com", PromptlyEnvironment.SMTP_PORT, "twenty-five");
        Deployment deployment = Deployment.builder().awsAdapters(variables, new AwsClients(false)).dynamoDb(client(), TABLE)
                .config(CONFIG).secrets(ref -> ref.name()).clock(CLOCK).build();

        ComplianceWiring.dataExportLookup(deployment);
        IntakeWiring.messagesApi(deployment, log);
        ConversationWiring.agentActivity(deployment);
        SlaWiring.slaMonitor(deployment, log);
        DelayWiring.delayScan(deployment, log);
        var webhook = assertThrows(IllegalStateException.class, () -> WebhookWiring.webhookIntake(deployment));
        var email = assertThrows(IllegalStateException.class, () -> IntakeWiring.emailIntake(deployment, log));
        var outbox = assertThrows(IllegalStateException.class, () -> OutboxWiring.outboxSender(deployment, log));

        assertEquals("INBOUND_MAIL_BUCKET must name the bucket the SES receipt rule stores mail in (customers/redact deletes from it)",
                webhook.getMessage());
        assertEquals("INBOUND_MAIL_BUCKET must name the bucket the SES receipt rule stores mail in", email.getMessage());
        assertEquals("SMTP_PORT must be a port number from 1 to 65535, got 'twenty-five'", outbox.getMessage());
    }

    @Test
    void aUseCaseWhosePartWasNotGivenNamesIt() {
        Deployment deployment = Deployment.builder().dynamoDb(client(), TABLE).config(CONFIG).secrets(ref -> ref.name()).clock(CLOCK).build();

        var refused = assertThrows(IllegalStateException.class, () -> WebhookWiring.webhookIntake(deployment));

        assertTrue(refused.getMessage().contains("rawMailEraser"), refused.getMessage());
    }

    @Test
    void theBuilderNamesEveryMissingRequiredPart() {
        var refused = assertThrows(IllegalStateException.class, () -> Deployment.builder().config(CONFIG).build());

        assertEquals("Deployment.builder() misses dynamoDb, secrets, clock", refused.getMessage());
    }

    /** Counts: DynamoDB clients, mail transports, alert channel sets, raw-mail erasers, raw-mail readers. */
    private List<Integer> built() {
        return List.of(clientsBuilt.get(), mailTransports.get(), alertChannels.get(), rawMailErasers.get(), rawMailReaders.get());
    }

    private Deployment countingParts() {
        MailTransport mail = (from, to, mime) -> "unused";
        return Deployment.builder()
                .dynamoDb(() -> {
                    clientsBuilt.incrementAndGet();
                    return client();
                }, TABLE)
                .config(CONFIG).secrets(ref -> ref.name()).clock(CLOCK)
                .mailTransport(counting(mailTransports, Optional.of(mail)))
                .alertChannels(counting(alertChannels, Map.<String, AlertChannel>of()))
                .rawMailEraser(counting(rawMailErasers, (RawMailEraser) new NoRawMailToErase()))
                .rawMail(counting(rawMailReaders, (Function<String, byte[]>) id -> new byte[0]))
                .build();
    }

    private static <T> Supplier<T> counting(AtomicInteger count, T part) {
        return () -> {
            count.incrementAndGet();
            return part;
        };
    }

    private DynamoDbClient client() {
        return DYNAMO.clientBuilder().overrideConfiguration(c -> c.addExecutionInterceptor(new ExecutionInterceptor() {
            @Override
            public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
                operations.add(attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME));
            }
        })).build();
    }
}
