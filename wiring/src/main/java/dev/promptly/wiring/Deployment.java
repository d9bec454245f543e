package dev.promptly.wiring;

import dev.promptly.alert.slack.SlackAlertFormat;
import dev.promptly.app.compliance.DataExportLookup;
import dev.promptly.app.compliance.RawMailEraser;
import dev.promptly.app.delay.DelayNoticeCheck;
import dev.promptly.app.delay.DelayScan;
import dev.promptly.app.helpdesk.HelpdeskAckCheck;
import dev.promptly.app.helpdesk.HelpdeskNoteChannel;
import dev.promptly.app.helpdesk.HelpdeskNotes;
import dev.promptly.app.helpdesk.HelpdeskWebhooks;
import dev.promptly.app.inbound.EmailIntake;
import dev.promptly.app.inbound.MessageIntake;
import dev.promptly.app.inbound.MessagesApi;
import dev.promptly.app.port.WhatsAppApi;
import dev.promptly.app.whatsapp.WhatsAppChannel;
import dev.promptly.app.whatsapp.WhatsAppMessages;
import dev.promptly.app.whatsapp.WhatsAppOptOut;
import dev.promptly.aws.dynamodb.DynamoCsatStore;
import dev.promptly.aws.dynamodb.DynamoKpiStore;
import dev.promptly.app.whatsapp.WhatsAppStatuses;
import dev.promptly.aws.dynamodb.DynamoWhatsAppOptOutStore;
import dev.promptly.app.whatsapp.WhatsAppWebhook;
import dev.promptly.whatsapp.GraphApiClient;
import dev.promptly.app.inbound.TeamReplies;
import dev.promptly.app.outbox.AlertChannel;
import dev.promptly.app.outbox.MailTransport;
import dev.promptly.app.outbox.OutboxSender;
import dev.promptly.app.outbox.SendCheck;
import dev.promptly.app.port.HelpdeskConnector;
import dev.promptly.app.sla.AgentActivity;
import dev.promptly.app.sla.SlaMonitor;
import dev.promptly.app.webhook.WebhookIntake;
import dev.promptly.aws.AwsClients;
import dev.promptly.aws.dynamodb.DynamoConversationStore;
import dev.promptly.aws.dynamodb.DynamoDataExportStore;
import dev.promptly.aws.dynamodb.DynamoDelayStore;
import dev.promptly.aws.dynamodb.DynamoHelpdeskLinks;
import dev.promptly.aws.dynamodb.DynamoOrderStore;
import dev.promptly.aws.dynamodb.DynamoOutboxStore;
import dev.promptly.aws.dynamodb.DynamoSlaStore;
import dev.promptly.config.PromptlyConfig;
import dev.promptly.config.SecretResolver;
import dev.promptly.log.JsonLog;
import dev.promptly.mail.MailComposer;
import dev.promptly.mail.MimeMailParser;
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
 * The composition root: every handler, the local runner and the tests build their use cases here, one
 * factory per use case. Deployed, {@link #fromEnvironment} builds it once per container from the validated
 * environment, the AWS clients, the configuration and the cached secrets; locally and in tests
 * {@link #builder()} takes those parts directly.
 *
 * <p>Each store, the mail transport, the alert channels and the raw-mail bucket are built when a factory
 * first needs them, and then once. A function thus constructs (and validates the environment variables of)
 * only what its use case runs; the data export never builds SMTP, SES, SNS or S3 parts. Deployed, the
 * configuration is loaded and the DynamoDB client built at once (every function uses both), so a bad deploy
 * fails at initialisation. Thread-safe.
 *
 * <p>The mail and Slack adapters ({@code MimeMailParser}, {@code MailComposer}, {@code SmtpMailTransport},
 * {@code SlackAlertFormat}, {@code SlackWebhook}) are optional dependencies of this module, so a function's
 * jar holds only those its pom names. That is safe because the JVM loads a class when code referring to it
 * first runs, and the verifier checks an adapter passed as a port against the port's interface without
 * loading the adapter: the factories of use cases a function never runs never load the absent classes.
 * Keep adapters behind port types in signatures and fields here and in {@link AwsAdapters}. Each
 * function's tests build its handler through this class on that module's own classpath and prime it
 * ({@code *WiringTest}, {@code DataExportHandlerTest}, …), so a missing adapter fails them.
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
    /** Null: no Admin API calls (the local runner without --shopify-admin-url, tests). */
    private final ShopifyAdminParts shopifyAdmin;
    // Built on first use (plain fields and synchronized getters: no lambda to link during a cold start).
    private DynamoDbClient dynamoDb;
    private Optional<MailTransport> mailTransport;
    private Map<String, AlertChannel> alertChannels;
    private DynamoWhatsAppOptOutStore whatsAppOptOuts;
    private DynamoKpiStore kpis;
    private DynamoCsatStore surveys;
    private RawMailEraser rawMailEraser;
    private Function<String, byte[]> rawMail;
    private DynamoOrderStore orders;
    private DynamoConversationStore conversations;
    private DynamoDataExportStore exports;
    private DynamoOutboxStore outbox;
    private DynamoDelayStore delays;
    private DynamoSlaStore slas;
    private DynamoHelpdeskLinks helpdeskLinks;
    private List<HelpdeskConnector> helpdeskConnectors;

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
        this.shopifyAdmin = b.shopifyAdmin ? new ShopifyAdminParts(this, b.shopifyAdminOrigin) : null;
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

    // ---------------------------------------------------------------------------------------------
    // One factory per use case. Each call builds a new use case over the shared, once-built parts.
    // ---------------------------------------------------------------------------------------------

    /** Shopify webhooks (HTTPS and EventBridge): orders, exports, conversations and the raw-mail bucket. */
    public WebhookIntake webhookIntake() {
        return new WebhookIntake(config, secrets, orders(), exports(), conversations(), rawMailEraser(), clock, surveys());
    }

    /** {@code GET /data-requests/{id}}: the exports only. */
    public DataExportLookup dataExportLookup() {
        return new DataExportLookup(config, secrets, exports(), clock);
    }

    /** {@code POST /messages}. */
    public MessagesApi messagesApi(JsonLog log) {
        return new MessagesApi(messageIntake(log), secrets, clock, Optional.of(teamReplies(log)));
    }

    /** Mail received through SES: the intake over the raw mail stored in S3. */
    public EmailIntake emailIntake(JsonLog log) {
        return new EmailIntake(messageIntake(log), rawMail(), new MimeMailParser(), log, Optional.of(teamReplies(log)));
    }

    /** Copies of the team's own mail, which record its replies on the conversations' clocks. */
    private TeamReplies teamReplies(JsonLog log) {
        return new TeamReplies(config, conversations(), agentActivity(), log);
    }

    /** The outbox's stream trigger and sweep: the mail transport, the alert channels and the delay-notice check. */
    public OutboxSender outboxSender(JsonLog log) {
        // The transport first: its environment is checked before the alert channels are built.
        Optional<MailTransport> transport = mailTransport();
        Map<String, AlertChannel> channels = new HashMap<>(alertChannels());
        channels.put(HelpdeskNotes.CHANNEL, new HelpdeskNoteChannel(config, secrets, helpdeskConnectors()));
        SendCheck delays = new DelayNoticeCheck(config, orders(), clock);
        SendCheck optedOut = new WhatsAppOptOut(whatsAppOptOuts());
        SendCheck helpdesk = new HelpdeskAckCheck(config);
        SendCheck surveys = new dev.promptly.app.csat.CsatSurveyCheck(config, conversations(), surveys());
        // A team copy attaches the files of the customer's mail, read from where SES stored it when the copy is sent.
        return new OutboxSender(outbox(), transport, new MailComposer(id -> rawMail().apply(id)), channels, clock, log,
                message -> delays.withdrawReason(message).or(() -> optedOut.withdrawReason(message))
                        .or(() -> helpdesk.withdrawReason(message)).or(() -> surveys.withdrawReason(message)),
                // WhatsApp statuses that came before their send was recorded are applied once it is.
                new WhatsAppStatuses(outbox(), clock));
    }

    /** {@code POST /helpdesks/{vendor}/{shop}}: the intake, the clocks and the ticket links over the helpdesk connectors. */
    public HelpdeskWebhooks helpdeskWebhooks(JsonLog log) {
        return new HelpdeskWebhooks(messageIntake(log), agentActivity(), conversations(), slas(), helpdeskLinks(), secrets,
                helpdeskConnectors(), clock, log);
    }

    /** The scheduled delay scan with the shipped templates. */
    public DelayScan delayScan(JsonLog log) {
        DelayScan scan = DelayScan.standard(config, orders(), conversations(), delays(), clock, log, helpdeskLinks());
        // Goodwill codes need the shops' Admin API; without it (locally without --shopify-admin-url) notices carry none.
        return shopifyAdmin == null ? scan : scan.withGoodwill(goodwillCodes(log));
    }

    /** The goodwill codes of delay notices (issue 17), created through the Admin API client for jobs; empty without Admin API calls. */
    public Optional<dev.promptly.app.delay.GoodwillCodes> goodwill(JsonLog log) {
        return shopifyAdmin == null ? Optional.empty() : Optional.of(goodwillCodes(log));
    }

    private dev.promptly.app.delay.GoodwillCodes goodwillCodes(JsonLog log) {
        return dev.promptly.app.delay.GoodwillCodes.standard(shopifyAdmin.forJobs(),
                new dev.promptly.aws.dynamodb.DynamoGoodwillStore(dynamoDb(), tableName()), log);
    }

    /** {@code POST /conversations/{id}/events} and the SLA views; a solve queues the satisfaction survey. */
    public AgentActivity agentActivity() {
        return new AgentActivity(config, secrets, conversations(), slas(), clock, csatSurveys(log("csat")));
    }

    /** The satisfaction surveys queued when conversations are solved (docs/csat.md). */
    public dev.promptly.app.csat.CsatSurveys csatSurveys(JsonLog log) {
        return new dev.promptly.app.csat.CsatSurveys(config, secrets, conversations(), surveys(), clock, log);
    }

    /** {@code GET|POST /csat/{token}}: a survey link's rating and the comment after it. */
    public dev.promptly.app.csat.CsatResponses csatResponses(JsonLog log) {
        return new dev.promptly.app.csat.CsatResponses(config, secrets, conversations(), surveys(), clock, log);
    }

    /** {@code GET /reports/{shop}}: a shop's KPIs as JSON or CSV, with the shop's agent token. */
    public dev.promptly.app.report.KpiReports kpiReports() {
        return new dev.promptly.app.report.KpiReports(new dev.promptly.app.sla.AgentTokens(config, secrets), kpis());
    }

    /** The weekly KPI digest to each shop's team (the SLA monitor's function, on its own schedule). */
    public dev.promptly.app.report.KpiDigest kpiDigest(JsonLog log) {
        return new dev.promptly.app.report.KpiDigest(config, kpis(), new dev.promptly.aws.dynamodb.DynamoKpiDigestStore(dynamoDb(), tableName),
                clock, log);
    }

    /** The scheduled SLA monitor. */
    public SlaMonitor slaMonitor(JsonLog log) {
        return new SlaMonitor(config, conversations(), slas(), new SlackAlertFormat(), clock, log, helpdeskLinks());
    }

    /** {@code GET|POST /whatsapp/{shop}}: the WhatsApp Cloud API webhook over the message intake. */
    public WhatsAppWebhook whatsAppWebhook(JsonLog log) {
        return new WhatsAppWebhook(messageIntake(log), secrets, whatsAppOptOuts(), outbox(), clock, log);
    }

    private MessageIntake messageIntake(JsonLog log) {
        return MessageIntake.standard(config, conversations(), orders(), clock, log, liveOrderLookup(log));
    }

    /** Orders not stored, asked of the shops' Admin API (shops with {@code shopify_admin}); off without Admin API access. */
    public dev.promptly.app.shopify.LiveOrderLookup liveOrderLookup(JsonLog log) {
        return shopifyAdmin == null ? dev.promptly.app.shopify.LiveOrderLookup.off(config, clock, log) : shopifyAdmin.lookup(log);
    }

    /**
     * The backfill of a shop's recent orders from its Admin API (issue 17).
     *
     * @throws dev.promptly.core.error.InvalidInputException this deployment makes no Admin API calls
     */
    public dev.promptly.app.shopify.Backfill backfill(JsonLog log) {
        if (shopifyAdmin == null) {
            throw new dev.promptly.core.error.InvalidInputException("backfill",
                    "Admin API calls are off here (the local runner: start it with --shopify-admin-url URL)");
        }
        return shopifyAdmin.backfill(log);
    }

    /** Whether this deployment calls the Admin API of shops configured with {@code shopify_admin}. */
    public boolean shopifyAdminEnabled() {
        return shopifyAdmin != null;
    }

    // ---------------------------------------------------------------------------------------------
    // The parts, for handlers that need one beside their use case and for the local runner's views.
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

    public synchronized DynamoOrderStore orders() {
        if (orders == null) {
            orders = new DynamoOrderStore(dynamoDb(), tableName);
        }
        return orders;
    }

    public synchronized DynamoConversationStore conversations() {
        if (conversations == null) {
            conversations = new DynamoConversationStore(dynamoDb(), tableName);
        }
        return conversations;
    }

    public synchronized DynamoDataExportStore exports() {
        if (exports == null) {
            exports = new DynamoDataExportStore(dynamoDb(), tableName);
        }
        return exports;
    }

    public synchronized DynamoOutboxStore outbox() {
        if (outbox == null) {
            outbox = new DynamoOutboxStore(dynamoDb(), tableName);
        }
        return outbox;
    }

    public synchronized DynamoDelayStore delays() {
        if (delays == null) {
            delays = new DynamoDelayStore(dynamoDb(), tableName);
        }
        return delays;
    }

    public synchronized DynamoSlaStore slas() {
        if (slas == null) {
            slas = new DynamoSlaStore(dynamoDb(), tableName);
        }
        return slas;
    }

    public synchronized DynamoHelpdeskLinks helpdeskLinks() {
        if (helpdeskLinks == null) {
            helpdeskLinks = new DynamoHelpdeskLinks(dynamoDb(), tableName);
        }
        return helpdeskLinks;
    }

    // The parts that depend on where the system runs: given to the builder, else built from the AWS environment.

    /** The helpdesk connectors (an optional dependency: only the functions that write to or hear from helpdesks carry it). */
    private synchronized List<HelpdeskConnector> helpdeskConnectors() {
        if (helpdeskConnectors == null) {
            helpdeskConnectors = dev.promptly.helpdesk.HelpdeskConnectors.standard(DeferredHttpClient::of);
        }
        return helpdeskConnectors;
    }

    private synchronized Optional<MailTransport> mailTransport() {
        if (mailTransport == null) {
            mailTransport = mailTransportSource != null ? mailTransportSource.get() : adapters("mailTransport").mailTransport();
        }
        return mailTransport;
    }

    private synchronized Map<String, AlertChannel> alertChannels() {
        if (alertChannels == null) {
            Map<String, AlertChannel> channels = new java.util.HashMap<>(alertChannelsSource != null ? alertChannelsSource.get()
                    : adapters("alertChannels").alertChannels(secrets));
            // WhatsApp replies and notices go out beside the alerts, through the Cloud API unless the builder says otherwise.
            channels.putIfAbsent(WhatsAppMessages.CHANNEL, new WhatsAppChannel(config, secrets, whatsAppApi(), clock));
            alertChannels = Map.copyOf(channels);
        }
        return alertChannels;
    }

    /** Who opted out of automatic WhatsApp messages (the same table). */
    public synchronized DynamoWhatsAppOptOutStore whatsAppOptOuts() {
        if (whatsAppOptOuts == null) {
            whatsAppOptOuts = new DynamoWhatsAppOptOutStore(dynamoDb(), tableName);
        }
        return whatsAppOptOuts;
    }

    /** The shops' daily KPI rollups (the same table). */
    public synchronized DynamoKpiStore kpis() {
        if (kpis == null) {
            kpis = new DynamoKpiStore(dynamoDb(), tableName, clock);
        }
        return kpis;
    }

    /** The satisfaction surveys and their ratings (the same table). */
    public synchronized DynamoCsatStore surveys() {
        if (surveys == null) {
            surveys = new DynamoCsatStore(dynamoDb(), tableName);
        }
        return surveys;
    }

    private dev.promptly.aws.dynamodb.DynamoKpiSources kpiSources;

    /** The KPI rollup's reads by index and key range (the same table). */
    public synchronized dev.promptly.aws.dynamodb.DynamoKpiSources kpiSources() {
        if (kpiSources == null) {
            kpiSources = new dev.promptly.aws.dynamodb.DynamoKpiSources(dynamoDb(), tableName);
        }
        return kpiSources;
    }

    /** The KPI rollup: shops' days recomputed from their conversations and delay notices into {@link #kpis()}. */
    public dev.promptly.app.kpi.KpiRollup kpiRollup(JsonLog log) {
        return new dev.promptly.app.kpi.KpiRollup(config, conversations(), slas(), kpiSources(), surveys(), orders(), kpis(), log);
    }

    private Optional<WhatsAppApi> whatsAppApi() {
        return whatsAppApiSource != null ? whatsAppApiSource.get() : Optional.of(new GraphApiClient(GraphApiClient.GRAPH_API, DeferredHttpClient::of));
    }

    private synchronized RawMailEraser rawMailEraser() {
        if (rawMailEraser == null) {
            rawMailEraser = rawMailEraserSource != null ? rawMailEraserSource.get() : adapters("rawMailEraser").rawMailEraser();
        }
        return rawMailEraser;
    }

    private synchronized Function<String, byte[]> rawMail() {
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
