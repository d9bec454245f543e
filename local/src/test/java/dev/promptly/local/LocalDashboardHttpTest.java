package dev.promptly.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.promptly.aws.dynamodb.CsatItem;
import dev.promptly.aws.dynamodb.DynamoKpiStore;
import dev.promptly.core.ShopDomain;
import dev.promptly.core.message.MessageSignature;
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
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;

/**
 * The dashboard's own routes over real HTTP, with two shops (Berlin and New York) and what the stores hold after
 * real messages: the filtered, risk-ordered conversation list with times in each shop's zone, order names, the
 * loop guard's reason and CSAT ratings, and the KPI block from stored KPI days.
 */
class LocalDashboardHttpTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Wednesday 25 November 2026, 10:30 in Berlin, 04:30 in New York. */
    private static final Instant MORNING = Instant.parse("2026-11-25T09:30:00Z");
    private static final HttpClient http = HttpClient.newHttpClient();
    @TempDir
    static Path dir;
    private static LocalRunnerClient runner;
    private static String wismo;
    private static String outOfOffice;
    private static String chat;

    @BeforeAll
    static void start() throws Exception {
        runner = LocalRunnerClient.start(new LocalOptions(0, TwoShops.file(dir), null, null, 0, false).startingAt(MORNING));
        runner.webhook("orders/create", LocalRunnerClient.shopifySample("orders-create"), "dashboard-http-1");
        wismo = message(TwoShops.FIRST, sample("email-relay-de"));
        outOfOffice = message(TwoShops.FIRST, sample("out-of-office"));
        ObjectNode question = JSON.createObjectNode().put("shop", TwoShops.SECOND).put("channel", "chat").put("message_id", "second-1")
                .put("subject", "Return").put("text", "Hello, how do I send back the jacket I bought?");
        question.putObject("from").put("name", "Bob Example").put("email", "bob@example.com");
        chat = message(TwoShops.SECOND, question.toString());
        // A survey the customer rated 5 (the CSAT feature writes these; here a fixture).
        var surveys = DynamoDbEnhancedClient.builder().dynamoDbClient(runner.system().tableClient()).build()
                .table(LocalSystem.tableName(), CsatItem.SCHEMA);
        surveys.putItem(new CsatItem(TwoShops.FIRST, "CSAT#" + wismo, wismo, "2026-11-25T09:40:00Z", 5, "2026-11-25T09:45:00Z",
                "Very quick", null));
        var kpis = new DynamoKpiStore(runner.system().tableClient(), LocalSystem.tableName(), Clock.fixed(MORNING, ZoneOffset.UTC));
        KpiFixtures.fortnight(new ShopDomain(TwoShops.FIRST), LocalDate.parse("2026-11-25")).forEach(kpis::save);
        // The New York shop's first reply was due at 13:00 there (4 business hours from 09:00): by 19:00 UTC it is overdue.
        assertEquals(200, runner.post("/local/clock", "{\"now\": \"2026-11-25T19:00:00Z\"}").statusCode());
    }

    @AfterAll
    static void stop() {
        runner.close();
    }

    private static String sample(String name) throws Exception {
        return JSON.readTree(Files.readString(Path.of("..", "events", "message-bodies", name + ".json"))).toString();
    }

    /** Posts a signed message for {@code shop}; the new conversation's id. */
    private static String message(String shop, String body) throws Exception {
        var response = runner.post("/messages", body, "Content-Type", "application/json", "X-Promptly-Shop", shop,
                "X-Promptly-Signature", MessageSignature.sign("local-messages-secret", body.getBytes(StandardCharsets.UTF_8)));
        assertEquals(202, response.statusCode(), response.body());
        return JSON.readTree(response.body()).get("conversation_id").asText();
    }

    private static HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(runner.uri(path)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private static List<String> ids(JsonNode list) {
        List<String> ids = new ArrayList<>();
        list.forEach(c -> ids.add(c.get("conversation_id").asText()));
        return ids;
    }

    private static JsonNode byId(JsonNode list, String id) {
        for (JsonNode c : list) {
            if (c.get("conversation_id").asText().equals(id)) {
                return c;
            }
        }
        throw new AssertionError("no conversation " + id + " in " + list);
    }

    @Test
    void everyShopsConversationsAreListedWithTheOverdueOneFirst() throws Exception {
        JsonNode all = runner.get("/local/dashboard/conversations");

        assertEquals(3, all.size(), all.toString());
        assertEquals(chat, all.get(0).get("conversation_id").asText(), "the overdue chat of the New York shop leads: " + all);
        assertEquals("breached", all.get(0).get("risk").asText());
        assertEquals(TwoShops.SECOND, all.get(0).get("shop").asText());
    }

    @Test
    void timesAreInEachShopsZone() throws Exception {
        JsonNode all = runner.get("/local/dashboard/conversations");

        assertEquals("Wed 25 Nov, 04:30 EST", byId(all, chat).get("last_message_local").asText());
        assertEquals("America/New_York", byId(all, chat).get("time_zone").asText());
        assertEquals("Wed 25 Nov, 13:00 EST", byId(all, chat).get("sla").get(0).get("due_local").asText());
        assertTrue(byId(all, wismo).get("last_message_local").asText().endsWith(" CET"), byId(all, wismo).toString());
        JsonNode order = runner.get("/local/orders?shop=" + TwoShops.FIRST).get(0);
        assertTrue(order.get("created_local").asText().endsWith(" CET"), order.toString());
        assertTrue(runner.get("/local/outbox").get(0).get("created_local").asText().endsWith(" CET"));
    }

    @Test
    void aConversationNamesItsOrderAsTheOrdersTableDoesAndShowsItsRating() throws Exception {
        JsonNode conversation = byId(runner.get("/local/dashboard/conversations?shop=" + TwoShops.FIRST), wismo);
        JsonNode order = runner.get("/local/orders?shop=" + TwoShops.FIRST).get(0);

        assertEquals("#1001", conversation.get("order_name").asText());
        assertEquals(order.get("name").asText(), conversation.get("order_name").asText());
        assertEquals(order.get("order_id").asText(), conversation.get("order_id").asText());
        assertEquals("wismo", conversation.get("intent").asText());
        assertEquals(5, conversation.at("/csat/rating").asInt());
        assertEquals("queued", conversation.at("/acknowledgement/outcome").asText());
    }

    @Test
    void anAutomaticMailShowsWhyTheLoopGuardRefusedToAnswerIt() throws Exception {
        JsonNode conversation = byId(runner.get("/local/dashboard/conversations"), outOfOffice);

        assertEquals("skipped", conversation.at("/acknowledgement/outcome").asText());
        assertEquals("auto_submitted", conversation.at("/acknowledgement/reason").asText());
        assertEquals("automatic mail (Auto-Submitted header)", conversation.at("/acknowledgement/reason_text").asText());
        assertTrue(conversation.get("csat").isNull());
    }

    @Test
    void filtersNarrowTheListByShopStatusChannelAndIntent() throws Exception {
        assertEquals(List.of(chat), ids(runner.get("/local/dashboard/conversations?shop=" + TwoShops.SECOND)));
        assertEquals(List.of(chat), ids(runner.get("/local/dashboard/conversations?channel=chat")));
        assertEquals(List.of(wismo), ids(runner.get("/local/dashboard/conversations?intent=wismo")));
        assertEquals(List.of(wismo), ids(runner.get("/local/dashboard/conversations?status=waiting_on_customer")));
        assertEquals(2, runner.get("/local/dashboard/conversations?shop=" + TwoShops.FIRST + "&channel=email").size());
    }

    @Test
    void anUnknownFilterValueIsA400NamingTheParameter() throws Exception {
        var status = get("/local/dashboard/conversations?status=closed");
        var shop = get("/local/dashboard/kpis?shop=elsewhere.myshopify.com");

        assertEquals(400, status.statusCode());
        assertTrue(status.body().contains("status: must be one of open, waiting_on_customer, solved"), status.body());
        assertEquals(400, shop.statusCode());
        assertTrue(shop.body().contains("shop: is not a configured shop"), shop.body());
    }

    @Test
    void theKpiBlockReadsTheStoredDaysOfTheShopsChosen() throws Exception {
        JsonNode first = runner.get("/local/dashboard/kpis?shop=" + TwoShops.FIRST);
        JsonNode second = runner.get("/local/dashboard/kpis?shop=" + TwoShops.SECOND);
        JsonNode chatOnly = runner.get("/local/dashboard/kpis?channel=chat");

        assertEquals("49", first.at("/totals/0/text").asText(), first.toString());
        assertEquals("2026-11-12", first.get("from").asText());
        assertEquals("2026-11-25", first.get("to").asText(), "today in Berlin");
        assertEquals("Wed 25 Nov, 20:00 CET", first.get("now_local").asText());
        assertEquals(4, first.get("charts").size());
        assertTrue(first.at("/charts/0/svg").asText().contains("<title>wismo, 25 Nov: 3</title>"), first.toString());
        assertEquals("0", second.at("/totals/0/text").asText());
        assertEquals("7", chatOnly.at("/totals/0/text").asText(), "both shops, chat only");
        assertTrue(first.at("/choices/intents").toString().contains("\"wismo\""), first.toString());
    }
}
