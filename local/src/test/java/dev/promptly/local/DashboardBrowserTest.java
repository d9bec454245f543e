package dev.promptly.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.promptly.aws.dynamodb.CsatItem;
import dev.promptly.aws.dynamodb.DynamoKpiStore;
import dev.promptly.core.ShopDomain;
import dev.promptly.core.message.MessageSignature;
import dev.promptly.core.shopify.ShopifyHmac;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;

/**
 * The dashboard in a real browser: headless Chromium (Debian's {@code chromium}, which {@code .ci/run}
 * installs) loads {@code /} from a running local system with data, runs its script, and the test reads
 * the rendered page as a person would see it, and a screenshot's pixels show the charts drawn (the last one is kept
 * as {@code target/dashboard-screenshot.png}). Without Chromium the test is skipped locally, but fails in
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
        return renderedPage(chromium, "/");
    }

    /** The DOM of the dashboard at {@code path} (e.g. with filters in its query) after its script ran. */
    private static String renderedPage(Path chromium, String path) throws IOException, InterruptedException {
        return new String(runChromium(chromium, path, "--dump-dom"), StandardCharsets.UTF_8);
    }

    /** Runs headless Chromium on the dashboard at {@code path} with {@code action} (e.g. {@code --dump-dom}); what it printed. */
    private static byte[] runChromium(Path chromium, String path, String... action) throws IOException, InterruptedException {
        Path profile = Files.createTempDirectory("promptly-chromium");
        List<String> command = new java.util.ArrayList<>(List.of(chromium.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-dev-shm-usage", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--disable-quic", "--hide-scrollbars", "--user-data-dir=" + profile, "--virtual-time-budget=5000"));
        command.addAll(List.of(action));
        command.add("http://127.0.0.1:" + system.port() + path);
        Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        byte[] out = process.getInputStream().readAllBytes();
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "chromium did not finish");
        return out;
    }

    /** A screenshot of the dashboard as headless Chromium draws it at 1400 × 1600 pixels. */
    private static BufferedImage screenshot(Path chromium) throws IOException, InterruptedException {
        Path png = Files.createTempDirectory("promptly-screenshot").resolve("dashboard.png");
        runChromium(chromium, "/", "--screenshot=" + png, "--window-size=1400,1600");
        assertTrue(Files.isRegularFile(png), "chromium wrote no screenshot");
        // Kept where the build's reports are, for a person to look at when the test fails.
        Files.createDirectories(Path.of("target"));
        Files.copy(png, Path.of("target", "dashboard-screenshot.png"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        return ImageIO.read(png.toFile());
    }

    /** The pixels of {@code image} within a few steps of {@code hex} (e.g. {@code #2f6fdf}) per channel. */
    private static List<int[]> pixelsOf(BufferedImage image, String hex) {
        int want = Integer.parseInt(hex.substring(1), 16);
        List<int[]> found = new java.util.ArrayList<>();
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                int rgb = image.getRGB(x, y);
                if (Math.abs(((rgb >> 16) & 0xff) - ((want >> 16) & 0xff)) <= 6 && Math.abs(((rgb >> 8) & 0xff) - ((want >> 8) & 0xff)) <= 6
                        && Math.abs((rgb & 0xff) - (want & 0xff)) <= 6) {
                    found.add(new int[] {x, y});
                }
            }
        }
        return found;
    }

    /** The part of {@code page} inside the element that starts with {@code opening}, up to {@code closing}. */
    private static String part(String page, String opening, String closing) {
        int start = page.indexOf(opening);
        assertTrue(start >= 0, "no " + opening + " in " + page);
        return page.substring(start, page.indexOf(closing, start));
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

    /** Posts a signed message to the demo shop; the new conversation's id. */
    private static String message(String body) throws Exception {
        var accepted = post("/messages", body, "Content-Type", "application/json", "X-Promptly-Shop", SHOP,
                "X-Promptly-Signature", MessageSignature.sign("local-messages-secret", body.getBytes(StandardCharsets.UTF_8)));
        assertEquals(202, accepted.statusCode(), accepted.body());
        return JSON.readTree(accepted.body()).get("conversation_id").asText();
    }

    @Test
    void theDashboardDrawsTheFortnightsChartsAboveConversationsWithRatingsOrderNamesAndRefusals() throws Exception {
        Path chromium = chromium();
        post("/local/reset", "");
        // Wednesday 25 November 2026, 10:30 in Berlin.
        Instant now = Instant.parse("2026-11-25T09:30:00Z");
        post("/local/clock", "{\"now\": \"" + now + "\"}");
        var kpis = new DynamoKpiStore(system.tableClient(), LocalSystem.tableName(), Clock.fixed(now, ZoneOffset.UTC));
        KpiFixtures.fortnight(new ShopDomain(SHOP), LocalDate.parse("2026-11-25")).forEach(kpis::save);
        String order = Files.readString(Path.of("..", "events", "shopify-bodies", "orders-create.json"));
        post("/webhooks/shopify", order, "X-Shopify-Topic", "orders/create", "X-Shopify-Shop-Domain", SHOP,
                "X-Shopify-Webhook-Id", "dashboard-2", "X-Shopify-Hmac-Sha256", ShopifyHmac.sign("local-webhook-secret", order.getBytes(StandardCharsets.UTF_8)));
        String wismo = message(JSON.readTree(Files.readString(Path.of("..", "events", "message-bodies", "email-relay-de.json"))).toString());
        message(JSON.readTree(Files.readString(Path.of("..", "events", "message-bodies", "out-of-office.json"))).toString());
        DynamoDbEnhancedClient.builder().dynamoDbClient(system.tableClient()).build().table(LocalSystem.tableName(), CsatItem.SCHEMA)
                .putItem(new CsatItem(SHOP, "CSAT#" + wismo, wismo, "2026-11-25T09:40:00Z", 5, "2026-11-25T09:45:00Z", null, null));

        String page = renderedPage(chromium);
        String wismoOnly = renderedPage(chromium, "/?intent=wismo");
        BufferedImage screenshot = screenshot(chromium);

        String charts = part(page, "<div class=\"charts\" id=\"charts\">", "</section>");
        for (String chart : List.of("volume", "first_response", "sla", "automation")) {
            assertTrue(charts.contains("<figure data-chart=\"" + chart + "\"><svg"), "chart " + chart + " is inline SVG: " + charts);
        }
        assertTrue(charts.contains("<rect class=\"bar\""), "the volume bars are drawn: " + charts);
        assertTrue(charts.contains("<polyline class=\"line\""), "the lines are drawn: " + charts);
        assertTrue(page.contains("data-key=\"conversations\">49<"), "the fortnight's conversations: " + page);
        assertTrue(page.contains("data-key=\"csat_average\">4.0 / 5 (2 ratings)<"), page);
        String conversations = part(page, "<tbody id=\"conversations\">", "</tbody>");
        assertTrue(conversations.contains(">#1001<"), "the order by its name, as in the orders table: " + conversations);
        assertTrue(conversations.contains(">★★★★★ 5/5<"), "the rating: " + conversations);
        assertTrue(conversations.contains(">not sent: automatic mail (Auto-Submitted header)<"), "the loop guard's reason: " + conversations);
        assertTrue(conversations.contains(">Wed 25 Nov, 10:30 CET<"), "the shop's time: " + conversations);
        assertTrue(page.contains("<option value=\"" + SHOP + "\">"), "the shop filter offers the shop: " + page);
        assertFalse(page.contains("id=\"updated\">failed"), page);
        String filtered = part(wismoOnly, "<tbody id=\"conversations\">", "</tbody>");
        assertTrue(filtered.contains(">#1001<"), "the WISMO conversation stays: " + filtered);
        assertFalse(filtered.contains(">not sent: automatic mail"), "the filter in the address hides the automatic mail: " + filtered);
        String filteredCharts = part(wismoOnly, "<div class=\"charts\" id=\"charts\">", "</section>");
        assertTrue(filteredCharts.contains("<title>wismo, 25 Nov: 3</title>") && !filteredCharts.contains("<title>return, 25 Nov"),
                "the charts follow the filter: " + filteredCharts);

        // The bars' first colour fills whole bars: thousands of pixels, and all in the KPI block above the tables.
        List<int[]> blue = pixelsOf(screenshot, SvgCharts.PALETTE.get(0));
        List<int[]> orange = pixelsOf(screenshot, SvgCharts.PALETTE.get(1));
        assertTrue(blue.size() > 2000, "chart-coloured pixels drawn: " + blue.size());
        assertTrue(orange.size() > 200, "the second series is drawn too: " + orange.size());
        int lowest = blue.stream().mapToInt(p -> p[1]).max().orElseThrow();
        assertTrue(lowest < 900, "the charts sit at the top of the page, lowest blue pixel at y=" + lowest);
    }
}
