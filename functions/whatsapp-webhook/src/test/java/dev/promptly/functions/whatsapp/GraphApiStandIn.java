package dev.promptly.functions.whatsapp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * An in-process stand-in for the Graph API's {@code POST /{version}/{phone-number-id}/messages}: it
 * records each request and answers as Meta documents, with a message id, or with the queued error.
 */
final class GraphApiStandIn implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One request as received. */
    record Received(String method, String path, String authorization, JsonNode body) {
    }

    private final HttpServer server;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final Deque<int[]> errors = new ArrayDeque<>();
    private volatile Consumer<String> duringSend = wamid -> { };

    GraphApiStandIn() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", exchange -> {
            JsonNode body = JSON.readTree(exchange.getRequestBody().readAllBytes());
            received.add(new Received(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                    exchange.getRequestHeaders().getFirst("Authorization"), body));
            int[] error;
            synchronized (errors) {
                error = errors.poll();
            }
            if (error == null) {
                // What Meta may do before its answer reaches the sender: report on the message it accepted.
                duringSend.accept("wamid.sent-" + received.size());
            }
            String answer = error == null
                    ? "{\"messaging_product\":\"whatsapp\",\"contacts\":[{\"input\":\"" + body.path("to").asText() + "\",\"wa_id\":\""
                      + body.path("to").asText().replace("+", "") + "\"}],\"messages\":[{\"id\":\"wamid.sent-" + received.size() + "\"}]}"
                    : "{\"error\":{\"message\":\"(#" + error[1] + ")\",\"type\":\"OAuthException\",\"code\":" + error[1] + "}}";
            byte[] out = answer.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(error == null ? 200 : error[0], out.length);
            exchange.getResponseBody().write(out);
            exchange.close();
        });
        server.start();
    }

    URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** Runs {@code action} with the message id of each accepted send before the answer is sent back. */
    void duringSend(Consumer<String> action) {
        duringSend = action;
    }

    /** The next request is refused with HTTP {@code status} and Cloud API error {@code code}. */
    void refuseNext(int status, int code) {
        synchronized (errors) {
            errors.add(new int[] {status, code});
        }
    }

    List<Received> received() {
        return List.copyOf(received);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
