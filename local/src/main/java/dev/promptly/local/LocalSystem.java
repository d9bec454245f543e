package dev.promptly.local;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.promptly.alert.slack.SlackWebhook;
import dev.promptly.app.compliance.NoRawMailToErase;
import dev.promptly.app.inbound.EmailIntake;
import dev.promptly.app.outbox.MailTransport;
import dev.promptly.app.csat.CsatView;
import dev.promptly.app.sla.AgentActivity;
import dev.promptly.aws.AwsClients;
import dev.promptly.aws.dynamodb.DynamoConversationStore;
import dev.promptly.aws.dynamodb.DynamoDelayStore;
import dev.promptly.aws.dynamodb.DynamoOrderStore;
import dev.promptly.aws.dynamodb.DynamoOutboxStore;
import dev.promptly.aws.dynamodb.PromptlyTable;
import dev.promptly.config.ConfigParser;
import dev.promptly.config.PromptlyConfig;
import dev.promptly.config.ShopCalendars;
import dev.promptly.config.ShopConfig;
import dev.promptly.core.ShopDomain;
import dev.promptly.core.delay.DelayRules;
import dev.promptly.core.message.ConversationId;
import dev.promptly.core.shopify.OrderDocument;
import dev.promptly.core.wismo.OrderReport;
import dev.promptly.dynamodblocal.EmbeddedDynamoDb;
import dev.promptly.functions.delay.DelayScanHandler;
import dev.promptly.functions.events.ConversationEventsHandler;
import dev.promptly.functions.helpdesk.HelpdeskEventsHandler;
import dev.promptly.functions.kpi.KpiRollupHandler;
import dev.promptly.functions.export.DataExportHandler;
import dev.promptly.functions.messages.MessagesHandler;
import dev.promptly.functions.outbox.OutboxSweepHandler;
import dev.promptly.functions.sla.SlaMonitorHandler;
import dev.promptly.functions.webhook.ShopifyWebhookHandler;
import dev.promptly.functions.whatsapp.WhatsAppWebhookHandler;
import dev.promptly.whatsapp.GraphApiClient;
import dev.promptly.log.JsonLog;
import dev.promptly.mail.smtp.SmtpMailTransport;
import dev.promptly.wiring.ConfigSource;
import dev.promptly.wiring.ConversationWiring;
import dev.promptly.wiring.DelayWiring;
import dev.promptly.wiring.Deployment;
import dev.promptly.wiring.IntakeWiring;
import dev.promptly.wiring.KpiWiring;
import dev.promptly.wiring.Stores;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Promptly on one machine: DynamoDB Local in-process and the functions' real handlers, wired by the same
 * {@link Deployment} as in Lambda, behind an HTTP server on 127.0.0.1 whose routes mirror
 * {@code template.yaml}'s HTTP API, plus local-only routes under {@code /local} to inspect and reset state
 * and to run the scheduled jobs through their handlers (the outbox sweep every two seconds, the SLA monitor
 * every minute, the delay scan and the weekly KPI digest every 15 minutes, each also on demand).
 */
public final class LocalSystem implements AutoCloseable {
    static final String TABLE = "promptly-local";
    private static final String EXAMPLE_CONFIG = "/dev/promptly/local/promptly.example.json";
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The local routes take a small JSON object at most ({"now": …}, {"release_breaker": …}). */
    static final int LOCAL_BODY_LIMIT = 16 * 1024;
    /** What the digest's schedule gives the SLA monitor's function (template.yaml: SlaMonitorFunction.Events.KpiDigest). */
    private static final byte[] KPI_DIGEST_INPUT = ("{\"job\": \"" + SlaMonitorHandler.KPI_DIGEST_JOB + "\"}").getBytes(StandardCharsets.UTF_8);

