package dev.promptly.local;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * Turns a local HTTP request into the API Gateway HTTP API (payload 2.0) event Lambda would receive, and
 * the handler's response back: header names lower-cased, the body passed base64-encoded so its exact
 * bytes reach the signature check, as API Gateway does for non-text bodies.
 */
final class ApiGatewayBridge {
    /** Read at most this much; the handler refuses anything over its own, smaller limit. */
    private static final int READ_LIMIT = 4 * 1024 * 1024;

    private ApiGatewayBridge() {
    }

    static void forward(HttpExchange exchange,
                        BiFunction<APIGatewayV2HTTPEvent, com.amazonaws.services.lambda.runtime.Context, APIGatewayV2HTTPResponse> handler,
                        Map<String, String> pathParameters) throws IOException {
        byte[] body = readLimited(exchange.getRequestBody());
        Map<String, String> headers = new HashMap<>();
        for (Map.Entry<String, List<String>> header : exchange.getRequestHeaders().entrySet()) {
            headers.put(header.getKey().toLowerCase(Locale.ROOT), String.join(",", header.getValue()));
        }
        Map<String, String> query = new HashMap<>();
        String rawQuery = exchange.getRequestURI().getRawQuery();
        LocalViews.queryParameters(exchange.getRequestURI()).forEach((name, values) -> query.put(name, values.get(values.size() - 1)));
        var event = APIGatewayV2HTTPEvent.builder()
                .withRawPath(exchange.getRequestURI().getPath())
                .withRawQueryString(rawQuery == null ? "" : rawQuery)
                .withQueryStringParameters(query.isEmpty() ? null : query)
                .withHeaders(headers)
                .withPathParameters(pathParameters)
                // The method, for a function that serves more than one route (GET and POST /whatsapp/{shop}).
                .withRequestContext(APIGatewayV2HTTPEvent.RequestContext.builder().withHttp(APIGatewayV2HTTPEvent.RequestContext.Http.builder()
                        .withMethod(exchange.getRequestMethod()).withPath(exchange.getRequestURI().getPath()).build()).build())
                .withBody(Base64.getEncoder().encodeToString(body))
                .withIsBase64Encoded(true)
                .build();
        APIGatewayV2HTTPResponse response = handler.apply(event, null);
        // As API Gateway does, a body the handler marks base64-encoded goes out decoded (e.g. a gzip export).
        byte[] out = response.getBody() == null ? new byte[0] : response.getIsBase64Encoded()
                ? Base64.getDecoder().decode(response.getBody()) : response.getBody().getBytes(StandardCharsets.UTF_8);
        if (response.getHeaders() != null) {
            response.getHeaders().forEach((k, v) -> exchange.getResponseHeaders().set(k, v));
        }
        exchange.sendResponseHeaders(response.getStatusCode(), out.length == 0 ? -1 : out.length);
        if (out.length > 0) {
            exchange.getResponseBody().write(out);
        }
    }

    private static byte[] readLimited(InputStream in) throws IOException {
        byte[] bytes = in.readNBytes(READ_LIMIT + 1);
        // Drain the rest so the client sees our answer rather than a reset connection.
        in.transferTo(java.io.OutputStream.nullOutputStream());
        return bytes;
    }
}
