package dev.promptly.edge;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.promptly.core.error.InvalidInputException;
import dev.promptly.core.error.JsonProblem;
import dev.promptly.core.json.JsonTrees;
import dev.promptly.log.JsonLog;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * Reads an API Gateway HTTP API event of payload format 2.0 and writes the function's answer, with the Jackson
 * the functions already load, so that the Lambda runtime never brings up its own serialisation library for
 * them (through the runtime interface client that alone cost a typed handler 1.30× a stream handler's cold
 * start). Both shapes are as documented in "Create AWS Lambda proxy integrations for HTTP APIs",
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-develop-integrations-lambda.html:
 * <ul>
 *   <li>The event: {@code rawPath}, {@code rawQueryString}, {@code routeKey}, {@code cookies},
 *       {@code headers} (names lower-cased; repeated headers arrive joined by commas in one value, the format
 *       has no {@code multiValueHeaders}), {@code queryStringParameters} (repeats joined by commas),
 *       {@code pathParameters}, {@code stageVariables}, {@code body}, {@code isBase64Encoded} and
 *       {@code requestContext} ({@code http.method}, {@code http.path}, {@code http.sourceIp}, ...). Only
 *       these fields are read; the rest (authorizer, TLS details) are skipped, and any may be missing.</li>
 *   <li>The answer: {@code statusCode}, {@code headers}, {@code body}, {@code isBase64Encoded} and
 *       {@code cookies} (each becomes a {@code set-cookie} header). Format 2.0 knows no multi-value
 *       response headers, so such values are joined with commas into one header (RFC 9110, section 5.3).</li>
 * </ul>
 * An event that is not such a JSON object is refused with a 400 naming the problem, never a crash or a 500.
 */
public final class HttpEventCodec {
    private HttpEventCodec() {
    }

    /**
     * Decodes the event, calls {@code handler} and encodes its answer: the body of a handler's
     * {@code RequestStreamHandler} method. A malformed event is answered 400 (and logged) without calling the handler.
     */
    public static void serve(InputStream input, OutputStream output, Context context, JsonLog log,
                             BiFunction<APIGatewayV2HTTPEvent, Context, APIGatewayV2HTTPResponse> handler) throws IOException {
        APIGatewayV2HTTPEvent event;
        try {
            event = read(input);
        } catch (InvalidInputException e) {
            write(HttpResponses.rejected(log, "http.malformed_event", null, e), output);
            return;
        }
        write(handler.apply(event, context), output);
    }

