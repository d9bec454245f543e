package dev.promptly.local;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.promptly.app.ConfigSource;
import dev.promptly.app.compliance.DataExportLookup;
import dev.promptly.app.webhook.WebhookIntake;
import dev.promptly.aws.AwsClients;
import dev.promptly.aws.dynamodb.DynamoDataExportStore;
import dev.promptly.aws.dynamodb.DynamoOrderStore;
import dev.promptly.aws.dynamodb.PromptlyTable;
import dev.promptly.config.ConfigParser;
import dev.promptly.config.PromptlyConfig;
import dev.promptly.core.ShopDomain;
import dev.promptly.core.shopify.OrderDocument;
import dev.promptly.dynamodblocal.EmbeddedDynamoDb;
import dev.promptly.functions.export.DataExportHandler;
import dev.promptly.functions.webhook.ShopifyWebhookHandler;
import dev.promptly.log.JsonLog;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Promptly on one machine: DynamoDB Local in-process and the functions' real handlers behind an HTTP
 * server on 127.0.0.1 whose routes mirror {@code template.yaml}'s HTTP API, plus local-only routes under
 * {@code /local} to inspect and reset state.
 */
public final class LocalSystem implements AutoCloseable {
    static final String TABLE = "promptly-local";
    private static final String EXAMPLE_CONFIG = "/dev/promptly/local/promptly.example.json";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final EmbeddedDynamoDb dynamo;
    private final DynamoDbClient client;
    private final HttpServer server;
    private final DynamoOrderStore orders;

    private LocalSystem(EmbeddedDynamoDb dynamo, PromptlyConfig config, int port) throws IOException {
        this.dynamo = dynamo;
        this.client = dynamo.newClient();
        Clock clock = Clock.systemUTC();
        var secrets = new AwsClients(false).cachedSecrets(clock);
        this.orders = new DynamoOrderStore(client, TABLE);
        var exports = new DynamoDataExportStore(client, TABLE);
        var webhooks = new ShopifyWebhookHandler(new WebhookIntake(config, secrets, orders, exports, clock),
                JsonLog.toStdout("shopify-webhook"));
        var exportHandler = new DataExportHandler(new DataExportLookup(config, secrets, exports, clock),
                JsonLog.toStdout("data-export"));

        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 64);
        server.setExecutor(Executors.newFixedThreadPool(8));
        server.createContext("/", exchange -> route(exchange, webhooks, exportHandler));
    }

    /** Starts DynamoDB Local and the HTTP server; the caller closes both. */
    public static LocalSystem start(LocalOptions options) throws IOException {
        PromptlyConfig config = options.config() == null
                ? ConfigParser.parse(exampleConfig(), "the shipped example configuration", true)
                : ConfigSource.loadFile(options.config(), true);
        var tables = List.of(PromptlyTable.createTableRequest(TABLE));
        EmbeddedDynamoDb dynamo = options.dataDir() == null
                ? EmbeddedDynamoDb.inMemory(tables)
                : EmbeddedDynamoDb.persistent(options.dataDir(), tables);
        try {
            var system = new LocalSystem(dynamo, config, options.port());
            system.server.start();
            return system;
        } catch (IOException | RuntimeException e) {
            dynamo.close();
            throw e;
        }
    }

    public int port() {
        return server.getAddress().getPort();
    }

    private void route(HttpExchange exchange, ShopifyWebhookHandler webhooks, DataExportHandler exportHandler) throws IOException {
        try (exchange) {
            String method = exchange.getRequestMethod();
            String path = exchange.getRequestURI().getPath();
            List<String> parts = List.of(path.replaceAll("^/+|/+$", "").split("/"));
            if (method.equals("POST") && path.equals("/webhooks/shopify")) {
                ApiGatewayBridge.forward(exchange, webhooks::handleRequest, Map.of());
            } else if (method.equals("GET") && parts.size() == 2 && parts.get(0).equals("data-requests")) {
                ApiGatewayBridge.forward(exchange, exportHandler::handleRequest, Map.of("requestId", parts.get(1)));
            } else if (method.equals("GET") && path.equals("/health")) {
                send(exchange, 200, JSON.createObjectNode().put("status", "ok"));
            } else if (method.equals("GET") && parts.size() == 4 && parts.get(0).equals("local") && parts.get(1).equals("orders")) {
                showOrder(exchange, parts.get(2), parts.get(3));
            } else if (method.equals("POST") && path.equals("/local/reset")) {
                dynamo.reset();
                send(exchange, 200, JSON.createObjectNode().put("status", "reset"));
            } else {
                send(exchange, 404, JSON.createObjectNode().put("error", "no route " + method + " " + path));
            }
        } catch (RuntimeException e) {
            // The Lambda runtime would answer 500 (API Gateway: "Internal Server Error"); so do we.
            System.err.println("{\"level\":\"ERROR\",\"event\":\"local.unhandled\",\"type\":\"" + e.getClass().getSimpleName() + "\"}");
            e.printStackTrace();
            send(exchange, 500, JSON.createObjectNode().put("message", "Internal Server Error"));
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
        send(exchange, 200, body);
    }

    static void send(HttpExchange exchange, int status, Object body) throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(body);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
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
        server.stop(0);
        client.close();
        dynamo.close();
    }
}
