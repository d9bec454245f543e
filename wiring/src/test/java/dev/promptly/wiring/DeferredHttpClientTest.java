package dev.promptly.wiring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** An adapter's HTTP client costs its function's cold start nothing until the adapter calls its API, or SnapStart primes it. */
class DeferredHttpClientTest {

    @Test
    void theClientIsBuiltWhenTheFirstRequestIsSentAndCarriesItWithTheBuildersSettings() throws Exception {
        List<String> received = new CopyOnWriteArrayList<>();
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/hook", exchange -> {
            received.add(exchange.getRequestMethod() + " " + new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            exchange.sendResponseHeaders(200, 2);
            exchange.getResponseBody().write("ok".getBytes(StandardCharsets.UTF_8));
            exchange.close();
        });
        server.start();
        try {
            // given a client deferred as the composition root defers the adapters'
            var deferred = DeferredHttpClient.of(HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).version(HttpClient.Version.HTTP_1_1));
            assertFalse(deferred.built(), "nothing is built before a request");

            // when an adapter sends through it
            var response = deferred.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/hook"))
                    .POST(HttpRequest.BodyPublishers.ofString("alert")).build(), HttpResponse.BodyHandlers.ofString());

            // then the request arrives, through a client with the builder's settings
            assertEquals("ok", response.body());
            assertEquals(List.of("POST alert"), received);
            assertTrue(deferred.built());
            assertEquals(HttpClient.Version.HTTP_1_1, deferred.version());
            assertEquals(Duration.ofSeconds(3), deferred.connectTimeout().orElseThrow());
        } finally {
            server.stop(0);
        }
    }

    @Test
    void snapStartPrimingBuildsTheClientBeforeTheSnapshot() {
        var deferred = DeferredHttpClient.of(HttpClient.newBuilder());

        deferred.beforeCheckpoint(null);

        assertTrue(deferred.built());
    }

    @Test
    void theClientIsBuiltOnceHoweverOftenItIsUsed() {
        var deferred = DeferredHttpClient.of(HttpClient.newBuilder());

        HttpClient first = deferred.client();
        deferred.beforeCheckpoint(null);

        assertTrue(first == deferred.client(), "one client for every use");
    }
}
