package dev.promptly.edge;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.promptly.core.error.InvalidInputException;
import dev.promptly.log.JsonLog;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** API Gateway HTTP API events (payload format 2.0) read, and answers written, by our own Jackson. */
class HttpEventCodecTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Clock clock = Clock.fixed(Instant.parse("2026-11-25T10:00:00Z"), ZoneOffset.UTC);
    private final ByteArrayOutputStream logs = new ByteArrayOutputStream();
    private final JsonLog log = new JsonLog("test", new PrintStream(logs, true, StandardCharsets.UTF_8), clock);

    @Test
    void aRecordedEventGivesEveryFieldTheHandlersRead() throws IOException {
        // Given a recorded POST with a base64 body, a path and query parameters, cookies and the request context

        APIGatewayV2HTTPEvent event = HttpEventCodec.read(fixture("post-with-everything.json"));

        // Then
        assertEquals("2.0", event.getVersion());
        assertEquals("POST /conversations/{id}/events", event.getRouteKey());
        assertEquals("/conversations/PR-7K3M9QX2AB/events", event.getRawPath());
        assertEquals("source=helpdesk&tag=a&tag=b", event.getRawQueryString());
        assertEquals(List.of("session=opaque", "theme=dark"), event.getCookies());
        assertEquals(Map.of("id", "PR-7K3M9QX2AB"), event.getPathParameters());
        assertEquals(Map.of("source", "helpdesk", "tag", "a,b"), event.getQueryStringParameters());
        assertEquals(Map.of("tier", "test"), event.getStageVariables());
        assertEquals("POST", event.getRequestContext().getHttp().getMethod());
        assertEquals("203.0.113.10", event.getRequestContext().getHttp().getSourceIp());
        assertEquals("/conversations/PR-7K3M9QX2AB/events", event.getRequestContext().getHttp().getPath());
        assertEquals("c6af9ac6-7b61-11e6-9a41-93e8deadbeef", event.getRequestContext().getRequestId());
        assertEquals("$default", event.getRequestContext().getStage());
        assertTrue(event.getIsBase64Encoded());
        assertArrayEquals("{\"type\":\"agent_replied\"}".getBytes(StandardCharsets.UTF_8), HttpRequests.rawBody(event, 1024));
    }

    @Test
    void headerNamesAreLowerCasedAsApiGatewaySendsThemAndARepeatedHeaderKeepsItsJoinedValues() throws IOException {
        // Given the recorded event (one name in mixed case; x-forwarded-for repeated, which format 2.0 joins with commas)

        APIGatewayV2HTTPEvent event = HttpEventCodec.read(fixture("post-with-everything.json"));

        // Then
        assertEquals("demo-shop.myshopify.com", event.getHeaders().get("x-promptly-shop"));
        assertEquals("demo-shop.myshopify.com", HttpRequests.header(event, "X-Promptly-Shop"));
        assertEquals("Bearer local-agent-token", HttpRequests.header(event, "Authorization"));
        assertEquals("203.0.113.10,198.51.100.7", HttpRequests.header(event, "X-Forwarded-For"));
        assertFalse(event.getHeaders().containsKey("X-Promptly-Shop"));
    }

    @Test
    void namesDifferingOnlyInCaseAreJoinedLikeARepeatedHeader() throws IOException {
        APIGatewayV2HTTPEvent event = read("{\"headers\": {\"Accept\": \"text/csv\", \"accept\": \"application/json\"}}");

        assertEquals(Map.of("accept", "text/csv,application/json"), event.getHeaders());
    }

    @Test
    void anEventWithoutTheOptionalFieldsHasNoHeadersNoBodyAndIsNotBase64() throws IOException {
        // Given an event with none of the optional fields (a GET without query, cookies, body or context)

        APIGatewayV2HTTPEvent event = read("{\"version\": \"2.0\", \"rawPath\": \"/data-requests/3301\"}");

        // Then
        assertEquals("/data-requests/3301", event.getRawPath());
        assertNull(event.getHeaders());
        assertNull(event.getPathParameters());
        assertNull(event.getQueryStringParameters());
        assertNull(event.getCookies());
        assertNull(event.getRequestContext());
        assertNull(event.getBody());
        assertFalse(event.getIsBase64Encoded());
        assertNull(HttpRequests.header(event, "Authorization"));
        assertEquals(0, HttpRequests.rawBody(event, 1024).length);
    }

    @Test
    void nullFieldsAreTakenAsMissing() throws IOException {
        APIGatewayV2HTTPEvent event = read("{\"headers\": null, \"body\": null, \"isBase64Encoded\": null, \"requestContext\": {\"http\": null}}");

        assertNull(event.getHeaders());
        assertNull(event.getBody());
        assertFalse(event.getIsBase64Encoded());
        assertNull(event.getRequestContext().getHttp());
    }

    @Test
    void malformedJsonIsAnswered400NamingTheEventAndTheHandlerIsNotCalled() throws IOException {
        // Given an invocation whose payload is cut off
        AtomicInteger calls = new AtomicInteger();

        JsonNode answer = serve("{\"version\": \"2.0\", \"headers\": {", calls);

        // Then
        assertEquals(400, answer.path("statusCode").asInt());
        assertEquals("application/json", answer.path("headers").path("Content-Type").asText());
        String error = JSON.readTree(answer.path("body").asText()).path("error").asText();
        assertTrue(error.startsWith("event: is not JSON"), error);
        assertEquals(0, calls.get(), "the handler never ran");
        String logged = logs.toString(StandardCharsets.UTF_8);
        assertTrue(logged.contains("\"event\":\"http.malformed_event\"") && logged.contains("\"status\":400"), logged);
    }

    @Test
    void anEventNestedDeeperThanTheParserLimitIsAnswered400NamingTheLimit() throws IOException {
        // Given an event whose body member nests 1,001 arrays (the parser's limit is 1,000)
        AtomicInteger calls = new AtomicInteger();
        String deep = "{\"version\": \"2.0\", \"x\": " + "[".repeat(1_001) + "]".repeat(1_001) + "}";

        JsonNode answer = serve(deep, calls);

        // Then
        assertEquals(400, answer.path("statusCode").asInt());
        String error = JSON.readTree(answer.path("body").asText()).path("error").asText();
        assertTrue(error.startsWith("event: is over a JSON limit: Document nesting depth"), error);
        assertEquals(0, calls.get(), "the handler never ran");
    }

    @Test
    void jsonThatIsNoObjectIsAnswered400() throws IOException {
        for (String payload : List.of("null", "[]", "\"text\"", "42", "")) {
            JsonNode answer = serve(payload, new AtomicInteger());

            assertEquals(400, answer.path("statusCode").asInt(), payload);
            assertTrue(answer.path("body").asText().contains("event: must be a JSON object"), payload + ": " + answer);
        }
    }

    @Test
    void aDocumentedFieldOfTheWrongTypeIsRefusedNamingTheField() {
        assertEquals("headers: must be an object", refusal("{\"headers\": \"x-promptly-shop: a\"}"));
        assertEquals("headers.x-promptly-shop: must be a string", refusal("{\"headers\": {\"x-promptly-shop\": {\"a\": 1}}}"));
        assertEquals("isBase64Encoded: must be true or false", refusal("{\"isBase64Encoded\": \"yes\"}"));
        assertEquals("body: must be a string", refusal("{\"body\": {\"type\": \"agent_replied\"}}"));
        assertEquals("cookies: must be an array of strings", refusal("{\"cookies\": \"a=b\"}"));
        assertEquals("requestContext.http.method: must be a string", refusal("{\"requestContext\": {\"http\": {\"method\": [\"GET\"]}}}"));
    }

    @Test
    void aWellFormedEventIsHandedToTheHandlerAndItsAnswerWritten() throws IOException {
        AtomicInteger calls = new AtomicInteger();

        JsonNode answer = serve("{\"rawPath\": \"/messages\", \"headers\": {\"x-promptly-shop\": \"demo-shop.myshopify.com\"}}", calls);

        assertEquals(1, calls.get());
        assertEquals(202, answer.path("statusCode").asInt());
        assertEquals("{\"shop\":\"demo-shop.myshopify.com\"}", answer.path("body").asText());
    }

    @Test
    void anAnswerIsWrittenWithTheFieldsOfPayloadFormat2() throws IOException {
        var response = APIGatewayV2HTTPResponse.builder().withStatusCode(201)
                .withHeaders(Map.of("Content-Type", "application/json")).withBody("{\"ok\":true}").build();

        JsonNode answer = write(response);

        assertEquals(JSON.readTree("{\"statusCode\": 201, \"headers\": {\"Content-Type\": \"application/json\"},"
                + " \"body\": \"{\\\"ok\\\":true}\", \"isBase64Encoded\": false}"), answer);
    }

    @Test
    void aBinaryAnswerKeepsItsBase64BodyAndFlag() throws IOException {
        byte[] gzip = {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, 0, (byte) 0xff};
        var response = APIGatewayV2HTTPResponse.builder().withStatusCode(200)
                .withHeaders(Map.of("Content-Type", "application/gzip"))
                .withBody(Base64.getEncoder().encodeToString(gzip)).withIsBase64Encoded(true).build();

        JsonNode answer = write(response);

        assertTrue(answer.path("isBase64Encoded").booleanValue());
        assertArrayEquals(gzip, Base64.getDecoder().decode(answer.path("body").asText()));
    }

    @Test
    void multiValueHeadersAreJoinedIntoOneHeaderAndCookiesWrittenAsTheirOwnField() throws IOException {
        var response = APIGatewayV2HTTPResponse.builder().withStatusCode(200)
                .withHeaders(Map.of("Vary", "Accept"))
                .withMultiValueHeaders(Map.of("Vary", List.of("Accept-Encoding"), "Cache-Control", List.of("no-store", "private")))
                .withCookies(List.of("a=1; Secure", "b=2")).build();

        JsonNode answer = write(response);

        assertEquals("Accept,Accept-Encoding", answer.path("headers").path("Vary").asText());
        assertEquals("no-store,private", answer.path("headers").path("Cache-Control").asText());
        assertEquals(JSON.readTree("[\"a=1; Secure\", \"b=2\"]"), answer.path("cookies"));
        assertFalse(answer.has("multiValueHeaders"), "format 2.0 has no such field");
        assertFalse(answer.has("body"), "no body, no field");
    }

    private static InputStream fixture(String name) {
        return HttpEventCodecTest.class.getResourceAsStream("/http-events/" + name);
    }

    private static APIGatewayV2HTTPEvent read(String json) throws IOException {
        return HttpEventCodec.read(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)));
    }

    private static String refusal(String json) {
        return assertThrows(InvalidInputException.class, () -> read(json)).getMessage();
    }

    private JsonNode serve(String payload, AtomicInteger calls) throws IOException {
        var output = new ByteArrayOutputStream();
        HttpEventCodec.serve(new ByteArrayInputStream(payload.getBytes(StandardCharsets.UTF_8)), output, null, log, (event, context) -> {
            calls.incrementAndGet();
            return HttpResponses.json(202, JSON.createObjectNode().put("shop", HttpRequests.header(event, "X-Promptly-Shop")));
        });
        return JSON.readTree(output.toByteArray());
    }

    private static JsonNode write(APIGatewayV2HTTPResponse response) throws IOException {
        var output = new ByteArrayOutputStream();
        HttpEventCodec.write(response, output);
        return JSON.readTree(output.toByteArray());
    }

    @Test
    void primingDecodesARepresentativeEventAndEncodesItsAnswerWithoutAHandler() throws IOException {
        // when the codec is primed for a SnapStart snapshot
        String answer = HttpEventCodec.prime();

        // then the answer it wrote reads back as format 2.0, carrying the decoded event's base64 body
        JsonNode json = new ObjectMapper().readTree(answer);
        assertEquals(200, json.get("statusCode").asInt());
        assertEquals("application/json", json.get("headers").get("Content-Type").asText());
        assertEquals("e30=", json.get("body").asText());
        assertTrue(json.get("isBase64Encoded").asBoolean());
    }
}
