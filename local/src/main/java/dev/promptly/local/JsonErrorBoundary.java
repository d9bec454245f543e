package dev.promptly.local;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * Answers every request, whatever goes wrong inside: an exception or error that escapes a route becomes
 * a 500 with a JSON body (as the Lambda runtime behind API Gateway answers "Internal Server Error")
 * instead of a connection closed with no answer. Only the failure's type is logged, never the request.
 */
final class JsonErrorBoundary implements HttpHandler {
    static final String BODY = "{\"message\":\"Internal Server Error\"}";

    private final HttpHandler inner;
    private final PrintStream log;

    JsonErrorBoundary(HttpHandler inner, PrintStream log) {
        this.inner = inner;
        this.log = log;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try {
            inner.handle(exchange);
        } catch (Throwable e) { // StackOverflowError and IOException too: the client still gets an answer
            log.println("{\"level\":\"ERROR\",\"event\":\"local.unhandled\",\"type\":\"" + e.getClass().getSimpleName() + "\"}");
            if (exchange.getResponseCode() == -1) {
                byte[] body = BODY.getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().set("Content-Type", "application/json");
                exchange.sendResponseHeaders(500, body.length);
                exchange.getResponseBody().write(body);
            }
            if (e instanceof OutOfMemoryError oom) {
                throw oom;
            }
        } finally {
            // Closed only now: a resource closed by try-with-resources would be gone before the answer.
            exchange.close();
        }
    }
}
