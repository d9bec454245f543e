package dev.promptly.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.promptly.core.message.MessageSignature;
import dev.promptly.core.shopify.ShopifyHmac;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The dashboard in a real browser: headless Chromium (Debian's {@code chromium}, which {@code .ci/run}
 * installs) loads {@code /} from a running local system with data, runs its script, and the test reads
 * the rendered page as a person would see it. Without Chromium the test is skipped locally, but fails in
 * CI ({@code CI=true}), where it must run.
 */
class DashboardBrowserTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SHOP = "demo-shop.myshopify.com";
    private static final HttpClient http = HttpClient.newHttpClient();
    private static LocalSystem system;

    @BeforeAll
    static void start() throws Exception {
        system = LocalSystem.start(LocalRunnerClient.onTestClock(new LocalOptions(0, null, null, null, 0, false)));
    }

    @AfterAll
    static void stop() {
        system.close();
    }

    private static Path chromium() {
        for (String candidate : List.of("/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome")) {
            if (Files.isExecutable(Path.of(candidate))) {
                return Path.of(candidate);
            }
        }
        if ("true".equals(System.getenv("CI"))) {
            throw new AssertionError("Chromium is missing: .ci/run installs Debian's chromium for this test");
        }
        Assumptions.abort("Chromium is not installed (apt-get install chromium); CI runs this test");
        return null;
    }

    private static HttpResponse<String> post(String path, String body, String... headers) throws Exception {
        var request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + system.port() + path));
        if (headers.length > 0) {
            request.headers(headers);
        }
        return http.send(request.POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The page's DOM after its script ran, as headless Chromium serialises it. */
    private static String renderedPage(Path chromium) throws IOException, InterruptedException {
        Path profile = Files.createTempDirectory("promptly-chromium");
        Process process = new ProcessBuilder(chromium.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-dev-shm-usage", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--disable-quic", "--user-data-dir=" + profile, "--virtual-time-budget=5000", "--dump-dom",
                "http://127.0.0.1:" + system.port() + "/")
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String dom = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "chromium did not finish");
        return dom;
    }

    @Test
    void theDashboardShowsConversationsOrdersAndTheOutboxAsText() throws Exception {
        Path chromium = chromium();
        post("/local/reset", "");
        // Wednesday 25 November 2026, 10:30 in Berlin: the first reply is due by 14:30.
        post("/local/clock", "{\"now\": \"2026-11-25T09:30:00Z\"}");
        String order = Files.readString(Path.of("..", "events", "shopify-bodies", "orders-create.json"));
        post("/webhooks/shopify", order, "X-Shopify-Topic", "orders/create", "X-Shopify-Shop-Domain", SHOP,
                "X-Shopify-Webhook-Id", "dashboard-1", "X-Shopify-Hmac-Sha256", ShopifyHmac.sign("local-webhook-secret", order.getBytes(StandardCharsets.UTF_8)));
        ObjectNode message = JSON.createObjectNode().put("shop", SHOP).put("channel", "email").put("message_id", "dashboard-msg-1")
                .put("subject", "Frage <script>document.title='pwned'</script> zur Lieferung").put("text", "Hallo, was kostet der Versand nach Österreich?");
        message.putObject("from").put("name", "Anna Beispiel").put("email", "anna.beispiel@example.com");
        String body = message.toString();
        var accepted = post("/messages", body, "Content-Type", "application/json", "X-Promptly-Shop", SHOP,
                "X-Promptly-Signature", MessageSignature.sign("local-messages-secret", body.getBytes(StandardCharsets.UTF_8)));
        assertEquals(202, accepted.statusCode(), accepted.body());
        String ticket = JSON.readTree(accepted.body()).get("ticket").asText();
        post("/local/clock", "{\"now\": \"2026-11-26T09:00:00Z\"}");
        assertEquals(200, post("/local/jobs/delay-scan/run", "").statusCode());

        String page = renderedPage(chromium);

        assertTrue(page.contains("<title>Promptly – local dashboard</title>"), "the customer's script did not run: " + page);
        assertTrue(page.contains(">" + ticket + "<"), page);
        assertTrue(page.contains(">Anna Beispiel<"), page);
        assertTrue(page.contains("first response: 19 h 30 min overdue"), "the conversation's SLA clock, as of the local clock: " + page);
        assertTrue(page.contains("class=\"late\">first response"), "a breached clock is marked: " + page);
        assertTrue(page.contains("Frage &lt;script&gt;document.title='pwned'&lt;/script&gt; zur Lieferung"), "shown as text: " + page);
        assertTrue(page.contains(">#1001<"), page);
        assertTrue(page.contains(">anna.beispiel@example.com<"), page);
        assertTrue(page.contains(">ack<"), page);
        assertTrue(page.contains("[" + ticket + "] Wir haben Ihre Nachricht erhalten"), page);
        assertTrue(page.contains("vielen Dank für Ihre Nachricht an Demo Shop"), "the full text of the message is on the page: " + page);
        assertTrue(page.contains("late: not shipped · notice "), "the order's delay state: " + page);
        assertTrue(page.contains(">delay_notice<"), page);
        assertTrue(page.contains("Ihre Bestellung #1001 verspätet sich"), page);
        assertFalse(page.contains("id=\"updated\">failed"), page);
        assertFalse(page.contains("id=\"updated\">never"), "the page loaded its data: " + page);
    }
}
