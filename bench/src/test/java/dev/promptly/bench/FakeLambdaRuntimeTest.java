package dev.promptly.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The Runtime API contract the runtime interface client relies on (docs.aws.amazon.com/lambda/latest/dg/runtimes-api.html). */
class FakeLambdaRuntimeTest {
    private static final byte[] EVENT = "{\"detail-type\":\"Scheduled Event\"}".getBytes(StandardCharsets.UTF_8);
    private static final String ARN = "arn:aws:lambda:eu-central-1:123456789012:function:sla-monitor";
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-07T10:00:00Z"), ZoneOffset.UTC);

    private final HttpClient http = HttpClient.newHttpClient();
    private FakeLambdaRuntime api;

    @AfterEach
    void close() {
        if (api != null) {
            api.close();
        }
    }

    @Test
    void nextServesTheEventWithTheDocumentedHeaders() throws Exception {
        api = new FakeLambdaRuntime(EVENT, "req-1", ARN, Duration.ofSeconds(30), CLOCK);

        var next = http.send(get("/invocation/next"), HttpResponse.BodyHandlers.ofByteArray());

        assertEquals(200, next.statusCode());
        assertArrayEquals(EVENT, next.body());
        assertEquals("req-1", next.headers().firstValue("Lambda-Runtime-Aws-Request-Id").orElseThrow());
        assertEquals(Long.toString(CLOCK.millis() + 30_000), next.headers().firstValue("Lambda-Runtime-Deadline-Ms").orElseThrow());
        assertEquals(ARN, next.headers().firstValue("Lambda-Runtime-Invoked-Function-Arn").orElseThrow());
        assertTrue(next.headers().firstValue("Lambda-Runtime-Trace-Id").orElseThrow().startsWith("Root=1-"));
        assertTrue(api.firstNextNanos().isPresent());
    }

    @Test
    void responseIsAcceptedAndRecordedAfterTheFirstNext() throws Exception {
        api = new FakeLambdaRuntime(EVENT, "req-2", ARN, Duration.ofSeconds(30), CLOCK);
        http.send(get("/invocation/next"), HttpResponse.BodyHandlers.discarding());

        var posted = http.send(post("/invocation/req-2/response", "{\"written\":1}"), HttpResponse.BodyHandlers.discarding());

        assertEquals(202, posted.statusCode());
        var outcome = api.awaitOutcome(Duration.ofSeconds(5)).orElseThrow();
        assertTrue(outcome.succeeded());
        assertEquals("{\"written\":1}", outcome.text());
        assertTrue(outcome.receivedNanos() >= api.firstNextNanos().orElseThrow());
    }

    @Test
    void invocationErrorIsRecordedAsAFailure() throws Exception {
        api = new FakeLambdaRuntime(EVENT, "req-3", ARN, Duration.ofSeconds(30), CLOCK);
        http.send(get("/invocation/next"), HttpResponse.BodyHandlers.discarding());

        var posted = http.send(post("/invocation/req-3/error", "{\"errorType\":\"IllegalStateException\"}"), HttpResponse.BodyHandlers.discarding());

        assertEquals(202, posted.statusCode());
        var outcome = api.awaitOutcome(Duration.ofSeconds(5)).orElseThrow();
        assertEquals("error", outcome.kind());
        assertTrue(outcome.text().contains("IllegalStateException"));
    }

    @Test
    void initErrorIsRecordedAsAFailureWithoutAnyNext() throws Exception {
        api = new FakeLambdaRuntime(EVENT, "req-4", ARN, Duration.ofSeconds(30), CLOCK);

        var posted = http.send(post("/init/error", "{\"errorType\":\"ClassNotFoundException\"}"), HttpResponse.BodyHandlers.discarding());

        assertEquals(202, posted.statusCode());
        assertEquals("init-error", api.awaitOutcome(Duration.ofSeconds(5)).orElseThrow().kind());
        assertTrue(api.firstNextNanos().isEmpty());
    }

    @Test
    void answerUnderAnotherRequestIdIsRefusedAndNotRecorded() throws Exception {
        api = new FakeLambdaRuntime(EVENT, "req-5", ARN, Duration.ofSeconds(30), CLOCK);
        http.send(get("/invocation/next"), HttpResponse.BodyHandlers.discarding());

        var posted = http.send(post("/invocation/someone-else/response", "{}"), HttpResponse.BodyHandlers.discarding());

        assertEquals(400, posted.statusCode());
        assertTrue(api.awaitOutcome(Duration.ofMillis(50)).isEmpty());
    }

    private HttpRequest get(String path) {
        return HttpRequest.newBuilder(uri(path)).GET().build();
    }

    private HttpRequest post(String path, String body) {
        return HttpRequest.newBuilder(uri(path)).POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }

    private URI uri(String path) {
        return URI.create("http://" + api.address() + FakeLambdaRuntime.BASE + path);
    }
}
