package dev.promptly.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code GET /data-requests/{requestId}} over real HTTP for exports of every size: a small one as plain
 * JSON or gzip, and one larger than a Lambda answer carries (about 6 MB of JSON, 3.7 MB compressed) in
 * gzip slices with {@code ?part=N}.
 */
class LocalDataExportHttpTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SHOP = LocalRunnerClient.SHOP;
    private static final HttpClient http = HttpClient.newHttpClient();
    private static LocalRunnerClient runner;

    @BeforeAll
    static void start() throws Exception {
        runner = LocalRunnerClient.start(new LocalOptions(0, null, null, null, 0, false));
    }

    @AfterAll
    static void stop() {
        runner.close();
    }

    private static HttpResponse<byte[]> get(String path, String... headers) throws Exception {
        var request = HttpRequest.newBuilder(runner.uri(path)).header("X-Promptly-Shop", SHOP)
                .header("Authorization", "Bearer local-export-token");
        if (headers.length > 0) {
            request.headers(headers);
        }
        return http.send(request.GET().build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static String gunzip(byte[] bytes) throws Exception {
        try (var in = new GZIPInputStream(new ByteArrayInputStream(bytes))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void aSmallExportComesAsPlainJsonOrGzipAsTheCallerAccepts() throws Exception {
        runner.post("/local/reset", "");
        runner.webhook("orders/create", LocalRunnerClient.shopifySample("orders-create"), "export-small-1");
        runner.webhook("customers/data_request", LocalRunnerClient.shopifySample("customers-data-request"), "export-small-2");

        var plain = get("/data-requests/3301");
        var gzip = get("/data-requests/3301", "Accept-Encoding", "gzip");

        assertEquals(200, plain.statusCode());
        assertEquals("3301", JSON.readTree(plain.body()).get("data_request_id").asText());
        assertEquals(200, gzip.statusCode());
        assertEquals("gzip", gzip.headers().firstValue("Content-Encoding").orElse(""));
        assertEquals(JSON.readTree(plain.body()).get("orders"), JSON.readTree(gunzip(gzip.body())).get("orders"));
    }

    @Test
    void anExportLargerThanOneAnswerIsFetchedInGzipSlices() throws Exception {
        runner.post("/local/reset", "");
        // 30 orders of 200 line items with 1000 random letters each: about 6 MB of JSON, 3.7 MB compressed.
        Random random = new Random(3);
        for (int n = 0; n < 30; n++) {
            ObjectNode order = ((ObjectNode) JSON.readTree(LocalRunnerClient.shopifySample("orders-create"))).put("id", 5003000 + n).put("name", "#3" + n);
            var items = order.putArray("line_items");
            for (int i = 0; i < 200; i++) {
                StringBuilder title = new StringBuilder();
                for (int c = 0; c < 1000; c++) {
                    title.append((char) ('a' + random.nextInt(26)));
                }
                items.addObject().put("id", i + 1).put("title", title.toString()).put("quantity", 1);
            }
            runner.webhook("orders/create", order.toString(), "export-large-" + n);
        }
        runner.webhook("customers/data_request", LocalRunnerClient.shopifySample("customers-data-request"), "export-large-request");

        var plain = get("/data-requests/3301");
        var gzip = get("/data-requests/3301", "Accept-Encoding", "gzip");
        var first = get("/data-requests/3301?part=1");
        var second = get("/data-requests/3301?part=2");
        var beyond = get("/data-requests/3301?part=3");

        assertEquals(400, plain.statusCode());
        String reason = JSON.readTree(plain.body()).get("error").asText();
        assertTrue(reason.startsWith("Accept-Encoding:") && reason.contains("?part=1 to ?part=2"), reason);
        assertEquals(400, gzip.statusCode());
        assertTrue(JSON.readTree(gzip.body()).get("error").asText().startsWith("part:"), new String(gzip.body(), StandardCharsets.UTF_8));
        assertEquals(200, first.statusCode());
        assertEquals("1/2", first.headers().firstValue("X-Promptly-Export-Part").orElse(""));
        assertEquals("2/2", second.headers().firstValue("X-Promptly-Export-Part").orElse(""));
        var whole = new ByteArrayOutputStream();
        whole.writeBytes(first.body());
        whole.writeBytes(second.body());
        String json = gunzip(whole.toByteArray());
        assertTrue(json.length() > 6_000_000, json.length() + " characters");
        JsonNode export = JSON.readTree(json);
        assertEquals("3301", export.get("data_request_id").asText());
        assertEquals(30, export.get("orders").size());
        assertEquals(400, beyond.statusCode());
        assertEquals("part: must be a number from 1 to 2 for this export", JSON.readTree(beyond.body()).get("error").asText());
    }
}