    private final EmbeddedDynamoDb dynamo;
    private final DynamoDbClient client;
    private final HttpServer server;
    private final LocalRequestGuard guard;
    private final Object sweepLock = new Object();
    private final PromptlyConfig config;
    private final LocalClock clock;
    private final DynamoOrderStore orders;
    private final DynamoConversationStore conversations;
    private final DynamoOutboxStore outbox;
    private final OutboxSweepHandler outboxSweep;
    private final ShopifyWebhookHandler webhooks;
    private final DataExportHandler exportHandler;
    private final MessagesHandler messages;
    private final LocalInboundMail inboundMail;
    private final EmailIntake emailIntake;
    private final DelayScanHandler delayScan;
    private final DynamoDelayStore delays;
    private final ShopCalendars calendars = new ShopCalendars();
    private final AgentActivity agents;
    private final ConversationEventsHandler conversationEvents;
    private final SlaMonitorHandler slaMonitor;
    private final Deployment deployment;
    private final WhatsAppWebhookHandler whatsapp;
    private final HelpdeskEventsHandler helpdeskEvents;
    private final KpiRollupHandler kpiRollup;
    private final LocalZendesk localZendesk = new LocalZendesk();
    private final LocalDashboard dashboard;
    private final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "promptly-local-jobs");
        t.setDaemon(true);
        return t;
    });

    private LocalSystem(EmbeddedDynamoDb dynamo, PromptlyConfig config, LocalOptions options, PrintStream logs) throws IOException {
        this.dynamo = dynamo;
        // Bound first: the example's helpdesk is this runner's stand-in of Zendesk, at the port it listens on.
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), options.port()), 64);
        config = LocalZendesk.pointedAt(config, server.getAddress().getPort());
        // Survey links open on this runner, which serves GET|POST /csat/{token}.
        config = LocalCsatLinks.pointedAt(config, server.getAddress().getPort());
        this.config = config;
        this.clock = new LocalClock(java.time.Clock.systemUTC(), options.clockStart());
        this.inboundMail = new LocalInboundMail(config, clock);
        this.client = dynamo.newClient();
        var secrets = new AwsClients(false).cachedSecrets(clock);
        Optional<MailTransport> smtp = options.smtpHost() == null ? Optional.empty()
                : Optional.of(new SmtpMailTransport(options.smtpHost(), options.smtpPort()));
        var builder = Deployment.builder().dynamoDb(client, TABLE).config(config).secrets(secrets).clock(clock)
                .logs(function -> new JsonLog(function, logs, java.time.Clock.systemUTC()))
                // Nothing arrives through SES locally, so no raw mail is stored to erase.
                .rawMailEraser(NoRawMailToErase::new)
                // POST /local/inbound-email keeps raw mail as the SES receipt rule's bucket would.
                .rawMail(inboundMail::rawMail)
                .mailTransport(() -> smtp)
                // Slack alerts are posted for real (a literal: webhook URL in a local configuration); SNS needs AWS and
                // is captured without SMTP, refused with it.
                .alertChannels(() -> Map.of(SlackWebhook.CHANNEL, new SlackWebhook(secrets)))
                // WhatsApp goes to a Graph API stand-in given with --whatsapp-api-url, else stays captured in the outbox.
                .whatsAppApi(() -> Optional.ofNullable(options.whatsAppApiUrl()).map(GraphApiClient::new));
        if (options.shopifyAdminUrl() != null) {
            // Never a real shop from a laptop by accident: only a stand-in the developer names.
            builder.shopifyAdminAt(options.shopifyAdminUrl());
        }
        var deployment = builder.build();
        this.deployment = deployment;
        this.orders = Stores.of(deployment).orders();
        this.conversations = Stores.of(deployment).conversations();
        this.outbox = Stores.of(deployment).outbox();
        this.delays = DelayWiring.delays(deployment);
        this.agents = ConversationWiring.agentActivity(deployment);
        this.webhooks = new ShopifyWebhookHandler(deployment);
        this.exportHandler = new DataExportHandler(deployment);
        this.messages = new MessagesHandler(deployment);
        this.emailIntake = IntakeWiring.emailIntake(deployment, deployment.log("inbound-email"));
        this.conversationEvents = new ConversationEventsHandler(deployment);
        this.slaMonitor = new SlaMonitorHandler(deployment);
        this.outboxSweep = new OutboxSweepHandler(deployment);
        this.delayScan = new DelayScanHandler(deployment);
        this.whatsapp = new WhatsAppWebhookHandler(deployment);
        this.helpdeskEvents = new HelpdeskEventsHandler(deployment);
        this.dashboard = new LocalDashboard(config, conversations, orders, agents, Stores.of(deployment).surveys(), KpiWiring.kpis(deployment), clock);
        this.kpiRollup = new KpiRollupHandler(deployment);

        server.setExecutor(Executors.newFixedThreadPool(8));
        this.guard = new LocalRequestGuard(server.getAddress().getPort());
        server.createContext("/", new JsonErrorBoundary(this::route, System.err));
    }

    /** Starts DynamoDB Local and the HTTP server; the caller closes both. */
    public static LocalSystem start(LocalOptions options) throws IOException {
        return start(options, System.out);
    }

    /** As {@link #start(LocalOptions)}, with the functions' log lines written to {@code logs}. */
    static LocalSystem start(LocalOptions options, PrintStream logs) throws IOException {
        PromptlyConfig config = options.config() == null
                ? ConfigParser.parse(exampleConfig(), "the shipped example configuration", true)
                : ConfigSource.loadFile(options.config(), true);
        var tables = List.of(PromptlyTable.createTableRequest(TABLE));
        if (options.dataDir() != null) {
            createDataDir(options.dataDir());
        }
        EmbeddedDynamoDb dynamo = options.dataDir() == null
                ? EmbeddedDynamoDb.inMemory(tables)
                : EmbeddedDynamoDb.persistent(options.dataDir(), tables);
        try {
            var system = new LocalSystem(dynamo, config, options, logs);
            system.server.start();
            // The deployed schedule sweeps every minute; locally a few seconds keeps the outbox current.
            system.timers.scheduleWithFixedDelay(system::sweepQuietly, 2, 2, TimeUnit.SECONDS);
            // The SLA monitor runs every minute, as its schedule does when deployed.
            system.timers.scheduleWithFixedDelay(system::monitorQuietly, 60, 60, TimeUnit.SECONDS);
            // The deployed default rate; POST /local/jobs/delay-scan/run runs it at once.
            system.timers.scheduleWithFixedDelay(system::scanQuietly, 15, 15, TimeUnit.MINUTES);
            // The weekly KPI digest's deployed rate; POST /local/jobs/kpi-digest/run runs it at once.
            system.timers.scheduleWithFixedDelay(system::digestQuietly, 15, 15, TimeUnit.MINUTES);
            // Hourly, as deployed; POST /local/jobs/kpi-rollup/run runs it at once (or for a range of days).
            system.timers.scheduleWithFixedDelay(system::kpiRollupQuietly, 60, 60, TimeUnit.MINUTES);
            return system;
        } catch (IOException | RuntimeException e) {
            dynamo.close();
            throw e;
        }
    }

    /** The first configured shop: the one the demo plays for. */
    ShopConfig firstShop() {
        return config.shops().values().iterator().next();
    }

    /** What the runner says at start about Admin API lookups (issue 17): on with a stand-in, else off. */
    public String shopifyAdminStatus() {
        return deployment.shopifyAdminEnabled()
                ? "Shopify Admin API: live order lookups on, goodwill codes too; calls go to the stand-in given by --shopify-admin-url"
                : "Shopify Admin API: live order lookups, backfill and goodwill codes are off locally (start with --shopify-admin-url URL to use a stand-in)";
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** The table's client, for tests that read what is stored directly (e.g. every item after a redaction). */
    DynamoDbClient tableClient() {
        return client;
    }

    /** The table's name. */
    static String tableName() {
        return TABLE;
    }

    private void route(HttpExchange exchange) throws IOException {
        String method = exchange.getRequestMethod();
        String path = exchange.getRequestURI().getPath();
        List<String> parts = List.of(path.replaceAll("^/+|/+$", "").split("/"));
        byte[] localBody = new byte[0];
        if (path.equals("/local") || path.startsWith("/local/")) {
            Optional<byte[]> admitted = admitLocal(exchange, method,
                    path.equals(LocalInboundMail.PATH) ? LocalInboundMail.MAX_BYTES : LOCAL_BODY_LIMIT);
            if (admitted.isEmpty()) {
                return;
            }
            localBody = admitted.get();
        }
        if (method.equals("POST") && path.equals("/webhooks/shopify")) {
            ApiGatewayBridge.forward(exchange, webhooks::handleRequest, Map.of());
        } else if (method.equals("POST") && path.equals("/messages")) {
            ApiGatewayBridge.forward(exchange, messages::handleRequest, Map.of());
            // In AWS the table's stream triggers the sender at once; here we send right after the write.
            sweepQuietly();
        } else if (method.equals("POST") && parts.size() == 3 && parts.get(0).equals("helpdesks")) {
            ApiGatewayBridge.forward(exchange, helpdeskEvents::handleRequest, Map.of("vendor", parts.get(1), "shop", parts.get(2)));
        } else if (method.equals("PUT") && LocalZendesk.handles(path)) {
            send(exchange, 200, localZendesk.update(path, exchange.getRequestHeaders().getFirst("Authorization"),
                    exchange.getRequestBody().readNBytes(LOCAL_BODY_LIMIT * 16)));
        } else if (method.equals("GET") && path.equals("/local/helpdesk/notes")) {
            send(exchange, 200, localZendesk.notes());
        } else if (method.equals("POST") && parts.size() == 3 && parts.get(0).equals("conversations") && parts.get(2).equals("events")) {
            ApiGatewayBridge.forward(exchange, conversationEvents::handleRequest, Map.of("id", parts.get(1)));
        } else if (method.equals("GET") && parts.size() == 2 && parts.get(0).equals("reports")) {
            ApiGatewayBridge.forward(exchange, conversationEvents::handleRequest, Map.of("shop", parts.get(1)));
        } else if ((method.equals("GET") || method.equals("POST")) && parts.size() == 2 && parts.get(0).equals("csat")) {
            ApiGatewayBridge.forward(exchange, conversationEvents::handleRequest, Map.of("token", parts.get(1)));
        } else if (method.equals("GET") && parts.size() == 2 && parts.get(0).equals("data-requests")) {
            ApiGatewayBridge.forward(exchange, exportHandler::handleRequest, Map.of("requestId", parts.get(1)));
        } else if ((method.equals("GET") || method.equals("POST")) && parts.size() == 2 && parts.get(0).equals("whatsapp")) {
            ApiGatewayBridge.forward(exchange, whatsapp::handleRequest, Map.of("shop", parts.get(1)));
            if (method.equals("POST")) {
                sweepQuietly();
            }
        } else if (method.equals("GET") && (path.equals("/") || path.equals("/index.html"))) {
            sendResource(exchange, "/dev/promptly/local/dashboard.html", "text/html; charset=utf-8");
        } else if (method.equals("GET") && path.equals("/local/shops")) {
            var shops = JSON.createArrayNode();
            config.shops().keySet().forEach(shop -> shops.add(shop.value()));
            send(exchange, 200, shops);
        } else if (method.equals("GET") && path.equals("/local/orders")) {
            listOrders(exchange);
        } else if (method.equals("GET") && path.equals("/health")) {
            send(exchange, 200, JSON.createObjectNode().put("status", "ok"));
        } else if (method.equals("GET") && parts.size() == 4 && parts.get(0).equals("local") && parts.get(1).equals("orders")) {
            showOrder(exchange, parts.get(2), parts.get(3));
        } else if (method.equals("GET") && path.equals("/local/outbox")) {
            sweepQuietly();
            send(exchange, 200, LocalViews.outbox(config, outbox));
        } else if (method.equals("GET") && path.equals("/local/conversations")) {
            listConversations(exchange);
        } else if (method.equals("GET") && parts.size() == 3 && parts.get(0).equals("local") && parts.get(1).equals("conversations")) {
            showConversation(exchange, parts.get(2));
        } else if (method.equals("POST") && path.equals("/local/clock")) {
            setClock(exchange, localBody);
        } else if (method.equals("GET") && path.equals("/local/clock")) {
            send(exchange, 200, JSON.createObjectNode().put("now", clock.instant().toString()));
        } else if (method.equals("GET") && path.equals("/local/dashboard/conversations")) {
            var filter = dashboardFilter(exchange);
            if (filter.isPresent()) {
                send(exchange, 200, dashboard.conversations(filter.get()));
            }
        } else if (method.equals("GET") && path.equals("/local/dashboard/kpis")) {
            var filter = dashboardFilter(exchange);
            if (filter.isPresent()) {
                send(exchange, 200, dashboard.kpis(filter.get().shop(), filter.get().channel() == null ? null : filter.get().channel().wire(),
                        filter.get().intent()));
            }
        } else if (method.equals("POST") && parts.size() == 4 && parts.get(0).equals("local") && parts.get(1).equals("jobs")
                && parts.get(3).equals("run")) {
            runJob(exchange, parts.get(2), localBody);
        } else if (method.equals("POST") && path.equals(LocalInboundMail.PATH)) {
            var answer = inboundMail.accept(emailIntake, exchange.getRequestHeaders().getFirst("X-Promptly-Shop"), localBody);
            // As the table's stream would trigger the sender: the acknowledgement and the team copy go out now.
            sweepQuietly();
            send(exchange, answer.getKey(), answer.getValue());
        } else if (method.equals("GET") && parts.size() == 4 && parts.get(0).equals("local") && parts.get(1).equals("shops")
                && parts.get(3).equals("goodwill")) {
            showGoodwill(exchange, parts.get(2));
        } else if (method.equals("POST") && path.equals("/local/reset")) {
            dynamo.reset();
            clock.reset();
            send(exchange, 200, JSON.createObjectNode().put("status", "reset"));
        } else {
            send(exchange, 404, JSON.createObjectNode().put("error", "no route " + method + " " + path));
        }
    }

    /**
     * The body of a request to a local-only route, or empty after refusing it: 403 when it does not come
     * from this runner's own origin, 413 when its body is longer than the local routes take.
     */
    private Optional<byte[]> admitLocal(HttpExchange exchange, String method, int limit) throws IOException {
        Optional<String> refusal = guard.refusal(method, exchange.getRequestHeaders());
        if (refusal.isPresent()) {
            LocalViews.drain(exchange);
            send(exchange, 403, JSON.createObjectNode().put("error", refusal.get()));
            return Optional.empty();
        }
        Optional<byte[]> body = LocalViews.readBody(exchange, limit);
        if (body.isEmpty()) {
            send(exchange, 413, JSON.createObjectNode().put("error", "body: " + (limit == LOCAL_BODY_LIMIT ? "local routes take" : "this route takes")
                    + " at most " + limit + " bytes"));
        }
        return body;
    }

    /**
     * Sends what is due through the sweep's handler; answers how many records it looked at. One sweep at a
     * time: the timer and a request (say {@code GET /local/outbox}) would otherwise race, and the request
     * could answer while the timer's sweep still holds a record, showing it pending although it is being sent.
     */
    private int sweep() throws IOException {
        synchronized (sweepLock) {
            return invoke(outboxSweep, new byte[0]).path("due").asInt();
        }
    }

    /** Invokes a scheduled function's handler as Lambda would, with {@code input} as the event; its JSON answer. */
    private static ObjectNode invoke(RequestStreamHandler handler, byte[] input) throws IOException {
        var out = new ByteArrayOutputStream();
        handler.handleRequest(new ByteArrayInputStream(input), out, null);
        return (ObjectNode) JSON.readTree(out.toByteArray());
    }

    private void sweepQuietly() {
        try {
            sweep();
        } catch (IOException | RuntimeException e) {
            System.err.println("{\"level\":\"ERROR\",\"event\":\"local.sweep_failed\",\"type\":\"" + e.getClass().getSimpleName() + "\"}");
        }
    }

    private void scanQuietly() {
        try {
            invoke(delayScan, new byte[0]);
        } catch (IOException | RuntimeException e) {
            System.err.println("{\"level\":\"ERROR\",\"event\":\"local.delay_scan_failed\",\"type\":\"" + e.getClass().getSimpleName() + "\"}");
        }
    }

    private void digestQuietly() {
        try {
            invoke(slaMonitor, KPI_DIGEST_INPUT);
            sweepQuietly();
        } catch (IOException | RuntimeException e) {
            System.err.println("{\"level\":\"ERROR\",\"event\":\"local.kpi_digest_failed\",\"type\":\"" + e.getClass().getSimpleName() + "\"}");
        }
    }

    private void monitorQuietly() {
        try {
            invoke(slaMonitor, new byte[0]);
            sweepQuietly();
        } catch (IOException | RuntimeException e) {
            System.err.println("{\"level\":\"ERROR\",\"event\":\"local.sla_monitor_failed\",\"type\":\"" + e.getClass().getSimpleName() + "\"}");
        }
    }

    private void listConversations(HttpExchange exchange) throws IOException {
        Optional<ShopDomain> shop = shopParameter(exchange);
        if (shop.isPresent()) {
            var list = conversations.list(shop.get());
            var array = LocalViews.conversations(list);
            // Each conversation's clocks in short, for the dashboard (local only: one log read per conversation).
            for (int i = 0; i < list.size(); i++) {
                var item = (ObjectNode) array.get(i);
                agents.view(shop.get(), list.get(i).id()).ifPresent(sla -> item.set("sla", LocalViews.slaSummary(sla)));
                item.set("csat", CsatView.json(Stores.of(deployment).surveys().outcome(shop.get(), list.get(i).id()), false));
            }
            send(exchange, 200, array);
        }
    }

    private void listOrders(HttpExchange exchange) throws IOException {
        Optional<ShopDomain> shop = shopParameter(exchange);
        if (shop.isPresent()) {
            var list = JSON.createArrayNode();
            var shopConfig = config.shop(shop.get());
            orders.list(shop.get()).forEach(stored -> {
                var json = OrderDocument.toJson(stored.order());
                shopConfig.ifPresent(c -> {
                    json.put("stage", OrderReport.of(stored.order(), c.calendar(), c.delayPolicy(), clock.instant()).stage().key());
                    json.set("delay", delayState(c, stored.order()));
                    LocalDashboard.localTimes(json, c);
                });
                list.add(json);
            });
            send(exchange, 200, list);
        }
    }

    /** The dashboard's filters from the query, or empty after answering 400 naming the parameter. */
    private Optional<DashboardConversations.Filter> dashboardFilter(HttpExchange exchange) throws IOException {
        try {
            return Optional.of(DashboardConversations.Filter.of(exchange.getRequestURI(), config));
        } catch (dev.promptly.core.error.InvalidInputException e) {
            send(exchange, 400, JSON.createObjectNode().put("error", e.getMessage()));
            return Optional.empty();
        }
    }

    /** The {@code ?shop=} parameter, or empty after answering 400 naming the problem. */
    private Optional<ShopDomain> shopParameter(HttpExchange exchange) throws IOException {
        String shop = LocalViews.queryParameter(exchange.getRequestURI(), "shop");
        try {
            return Optional.of(ShopDomain.parse(shop, "shop"));
        } catch (dev.promptly.core.error.InvalidInputException e) {
            send(exchange, 400, JSON.createObjectNode().put("error", e.getMessage() + " (query parameter, e.g. ?shop=demo-shop.myshopify.com)"));
            return Optional.empty();
        }
    }

    private static void sendResource(HttpExchange exchange, String resource, String contentType) throws IOException {
        try (InputStream in = LocalSystem.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing from the jar: " + resource);
            }
            byte[] bytes = in.readAllBytes();
            exchange.getResponseHeaders().set("Content-Type", contentType);
            exchange.getResponseHeaders().set("Cache-Control", "no-store");
            exchange.sendResponseHeaders(200, bytes.length);
            exchange.getResponseBody().write(bytes);
        }
    }

    private void showConversation(HttpExchange exchange, String id) throws IOException {
        var conversationId = ConversationId.parse(id);
        if (conversationId.isEmpty()) {
            send(exchange, 400, JSON.createObjectNode().put("error", "id: not a conversation id or ticket (e.g. PR-7K3M9QX2AB)"));
            return;
        }
        String shop = LocalViews.queryParameter(exchange.getRequestURI(), "shop");
        for (ShopDomain domain : config.shops().keySet()) {
            if (shop != null && !domain.value().equals(shop)) {
                continue;
            }
            var stored = conversations.load(domain, conversationId.get());
            if (stored.isPresent()) {
                ObjectNode view = LocalViews.conversation(stored.get(), conversations.ackDecision(domain, conversationId.get()),
                        conversations.messages(domain, conversationId.get()), outbox.list(domain));
                LocalViews.addDeliveryStates((com.fasterxml.jackson.databind.node.ArrayNode) view.get("outbox"), outbox);
                agents.view(domain, conversationId.get()).ifPresent(sla -> view.set("sla", sla));
                // The survey and its rating; the comment too, as this view shows the customer's messages anyway.
                view.set("csat", CsatView.json(Stores.of(deployment).surveys().outcome(domain, conversationId.get()), true));
                send(exchange, 200, view);
                return;
            }
        }
        send(exchange, 404, JSON.createObjectNode().put("error", "no conversation " + id));
    }

    private void setClock(HttpExchange exchange, byte[] input) throws IOException {
        var body = LocalViews.readJson(input);
        if (body == null || !body.isObject() || (body.has("now") == body.has("advance"))) {
            send(exchange, 400, JSON.createObjectNode().put("error", "body: give exactly one of {\"now\": \"<ISO-8601 instant>\"} or {\"advance\": \"PT2H\"}"));
            return;
        }
        try {
            if (body.has("now")) {
                clock.set(java.time.Instant.parse(body.get("now").asText()));
            } else {
                java.time.Duration by = java.time.Duration.parse(body.get("advance").asText());
                if (by.isNegative()) {
                    send(exchange, 400, JSON.createObjectNode().put("error", "advance: must not be negative; use \"now\" to go back"));
                    return;
                }
                clock.advance(by);
            }
        } catch (java.time.format.DateTimeParseException e) {
            send(exchange, 400, JSON.createObjectNode().put("error", (body.has("now") ? "now: must be an ISO-8601 instant such as 2026-03-29T01:30:00Z"
                    : "advance: must be an ISO-8601 duration such as PT2H")));
            return;
        }
        send(exchange, 200, JSON.createObjectNode().put("now", clock.instant().toString()));
    }

    private void runJob(HttpExchange exchange, String job, byte[] input) throws IOException {
        if (job.equals("outbox-send")) {
            int due = sweep();
            send(exchange, 200, JSON.createObjectNode().put("job", job).put("due", due).put("now", clock.instant().toString()));
        } else if (job.equals("delay-scan")) {
            runDelayScan(exchange, input);
        } else if (job.equals("sla-monitor")) {
            ObjectNode run = invoke(slaMonitor, new byte[0]);
            // In AWS the stream sends the new alert records at once; here the sender runs right after.
            sweepQuietly();
            ObjectNode answer = JSON.createObjectNode().put("job", job);
            answer.setAll(run);
            send(exchange, 200, answer);
        } else if (job.equals("kpi-digest")) {
            ObjectNode answer = JSON.createObjectNode().put("job", job);
            answer.setAll(invoke(slaMonitor, KPI_DIGEST_INPUT));
            // As the stream would in AWS: the digests recorded now go out at once.
            sweepQuietly();
            send(exchange, 200, answer);
        } else if (job.equals("backfill")) {
            runBackfill(exchange, input);
        } else if (job.equals("kpi-rollup")) {
            runKpiRollup(exchange, input);
        } else {
            send(exchange, 404, JSON.createObjectNode().put("error", "no job " + job + " (known: outbox-send, delay-scan, sla-monitor, kpi-digest, backfill, kpi-rollup)"));
        }
    }

    /**
     * Runs the backfill through the delay scan's handler, as {@code {"backfill": {"shop": "...", "days": 60}}}
     * invokes it in AWS; the body may be that or just its inner object. Bad input is a 400 naming the field.
     */
    private void runBackfill(HttpExchange exchange, byte[] input) throws IOException {
        ObjectNode request = operatorRequest(input, "backfill");
        if (request == null) {
            send(exchange, 400, JSON.createObjectNode().put("error", "body: {\"shop\": \"<shop domain>\", \"days\": 60}"));
            return;
        }
        try {
            ObjectNode answer = invoke(delayScan, JSON.writeValueAsBytes(request));
            sweep();
            send(exchange, 200, answer);
        } catch (dev.promptly.core.error.PromptlyException e) {
            send(exchange, 400, JSON.createObjectNode().put("error", e.getMessage()));
        }
    }

    /**
     * Runs the delay scan's handler as its schedule would (an empty body), or with the body given, e.g.
     * {@code {"release_breaker": "<shop>"}}; then sends what it wrote, as the table's stream would.
     */
    private void runDelayScan(HttpExchange exchange, byte[] input) throws IOException {
        if (input.length > 0) {
            JsonNode body;
            try {
                body = JSON.readTree(input);
            } catch (IOException e) {
                body = null;
            }
            if (body == null || !body.isObject() || (body.size() > 0 && !body.path("release_breaker").isTextual())) {
                send(exchange, 400, JSON.createObjectNode().put("error",
                        "body: empty, {} or {\"release_breaker\": \"<shop domain>\"}"));
                return;
            }
        }
        ObjectNode answer = JSON.createObjectNode().put("job", "delay-scan");
        answer.setAll(invoke(delayScan, input));
        sweep();
        answer.put("now", clock.instant().toString());
        send(exchange, 200, answer);
    }

    /**
     * {@code GET /local/shops/{shop}/goodwill}: the shop's goodwill budget this month (issue 17), as the delay
     * scan's report shows it, and whether codes are created here at all (they need --shopify-admin-url).
     */
    private void showGoodwill(HttpExchange exchange, String shop) throws IOException {
        Optional<ShopConfig> found;
        try {
            found = config.shop(new ShopDomain(shop));
        } catch (IllegalArgumentException e) {
            found = Optional.empty();
        }
        if (found.isEmpty()) {
            send(exchange, 404, JSON.createObjectNode().put("error", "shop: no configured shop " + shop));
            return;
        }
        ObjectNode answer = JSON.createObjectNode().put("shop", found.get().domain().value())
                .put("configured", found.get().goodwill().enabled())
                .put("codes_created_here", found.get().goodwill().enabled() && deployment.shopifyAdminEnabled()
                        && found.get().adminApi().isPresent());
        dev.promptly.app.delay.GoodwillBudget.of(found.get(), new dev.promptly.aws.dynamodb.DynamoGoodwillStore(client, TABLE), clock.instant())
                .ifPresent(budget -> answer.set("budget", dev.promptly.functions.delay.DelayScanHandler.budget(budget)));
        send(exchange, 200, answer);
    }

    /**
     * Runs the KPI rollup's handler as its hourly schedule would (an empty body), or for a range of days with
     * {@code {"kpi_rollup": {"shop": "...", "from": "2026-11-01", "to": "2026-11-30"}}} or just its inner object, as an
     * operator invokes it in AWS. Bad input is a 400 naming the field.
     */
    private void runKpiRollup(HttpExchange exchange, byte[] input) throws IOException {
        byte[] event = new byte[0];
        if (input.length > 0) {
            ObjectNode request = operatorRequest(input, "kpi_rollup");
            if (request == null) {
                send(exchange, 400, JSON.createObjectNode().put("error",
                        "body: empty, or {\"shop\": \"<shop domain>\", \"from\": \"2026-11-01\", \"to\": \"2026-11-30\"}"));
                return;
            }
            if (request.get("kpi_rollup").size() > 0) {
                event = JSON.writeValueAsBytes(request);
            }
        }
        try {
            ObjectNode answer = JSON.createObjectNode().put("job", "kpi-rollup");
            answer.setAll(invoke(kpiRollup, event));
            send(exchange, 200, answer);
        } catch (dev.promptly.core.error.PromptlyException e) {
            send(exchange, 400, JSON.createObjectNode().put("error", e.getMessage()));
        }
    }

    /**
     * An operator's invocation event {@code {"<field>": {…}}} from a local body that is that or just its inner
     * object; null when the body is not a JSON object.
     */
    private static ObjectNode operatorRequest(byte[] input, String field) {
        JsonNode body;
        try {
            body = JSON.readTree(input);
        } catch (IOException e) {
            return null;
        }
        if (body == null || !body.isObject()) {
            return null;
        }
        ObjectNode request = JSON.createObjectNode();
        request.set(field, body.has(field) ? body.get(field) : body);
        return request;
    }

    private void kpiRollupQuietly() {
        try {
            invoke(kpiRollup, new byte[0]);
        } catch (IOException | RuntimeException e) {
            System.err.println("{\"level\":\"ERROR\",\"event\":\"local.kpi_rollup_failed\",\"type\":\"" + e.getClass().getSimpleName() + "\"}");
        }
    }

    private void showOrder(HttpExchange exchange, String shop, String orderId) throws IOException {
        ShopDomain domain;
        try {
            domain = ShopDomain.parse(shop, "shop");
        } catch (RuntimeException e) {
            send(exchange, 400, JSON.createObjectNode().put("error", e.getMessage()));
            return;
        }
        var stored = orders.load(domain, orderId);
        if (stored.isEmpty()) {
            send(exchange, 404, JSON.createObjectNode().put("error", "no order " + orderId + " stored for shop " + domain));
            return;
        }
        ObjectNode body = OrderDocument.toJson(stored.get().order());
        body.put("version", stored.get().version());
        config.shop(domain).ifPresent(c -> body.set("delay", delayState(c, stored.get().order())));
        send(exchange, 200, body);
    }

    /** What the delay scan sees in an order now, the notices decided for it and its next check. */
    private ObjectNode delayState(ShopConfig shop, dev.promptly.core.shopify.Order order) {
        var assessment = new DelayRules().assess(order, shop.delayPolicy(), calendars.of(shop),
                clock.instant());
        return LocalViews.delayState(assessment, delays.decisions(shop.domain(), order.orderId()),
                delays.nextCheck(shop.domain(), order.orderId()));
    }

    static void send(HttpExchange exchange, int status, Object body) throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(body);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    /** Creates {@code --data-dir} when missing; a path that is not a directory is named. */
    private static void createDataDir(java.nio.file.Path dir) {
        try {
            java.nio.file.Files.createDirectories(dir);
        } catch (IOException e) {
            throw new IllegalArgumentException("--data-dir: cannot create directory " + dir + " (" + e.getClass().getSimpleName() + ")");
        }
    }

    private static String exampleConfig() {
        try (InputStream in = LocalSystem.class.getResourceAsStream(EXAMPLE_CONFIG)) {
            if (in == null) {
                throw new IllegalStateException("the example configuration is missing from the jar: " + EXAMPLE_CONFIG);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        timers.shutdownNow();
        server.stop(0);
        client.close();
        dynamo.close();
    }
}
