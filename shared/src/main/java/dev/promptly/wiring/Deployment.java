package dev.promptly.wiring;

import dev.promptly.app.compliance.DataExportLookup;
import dev.promptly.app.compliance.RawMailEraser;
import dev.promptly.app.delay.DelayNoticeCheck;
import dev.promptly.app.delay.DelayScan;
import dev.promptly.app.inbound.EmailIntake;
import dev.promptly.app.inbound.MessageIntake;
import dev.promptly.app.inbound.MessagesApi;
import dev.promptly.app.outbox.AlertChannel;
import dev.promptly.app.outbox.MailTransport;
import dev.promptly.app.outbox.OutboxSender;
import dev.promptly.app.sla.AgentActivity;
import dev.promptly.app.sla.SlaMonitor;
import dev.promptly.app.webhook.WebhookIntake;
import dev.promptly.aws.AwsClients;
import dev.promptly.aws.dynamodb.DynamoConversationStore;
import dev.promptly.aws.dynamodb.DynamoDataExportStore;
import dev.promptly.aws.dynamodb.DynamoDelayStore;
import dev.promptly.aws.dynamodb.DynamoOrderStore;
import dev.promptly.aws.dynamodb.DynamoOutboxStore;
import dev.promptly.aws.dynamodb.DynamoSlaStore;
import dev.promptly.config.PromptlyConfig;
import dev.promptly.config.SecretResolver;
import dev.promptly.log.JsonLog;
import dev.promptly.mail.MimeMailParser;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The composition root: every handler, the local runner and the tests build their use cases here, one
 * factory per use case. Deployed, {@link #fromEnvironment} builds it once per container from the validated
 * environment, the AWS clients, the configuration and the cached secrets; locally and in tests
 * {@link #builder()} takes those parts directly.
 *
 * <p>Nothing is built before a factory asks for it, and then once: the DynamoDB client and each store, the
 * mail transport, the alert channels and the raw-mail bucket. A function thus constructs (and validates the
 * environment variables of) only what its use case runs; the data export never builds SMTP, SES, SNS or S3
 * parts. The configuration is loaded eagerly, so a bad deploy fails at initialisation. Thread-safe.
 */
public final class Deployment {
    private final Lazy<DynamoDbClient> dynamoDb;
    private final String tableName;
    private final PromptlyConfig config;
    private final SecretResolver secrets;
    private final Clock clock;
    private final Function<String, JsonLog> logs;
    private final Lazy<Optional<MailTransport>> mailTransport;
    private final Lazy<Map<String, AlertChannel>> alertChannels;
    private final Lazy<RawMailEraser> rawMailEraser;
    private final Lazy<Function<String, byte[]>> rawMail;
    private final Lazy<DynamoOrderStore> orders;
    private final Lazy<DynamoConversationStore> conversations;
    private final Lazy<DynamoDataExportStore> exports;
    private final Lazy<DynamoOutboxStore> outbox;
    private final Lazy<DynamoDelayStore> delays;
    private final Lazy<DynamoSlaStore> slas;

    private Deployment(Builder b) {
        this.dynamoDb = new Lazy<>(b.dynamoDb);
        this.tableName = b.tableName;
        this.config = b.config;
        this.secrets = b.secrets;
        this.clock = b.clock;
        this.logs = b.logs;
        AwsAdapters aws = b.aws;
        this.mailTransport = new Lazy<>(part(b.mailTransport, aws == null ? null : aws::mailTransport, "mailTransport"));
        this.alertChannels = new Lazy<>(part(b.alertChannels, aws == null ? null : () -> aws.alertChannels(secrets), "alertChannels"));
        this.rawMailEraser = new Lazy<>(part(b.rawMailEraser, aws == null ? null : aws::rawMailEraser, "rawMailEraser"));
        this.rawMail = new Lazy<>(part(b.rawMail, aws == null ? null : aws::rawMail, "rawMail"));
        this.orders = new Lazy<>(() -> new DynamoOrderStore(dynamoDb(), tableName));
        this.conversations = new Lazy<>(() -> new DynamoConversationStore(dynamoDb(), tableName));
        this.exports = new Lazy<>(() -> new DynamoDataExportStore(dynamoDb(), tableName));
        this.outbox = new Lazy<>(() -> new DynamoOutboxStore(dynamoDb(), tableName));
        this.delays = new Lazy<>(() -> new DynamoDelayStore(dynamoDb(), tableName));
        this.slas = new Lazy<>(() -> new DynamoSlaStore(dynamoDb(), tableName));
    }

    /** What a deployed function starts from: the environment Lambda gives it, real AWS clients, the system clock. */
    public static Deployment fromEnvironment(Map<String, String> variables) {
        var env = PromptlyEnvironment.from(variables);
        var clients = new AwsClients(env.inLambda());
        Clock clock = Clock.systemUTC();
        return builder().awsAdapters(variables, clients)
                .dynamoDb(clients::dynamoDb, env.tableName())
                .config(ConfigSource.load(env, clients::ssmParameters))
                .secrets(clients.cachedSecrets(clock))
                .clock(clock)
                .build();
    }

    public static Builder builder() {
        return new Builder();
    }

    // ---------------------------------------------------------------------------------------------
    // One factory per use case. Each call builds a new use case over the shared, once-built parts.
    // ---------------------------------------------------------------------------------------------

    /** Shopify webhooks (HTTPS and EventBridge): orders, exports, conversations and the raw-mail bucket. */
    public WebhookIntake webhookIntake() {
        return new WebhookIntake(config, secrets, orders(), exports(), conversations(), rawMailEraser.get(), clock);
    }

    /** {@code GET /data-requests/{id}}: the exports only. */
    public DataExportLookup dataExportLookup() {
        return new DataExportLookup(config, secrets, exports(), clock);
    }

    /** {@code POST /messages}. */
    public MessagesApi messagesApi(JsonLog log) {
        return new MessagesApi(messageIntake(log), secrets, clock);
    }

    /** Mail received through SES: the intake over the raw mail stored in S3. */
    public EmailIntake emailIntake(JsonLog log) {
        return new EmailIntake(messageIntake(log), rawMail.get(), new MimeMailParser(), log);
    }

    /** The outbox's stream trigger and sweep: the mail transport, the alert channels and the delay-notice check. */
    public OutboxSender outboxSender(JsonLog log) {
        return new OutboxSender(outbox(), mailTransport.get(), alertChannels.get(), clock, log, new DelayNoticeCheck(config, orders(), clock));
    }

    /** The scheduled delay scan with the shipped templates. */
    public DelayScan delayScan(JsonLog log) {
        return DelayScan.standard(config, orders(), conversations(), delays(), clock, log);
    }

    /** {@code POST /conversations/{id}/events} and the SLA views. */
    public AgentActivity agentActivity() {
        return new AgentActivity(config, secrets, conversations(), slas(), clock);
    }

    /** The scheduled SLA monitor. */
    public SlaMonitor slaMonitor(JsonLog log) {
        return new SlaMonitor(config, conversations(), slas(), clock, log);
    }

    private MessageIntake messageIntake(JsonLog log) {
        return MessageIntake.standard(config, conversations(), orders(), clock, log);
    }

    // ---------------------------------------------------------------------------------------------
    // The parts, for handlers that need one beside their use case and for the local runner's views.
    // ---------------------------------------------------------------------------------------------

    /** The log of {@code function} (the {@code function} field of each line). */
    public JsonLog log(String function) {
        return logs.apply(function);
    }

    public PromptlyConfig config() {
        return config;
    }

    public SecretResolver secrets() {
        return secrets;
    }

    public Clock clock() {
        return clock;
    }

    public String tableName() {
        return tableName;
    }

    public DynamoDbClient dynamoDb() {
        return dynamoDb.get();
    }

    public DynamoOrderStore orders() {
        return orders.get();
    }

    public DynamoConversationStore conversations() {
        return conversations.get();
    }

    public DynamoDataExportStore exports() {
        return exports.get();
    }

    public DynamoOutboxStore outbox() {
        return outbox.get();
    }

    public DynamoDelayStore delays() {
        return delays.get();
    }

    public DynamoSlaStore slas() {
        return slas.get();
    }

    /** The part given to the builder, else the one built from the AWS environment, else a refusal naming the builder method. */
    private static <T> Supplier<T> part(Supplier<T> given, Supplier<T> fromAws, String name) {
        if (given != null) {
            return given;
        }
        if (fromAws != null) {
            return fromAws;
        }
        return () -> {
            throw new IllegalStateException("this use case needs " + name + ": give it to Deployment.builder()." + name
                    + "(…) or use awsAdapters(…)");
        };
    }

    /**
     * The parts of a {@link Deployment}. DynamoDB, configuration, secrets and clock are required; the mail
     * transport, alert channels and raw-mail access are required only by the use cases that use them
     * (given here, or built from the environment by {@link #awsAdapters}). Not thread-safe.
     */
    public static final class Builder {
        private Supplier<DynamoDbClient> dynamoDb;
        private String tableName;
        private PromptlyConfig config;
        private SecretResolver secrets;
        private Clock clock;
        private Function<String, JsonLog> logs = JsonLog::toStdout;
        private Supplier<Optional<MailTransport>> mailTransport;
        private Supplier<Map<String, AlertChannel>> alertChannels;
        private Supplier<RawMailEraser> rawMailEraser;
        private Supplier<Function<String, byte[]>> rawMail;
        private AwsAdapters aws;

        private Builder() {
        }

        public Builder dynamoDb(DynamoDbClient client, String tableName) {
            Objects.requireNonNull(client, "client");
            return dynamoDb(() -> client, tableName);
        }

        /** The client is built on first use, when a store is. */
        public Builder dynamoDb(Supplier<DynamoDbClient> client, String tableName) {
            this.dynamoDb = Objects.requireNonNull(client, "client");
            this.tableName = Objects.requireNonNull(tableName, "tableName");
            return this;
        }

        public Builder config(PromptlyConfig config) {
            this.config = config;
            return this;
        }

        public Builder secrets(SecretResolver secrets) {
            this.secrets = secrets;
            return this;
        }

        public Builder clock(Clock clock) {
            this.clock = clock;
            return this;
        }

        /** Each function's log by its name; default one JSON line per entry on standard output. */
        public Builder logs(Function<String, JsonLog> logs) {
            this.logs = Objects.requireNonNull(logs, "logs");
            return this;
        }

        /** Where outgoing mail goes; empty keeps it in the outbox as captured (the local runner without SMTP). */
        public Builder mailTransport(Supplier<Optional<MailTransport>> transport) {
            this.mailTransport = Objects.requireNonNull(transport, "transport");
            return this;
        }

        /** SLA alert channels by the name a target uses ({@code slack}, {@code sns}). */
        public Builder alertChannels(Supplier<Map<String, AlertChannel>> channels) {
            this.alertChannels = Objects.requireNonNull(channels, "channels");
            return this;
        }

        /** Where a redaction deletes a customer's stored raw mail. */
        public Builder rawMailEraser(Supplier<RawMailEraser> eraser) {
            this.rawMailEraser = Objects.requireNonNull(eraser, "eraser");
            return this;
        }

        /** The raw MIME of a received mail by its SES message id. */
        public Builder rawMail(Supplier<Function<String, byte[]>> rawMail) {
            this.rawMail = Objects.requireNonNull(rawMail, "rawMail");
            return this;
        }

        /**
         * The deployed mail transport (SES, or SMTP when {@code SMTP_HOST} is set), alert channels (Slack,
         * SNS) and raw-mail bucket ({@code INBOUND_MAIL_*}), each read from {@code variables} when a use case
         * first needs it; parts given explicitly take precedence.
         */
        public Builder awsAdapters(Map<String, String> variables, AwsClients clients) {
            this.aws = new AwsAdapters(Map.copyOf(variables), Objects.requireNonNull(clients, "clients"));
            return this;
        }

        /** @throws IllegalStateException naming every required part not given */
        public Deployment build() {
            List<String> missing = new ArrayList<>();
            if (dynamoDb == null) {
                missing.add("dynamoDb");
            }
            if (config == null) {
                missing.add("config");
            }
            if (secrets == null) {
                missing.add("secrets");
            }
            if (clock == null) {
                missing.add("clock");
            }
            if (!missing.isEmpty()) {
                throw new IllegalStateException("Deployment.builder() misses " + String.join(", ", missing));
            }
            return new Deployment(this);
        }
    }
}
