package dev.promptly.local;

import com.sun.net.httpserver.HttpServer;
import dev.promptly.shopify.admin.ShopifyAdminClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;

/**
 * A shop Admin API stand-in that knows no order: every {@code orders} query on the pinned version's
 * GraphQL path is answered with an empty page, anything else with 404. For tests that need the calls
 * made (and the tokens read), not their results.
 */
final class EmptyAdminApi {
    private static final byte[] EMPTY = """
            {"data":{"orders":{"nodes":[],"pageInfo":{"hasNextPage":false,"endCursor":null}}}}
            """.getBytes(StandardCharsets.UTF_8);

    private final HttpServer server;

    private EmptyAdminApi(HttpServer server) {
        this.server = server;
    }

    static EmptyAdminApi start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext("/admin/api/" + ShopifyAdminClient.API_VERSION + "/graphql.json", exchange -> {
                exchange.getRequestBody().readAllBytes();
                exchange.getResponseHeaders().set("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, EMPTY.length);
                exchange.getResponseBody().write(EMPTY);
                exchange.close();
            });
            server.start();
            return new EmptyAdminApi(server);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    URI origin() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    void stop() {
        server.stop(0);
    }
}
