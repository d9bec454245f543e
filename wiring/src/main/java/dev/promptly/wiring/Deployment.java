package dev.promptly.wiring;

import dev.promptly.app.compliance.RawMailEraser;
import dev.promptly.app.outbox.AlertChannel;
import dev.promptly.app.outbox.MailTransport;
import dev.promptly.app.port.HelpdeskConnector;
import dev.promptly.app.port.WhatsAppApi;
import dev.promptly.aws.AwsClients;
import dev.promptly.config.PromptlyConfig;
import dev.promptly.config.SecretResolver;
import dev.promptly.log.JsonLog;
import dev.promptly.whatsapp.GraphApiClient;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The composition root's platform: every handler, the local runner and the tests build their use cases over
 * it. Deployed, {@link #fromEnvironment} builds it once per container from the validated environment, the AWS
 * clients, the configuration and the cached secrets; locally and in tests {@link #builder()} takes those
 * parts directly. It holds what every use case may share (configuration, secrets, clock, logs, the DynamoDB
 * client and table, the mail, alert, WhatsApp, helpdesk and raw-mail adapters) and nothing of the use cases themselves.
 *
 * <p>The use cases are built by the wiring classes of their concern, static factories over a deployment:
 * {@link WebhookWiring}, {@link ComplianceWiring}, {@link IntakeWiring}, {@link ConversationWiring},
 * {@link HelpdeskWiring}, {@link WhatsAppWiring}, {@link OutboxWiring}, {@link DelayWiring},
 * {@link SlaWiring}, {@link KpiWiring} and {@link KpiRollupWiring}, with the stores several share in
 * {@link Stores}. A handler names only the wiring classes of what it runs, so its jar (shaded with
 * {@code minimizeJar}, which keeps the classes its code reaches) holds only those use cases, stores and
 * domain classes: this class names none. Their stores and other parts are built when first needed and then
 * once per deployment ({@link #kept}, {@link #keep}).
 *
 * <p>Each adapter part is built when a use case first needs it, and then once. A function thus constructs
 * (and validates the environment variables of) only what its use case runs; the data export never builds
 * SMTP, SES, SNS or S3 parts. Deployed, the configuration is loaded and the DynamoDB client built at once
 * (every function uses both), so a bad deploy fails at initialisation. Thread-safe.
 *
 * <p>The mail, Slack, WhatsApp, helpdesk and Shopify adapters are optional dependencies of this module, so a
 * function's jar holds only those its pom names. That is safe because the JVM loads a class when code
 * referring to it first runs, and the verifier checks an adapter passed as a port against the port's
 * interface without loading the adapter: the factories of use cases a function never runs never load the
 * absent classes. Keep adapters behind port types in signatures and fields here, in {@link AwsAdapters}
 * and in the wiring classes. Each function's tests build its handler through these classes on that
 * module's own classpath and prime it ({@code *WiringTest}, {@code DataExportHandlerTest}, …), so a
 * missing adapter fails them.
 */
public final class Deployment {
    private final Supplier<DynamoDbClient> dynamoDbSource;
    private final String tableName;
    private final PromptlyConfig config;
    private final SecretResolver secrets;
    private final Clock clock;
    private final Function<String, JsonLog> logs;
    private final Supplier<Optional<MailTransport>> mailTransportSource;
    private final Supplier<Map<String, AlertChannel>> alertChannelsSource;
    private final Supplier<Optional<WhatsAppApi>> whatsAppApiSource;
    private final Supplier<RawMailEraser> rawMailEraserSource;
    private final Supplier<Function<String, byte[]>> rawMailSource;
    private final AwsAdapters aws;
    private final boolean shopifyAdmin;
    /** Null: each shop's own Admin API (deployed); else the stand-in all calls go to. */
    private final java.net.URI shopifyAdminOrigin;
    // Built on first use (plain fields and synchronized getters: no lambda to link during a cold start).
    private DynamoDbClient dynamoDb;
    private Optional<MailTransport> mailTransport;
    private Map<String, AlertChannel> alertChannels;
    private RawMailEraser rawMailEraser;
    private Function<String, byte[]> rawMail;
    private List<HelpdeskConnector> helpdeskConnectors;
    /** The wiring classes' once-built parts (stores, clients) by their type. */
    private final Map<Class<?>, Object> kept = new HashMap<>();

    private Deployment(Builder b) {
        this.dynamoDbSource = b.dynamoDbSource;
        this.dynamoDb = b.dynamoDb;
        this.tableName = b.tableName;
        this.config = b.config;
        this.secrets = b.secrets;
        this.clock = b.clock;
        this.logs = b.logs;
        this.mailTransportSource = b.mailTransport;
        this.alertChannelsSource = b.alertChannels;
        this.whatsAppApiSource = b.whatsAppApi;
        this.rawMailEraserSource = b.rawMailEraser;
        this.rawMailSource = b.rawMail;
        this.aws = b.aws;
        this.shopifyAdmin = b.shopifyAdmin;
        this.shopifyAdminOrigin = b.shopifyAdminOrigin;
    }

    /** What a deployed function starts from: the environment Lambda gives it, real AWS clients, the system clock. */
    public static Deployment fromEnvironment(Map<String, String> variables) {
        var env = PromptlyEnvironment.from(variables);
        var clients = new AwsClients(env.inLambda());
        Clock clock = Clock.systemUTC();
        return builder().awsAdapters(variables, clients)
                .dynamoDb(clients.dynamoDb(), env.tableName())
                .config(ConfigSource.load(env, clients::ssmParameters, clients::s3Objects))
                .secrets(clients.cachedSecrets(clock))
                .clock(clock)
                .shopifyAdminOfEachShop()
                .build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Whether this deployment calls the Admin API of shops configured with {@code shopify_admin}. */
    public boolean shopifyAdminEnabled() {
        return shopifyAdmin;
    }

    /** Where Admin API calls go: null for each shop's own, else the stand-in given to the builder. */
    java.net.URI shopifyAdminOrigin() {
        return shopifyAdminOrigin;
    }

    /** The part a wiring class kept as {@code type} in this deployment, or null before it is {@link #keep kept}. */
    synchronized <T> T kept(Class<T> type) {
        return type.cast(kept.get(type));
    }

    /** Keeps {@code part} as this deployment's {@code type} unless one was kept meanwhile; returns the one kept. */
    synchronized <T> T keep(Class<T> type, T part) {
        Object before = kept.putIfAbsent(type, Objects.requireNonNull(part, "part"));
        return before == null ? part : type.cast(before);
    }

    // ---------------------------------------------------------------------------------------------
    // The platform, for the wiring classes, for handlers that need a part beside their use case, and the local runner.
    // ---------------------------------------------------------------------------------------------

    /** The log of {@code function} (the {@code function} field of each line). */
    public JsonLog log(String function) {
        return logs == null ? JsonLog.toStdout(function) : logs.apply(function);
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

    public synchronized DynamoDbClient dynamoDb() {
        if (dynamoDb == null) {
            dynamoDb = Objects.requireNonNull(dynamoDbSource.get(), "dynamoDb");
        }
        return dynamoDb;
    }

    // The parts that depend on where the system runs: given to the builder, else built from the AWS environment.

    synchronized Optional<MailTransport> mailTransport() {
        if (mailTransport == null) {
            mailTransport = mailTransportSource != null ? mailTransportSource.get() : adapters("mailTransport").mailTransport();
        }
        return mailTransport;
    }

    /** The alert channels given or deployed (Slack, SNS); the outbox wiring adds WhatsApp and the helpdesks. */
    synchronized Map<String, AlertChannel> alertChannels() {
        if (alertChannels == null) {
            alertChannels = Map.copyOf(alertChannelsSource != null ? alertChannelsSource.get()
                    : adapters("alertChannels").alertChannels(secrets));
        }
        return alertChannels;
    }

    /** The helpdesk connectors (an optional dependency: only the functions that write to or hear from helpdesks carry it). */
    synchronized List<HelpdeskConnector> helpdeskConnectors() {
        if (helpdeskConnectors == null) {
            helpdeskConnectors = dev.promptly.helpdesk.HelpdeskConnectors.standard(DeferredHttpClient::of);
        }
        return helpdeskConnectors;
    }

    /** The WhatsApp Cloud API: the builder's, else Meta's Graph API. */
    Optional<WhatsAppApi> whatsAppApi() {
        return whatsAppApiSource != null ? whatsAppApiSource.get() : Optional.of(new GraphApiClient(GraphApiClient.GRAPH_API, DeferredHttpClient::of));
    }

    synchronized RawMailEraser rawMailEraser() {
        if (rawMailEraser == null) {
            rawMailEraser = rawMailEraserSource != null ? rawMailEraserSource.get() : adapters("rawMailEraser").rawMailEraser();
        }
        return rawMailEraser;
    }

    synchronized Function<String, byte[]> rawMail() {
        if (rawMail == null) {
            rawMail = rawMailSource != null ? rawMailSource.get() : adapters("rawMail").rawMail();
        }
        return rawMail;
    }

    /** The AWS adapters, or a refusal naming the builder method that gives {@code part}. */
    private AwsAdapters adapters(String part) {
        if (aws == null) {
            throw new IllegalStateException("this use case needs " + part + ": give it to Deployment.builder()." + part
                    + "(…) or use awsAdapters(…)");
        }
        return aws;
    }

    /**
     * The parts of a {@link Deployment}. DynamoDB, configuration, secrets and clock are required; the mail
     * transport, alert channels and raw-mail access are required only by the use cases that use them
     * (given here, or built from the environment by {@link #awsAdapters}). Not thread-safe.
     */
    public static final class Builder {
        private DynamoDbClient dynamoDb;
        private Supplier<DynamoDbClient> dynamoDbSource;
        private String tableName;
        private PromptlyConfig config;
        private SecretResolver secrets;
        private Clock clock;
        private Function<String, JsonLog> logs;
        private Supplier<Optional<MailTransport>> mailTransport;
        private Supplier<Map<String, AlertChannel>> alertChannels;
        private Supplier<Optional<WhatsAppApi>> whatsAppApi;
        private Supplier<RawMailEraser> rawMailEraser;
        private Supplier<Function<String, byte[]>> rawMail;
        private AwsAdapters aws;
        private boolean shopifyAdmin;
        private java.net.URI shopifyAdminOrigin;

        private Builder() {
        }

        /** Calls each configured shop's own Admin API ({@code https://<shop>.myshopify.com}), as deployed. */
        public Builder shopifyAdminOfEachShop() {
            this.shopifyAdmin = true;
            this.shopifyAdminOrigin = null;
            return this;
        }

        /** Calls the Admin API at {@code origin} for every shop: a stand-in, for the local runner and tests. */
        public Builder shopifyAdminAt(java.net.URI origin) {
            this.shopifyAdmin = true;
            this.shopifyAdminOrigin = Objects.requireNonNull(origin, "origin");
            return this;
        }

        public Builder dynamoDb(DynamoDbClient client, String tableName) {
            this.dynamoDb = Objects.requireNonNull(client, "client");
            this.dynamoDbSource = null;
            this.tableName = Objects.requireNonNull(tableName, "tableName");
            return this;
        }

        /** The client is built on first use, when a store is. */
        public Builder dynamoDb(Supplier<DynamoDbClient> client, String tableName) {
            this.dynamoDbSource = Objects.requireNonNull(client, "client");
            this.dynamoDb = null;
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

        /** The WhatsApp Cloud API (a stand-in's URL locally); empty keeps WhatsApp messages in the outbox as captured. */
        public Builder whatsAppApi(Supplier<Optional<WhatsAppApi>> api) {
            this.whatsAppApi = Objects.requireNonNull(api, "api");
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
            if (dynamoDb == null && dynamoDbSource == null) {
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
