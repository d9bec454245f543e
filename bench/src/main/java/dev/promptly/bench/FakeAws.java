package dev.promptly.bench;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Stand-ins on loopback for the AWS calls Promptly makes without DynamoDB: S3 {@code GetObject}
 * (path-style, the raw mail SES stored), SES v2 {@code SendEmail} and SSM {@code GetParameter} (the
 * deployed configuration and its secrets, see {@link DeployedConfig}). All answer at once; the
 * signature is not checked (the functions' own tests check it).
 */
final class FakeAws implements AutoCloseable {
    static final String BUCKET = "promptly-bench-mail";
    static final String PREFIX = "inbound/";

    private final HttpServer server;
    private final Map<String, byte[]> objects = new ConcurrentHashMap<>();
    private final Map<String, String> parameters = new ConcurrentHashMap<>();
    private final AtomicInteger mailsSent = new AtomicInteger();

    FakeAws() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        server.setExecutor(Executors.newFixedThreadPool(4, r -> {
            Thread t = new Thread(r, "fake-aws");
            t.setDaemon(true);
            return t;
        }));
        server.createContext("/", this::answer);
        server.start();
    }

    URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    void putMail(String sesMessageId, byte[] raw) {
        objects.put("/" + BUCKET + "/" + PREFIX + sesMessageId, raw);
    }

    void putParameters(Map<String, String> values) {
        parameters.putAll(values);
    }

    void resetMailsSent() {
        mailsSent.set(0);
    }

    int mailsSent() {
        return mailsSent.get();
    }

    private void answer(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] request = exchange.getRequestBody().readAllBytes();
            String path = exchange.getRequestURI().getPath();
            if ("AmazonSSM.GetParameter".equals(exchange.getRequestHeaders().getFirst("X-Amz-Target"))) {
                parameter(exchange, request);
                return;
            }
            if ("POST".equals(exchange.getRequestMethod()) && path.endsWith("/v2/email/outbound-emails")) {
                byte[] body = ("{\"MessageId\":\"bench-" + mailsSent.incrementAndGet() + "\"}").getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, body.length);
                exchange.getResponseBody().write(body);
                return;
            }
            byte[] object = objects.get(path);
            exchange.sendResponseHeaders(object == null ? 404 : 200, object == null ? -1 : object.length);
            if (object != null) {
                exchange.getResponseBody().write(object);
            }
        }
    }

    /** SSM's JSON protocol: {@code {"Name": …}} in, {@code {"Parameter": {"Name", "Value"}}} out, 400 ParameterNotFound otherwise. */
    private void parameter(HttpExchange exchange, byte[] request) throws IOException {
        String name = BenchEvents.tree(new String(request, StandardCharsets.UTF_8)).path("Name").asText();
        String value = parameters.get(name);
        var answer = BenchEvents.JSON.createObjectNode();
        if (value == null) {
            answer.put("__type", "ParameterNotFound");
        } else {
            answer.putObject("Parameter").put("Name", name).put("Type", "SecureString").put("Value", value);
        }
        byte[] body = answer.toString().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/x-amz-json-1.1");
        exchange.sendResponseHeaders(value == null ? 400 : 200, body.length);
        exchange.getResponseBody().write(body);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
