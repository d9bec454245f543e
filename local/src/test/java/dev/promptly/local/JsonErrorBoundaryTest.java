package dev.promptly.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Whatever escapes a route, the client reads a 500 with a JSON body rather than a closed connection. */
class JsonErrorBoundaryTest {
    private final ByteArrayOutputStream log = new ByteArrayOutputStream();

    private HttpResponse<String> callThrough(HttpHandler route) throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", new JsonErrorBoundary(route, new PrintStream(log, true, StandardCharsets.UTF_8)));
        server.start();
        try {
            return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/x"))
                    .POST(HttpRequest.BodyPublishers.ofString("{\"secret\": \"anna@example.com\"}")).build(), HttpResponse.BodyHandlers.ofString());
        } finally {
            server.stop(0);
        }
    }

    @Test
    void aStackOverflowInARouteIsAnswered500WithJson() throws Exception {
        var response = callThrough(exchange -> {
            throw new StackOverflowError();
        });

        assertEquals(500, response.statusCode());
        assertEquals(JsonErrorBoundary.BODY, response.body());
        assertEquals("application/json", response.headers().firstValue("Content-Type").orElse(""));
        assertTrue(log.toString(StandardCharsets.UTF_8).contains("\"type\":\"StackOverflowError\""));
    }

    @Test
    void anIoFailureInARouteIsAnswered500WithJsonAndNothingOfTheRequestLogged() throws Exception {
        var response = callThrough(exchange -> {
            exchange.getRequestBody().readAllBytes();
            throw new IOException("disk gone for anna@example.com");
        });

        assertEquals(500, response.statusCode());
        assertEquals(JsonErrorBoundary.BODY, response.body());
        assertTrue(!log.toString(StandardCharsets.UTF_8).contains("anna@example.com"), log.toString(StandardCharsets.UTF_8));
    }

    @Test
    void anAnswerAlreadyStartedIsLeftAsItIs() throws Exception {
        var response = callThrough(exchange -> {
            exchange.sendResponseHeaders(202, -1);
            throw new IllegalStateException("after the answer");
        });

        assertEquals(202, response.statusCode());
    }
}