    /**
     * SnapStart priming: decodes a representative event and encodes an answer, so that the codec's classes
     * are loaded and initialised before the snapshot rather than on the first request after a restore.
     * Calls no handler. Returns the encoded answer.
     */
    public static String prime() {
        String event = "{\"version\":\"2.0\",\"routeKey\":\"GET /priming\",\"rawPath\":\"/priming\",\"rawQueryString\":\"a=1\","
                + "\"cookies\":[\"c=1\"],\"headers\":{\"content-type\":\"application/json\"},\"queryStringParameters\":{\"a\":\"1\"},"
                + "\"pathParameters\":{\"p\":\"1\"},\"body\":\"e30=\",\"isBase64Encoded\":true,\"requestContext\":{\"routeKey\":\"GET /priming\","
                + "\"stage\":\"$default\",\"requestId\":\"priming\",\"http\":{\"method\":\"GET\",\"path\":\"/priming\","
                + "\"protocol\":\"HTTP/1.1\",\"sourceIp\":\"192.0.2.1\",\"userAgent\":\"priming\"}}}";
        try {
            APIGatewayV2HTTPEvent decoded = read(new ByteArrayInputStream(event.getBytes(StandardCharsets.UTF_8)));
            var answer = new ByteArrayOutputStream();
            write(APIGatewayV2HTTPResponse.builder().withStatusCode(200).withHeaders(Map.of("Content-Type", "application/json"))
                    .withBody(decoded.getBody()).withIsBase64Encoded(decoded.getIsBase64Encoded()).build(), answer);
            return answer.toString(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The event in {@code input}.
     *
     * @throws InvalidInputException when it is not JSON, not an object, or a documented field has the wrong type
     */
    public static APIGatewayV2HTTPEvent read(InputStream input) throws IOException {
        JsonNode root;
        try {
            root = JsonTrees.read(input);
        } catch (JsonProcessingException e) {
            // A broken parser limit (nesting, number length) has no location: JsonProblem names the limit instead.
            throw JsonProblem.invalid("event", e, "is not JSON (" + JsonProblem.position(e) + ")");
        }
        if (root == null || !root.isObject()) {
            throw new InvalidInputException("event", "must be a JSON object (an API Gateway HTTP API event, payload format 2.0)");
        }
        var builder = APIGatewayV2HTTPEvent.builder()
                .withVersion(text(root, "version"))
                .withRouteKey(text(root, "routeKey"))
                .withRawPath(text(root, "rawPath"))
                .withRawQueryString(text(root, "rawQueryString"))
                .withCookies(texts(root, "cookies"))
                .withHeaders(headers(root))
                .withQueryStringParameters(map(root, "queryStringParameters"))
                .withPathParameters(map(root, "pathParameters"))
                .withStageVariables(map(root, "stageVariables"))
                .withBody(text(root, "body"))
                .withIsBase64Encoded(flag(root, "isBase64Encoded"));
        JsonNode context = object(root, "requestContext", "requestContext");
        if (context != null) {
            var requestContext = APIGatewayV2HTTPEvent.RequestContext.builder()
                    .withRouteKey(text(context, "routeKey", "requestContext."))
                    .withStage(text(context, "stage", "requestContext."))
                    .withRequestId(text(context, "requestId", "requestContext."));
            JsonNode http = object(context, "http", "requestContext.http");
            if (http != null) {
                requestContext.withHttp(APIGatewayV2HTTPEvent.RequestContext.Http.builder()
                        .withMethod(text(http, "method", "requestContext.http."))
                        .withPath(text(http, "path", "requestContext.http."))
                        .withProtocol(text(http, "protocol", "requestContext.http."))
                        .withSourceIp(text(http, "sourceIp", "requestContext.http."))
                        .withUserAgent(text(http, "userAgent", "requestContext.http."))
                        .build());
            }
            builder.withRequestContext(requestContext.build());
        }
        return builder.build();
    }

    /** Writes {@code response} to {@code output} as the answer API Gateway reads (payload format 2.0). */
    public static void write(APIGatewayV2HTTPResponse response, OutputStream output) throws IOException {
        try (JsonGenerator json = JsonTrees.generator(output)
                .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET)) {
            json.writeStartObject();
            json.writeNumberField("statusCode", response.getStatusCode());
            Map<String, String> headers = headersOf(response);
            if (!headers.isEmpty()) {
                json.writeObjectFieldStart("headers");
                for (var header : headers.entrySet()) {
                    json.writeStringField(header.getKey(), header.getValue());
                }
                json.writeEndObject();
            }
            if (response.getCookies() != null && !response.getCookies().isEmpty()) {
                json.writeArrayFieldStart("cookies");
                for (String cookie : response.getCookies()) {
                    json.writeString(cookie);
                }
                json.writeEndArray();
            }
            if (response.getBody() != null) {
                json.writeStringField("body", response.getBody());
            }
            json.writeBooleanField("isBase64Encoded", response.getIsBase64Encoded());
            json.writeEndObject();
        }
    }

    private static Map<String, String> headersOf(APIGatewayV2HTTPResponse response) {
        Map<String, String> headers = new LinkedHashMap<>();
        if (response.getHeaders() != null) {
            headers.putAll(response.getHeaders());
        }
        if (response.getMultiValueHeaders() != null) {
            response.getMultiValueHeaders().forEach((name, values) -> {
                if (values != null && !values.isEmpty()) {
                    headers.merge(name, String.join(",", values), (single, joined) -> single + "," + joined);
                }
            });
        }
        return headers;
    }

    /** The headers with lower-cased names, as API Gateway sends them; names differing only in case are joined as repeats are. */
    private static Map<String, String> headers(JsonNode root) {
        Map<String, String> raw = map(root, "headers");
        if (raw == null) {
            return null;
        }
        Map<String, String> headers = new LinkedHashMap<>();
        raw.forEach((name, value) -> headers.merge(name.toLowerCase(Locale.ROOT), value, (first, second) -> first + "," + second));
        return headers;
    }

    private static String text(JsonNode node, String field) {
        return text(node, field, "");
    }

    /** The field's text; {@code prefix} names where {@code node} sits in the event, for the refusal. */
    private static String text(JsonNode node, String field, String prefix) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isValueNode()) {
            throw new InvalidInputException(prefix + field, "must be a string");
        }
        return value.asText();
    }

    private static boolean flag(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return false;
        }
        if (!value.isBoolean()) {
            throw new InvalidInputException(field, "must be true or false");
        }
        return value.booleanValue();
    }

    private static JsonNode object(JsonNode node, String field, String path) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isObject()) {
            throw new InvalidInputException(path, "must be an object");
        }
        return value;
    }

    /** A map of names to strings ({@code headers}, parameters); a non-string value is taken as its text. */
    private static Map<String, String> map(JsonNode root, String field) {
        JsonNode value = object(root, field, field);
        if (value == null) {
            return null;
        }
        Map<String, String> map = new LinkedHashMap<>();
        for (var entry : (Iterable<Map.Entry<String, JsonNode>>) value::fields) {
            JsonNode item = entry.getValue();
            if (!item.isValueNode()) {
                throw new InvalidInputException(field + "." + entry.getKey(), "must be a string");
            }
            map.put(entry.getKey(), item.isNull() ? null : item.asText());
        }
        return map;
    }

    private static List<String> texts(JsonNode root, String field) {
        JsonNode value = root.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isArray()) {
            throw new InvalidInputException(field, "must be an array of strings");
        }
        List<String> texts = new ArrayList<>(value.size());
        for (JsonNode item : value) {
            if (!item.isValueNode() || item.isNull()) {
                throw new InvalidInputException(field, "must be an array of strings");
            }
            texts.add(item.asText());
        }
        return texts;
    }
}
