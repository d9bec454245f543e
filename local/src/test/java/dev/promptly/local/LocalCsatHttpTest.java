package dev.promptly.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.promptly.core.message.MessageSignature;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The satisfaction survey through the local runner over real HTTP with the shipped example configuration
 * (surveys on, an hour after the solve): the team replies and solves, the survey mail goes out when due, its
 * link (pointing at the runner) records the rating, the form the comment, and the conversation shows both.
 */
class LocalCsatHttpTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SHOP = LocalRunnerClient.SHOP;
    private static LocalRunnerClient runner;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws Exception {
        runner = LocalRunnerClient.start(new LocalOptions(0, null, null, null, 25, false));
    }

    @AfterAll
    static void stop() {
        runner.close();
    }

    private static HttpResponse<String> event(String conversation, String type) throws Exception {
        return runner.post("/conversations/" + conversation + "/events", "{\"type\": \"" + type + "\"}",
                "Authorization", "Bearer local-agent-token", "Content-Type", "application/json");
    }

    /** After a reset, at 09:00 on a Wednesday: one signed e-mail message through {@code POST /messages}; its conversation id. */
    private static String freshMail(String messageId, String name, String email, String text) throws Exception {
        runner.post("/local/reset", "");
        runner.post("/local/clock", "{\"now\": \"2026-11-25T09:00:00Z\"}");
        String body = JSON.createObjectNode().put("shop", SHOP).put("channel", "email").put("message_id", messageId)
                .put("subject", "Gutschein").put("text", text).put("received_at", "2026-11-25T09:00:00Z")
                .set("from", JSON.createObjectNode().put("name", name).put("email", email)).toString();
        var accepted = runner.post("/messages", body, "Content-Type", "application/json", "X-Promptly-Shop", SHOP,
                "X-Promptly-Signature", MessageSignature.sign("local-messages-secret", body.getBytes(StandardCharsets.UTF_8)));
        assertEquals(202, accepted.statusCode(), accepted.body());
        return JSON.readTree(accepted.body()).get("conversation_id").asText();
    }

    @Test
    void aSolvedConversationsSurveyLinkOpensOnTheRunnerAndTheRatingShowsOnTheConversation() throws Exception {
        String conversation = freshMail("csat-local-1", "Ben", "ben@example.org", "Hallo, wie löse ich meinen Gutschein ein? Viele Grüße, Ben");

        assertEquals(200, event(conversation, "agent_replied").statusCode());
        assertEquals(200, event(conversation, "solved").statusCode());
        runner.post("/local/clock", "{\"advance\": \"PT1H\"}");
        runner.post("/local/jobs/outbox-send/run", "");
        List<JsonNode> surveys = runner.outbox("csat_survey");
        assertEquals(1, surveys.size(), surveys.toString());
        assertEquals("captured", surveys.get(0).get("status").asText());
        Matcher link = Pattern.compile("(http://127\\.0\\.0\\.1:" + runner.system().port() + "/csat/[A-Za-z0-9_.-]+)")
                .matcher(surveys.get(0).get("text").asText());
        assertTrue(link.find(), surveys.get(0).get("text").asText());
        String url = link.group(1);
        for (int i = 1; i < 4; i++) {
            assertTrue(link.find(), "five links");
        }
        var rated = http.send(HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.ofString());
        var commented = http.send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("comment=Sehr+hilfreich")).build(), HttpResponse.BodyHandlers.ofString());
        JsonNode view = runner.get("/local/conversations/" + conversation);
        JsonNode listed = runner.get("/local/conversations?shop=" + SHOP).get(0);

        assertEquals(200, rated.statusCode(), rated.body());
        assertTrue(rated.headers().firstValue("Content-Type").orElse("").startsWith("text/html"));
        assertTrue(rated.body().contains("Vielen Dank für Ihre Bewertung: 1 von 5."), rated.body());
        assertEquals(200, commented.statusCode(), commented.body());
        JsonNode csat = view.get("csat");
        assertEquals("rated", csat.get("state").asText(), view.toString());
        assertEquals(1, csat.get("rating").asInt());
        assertEquals("Sehr hilfreich", csat.get("comment").asText());
        assertEquals("rated", listed.get("csat").get("state").asText(), listed.toString());
        assertTrue(listed.get("csat").get("has_comment").asBoolean());
        assertTrue(!listed.get("csat").has("comment"), "the list leaves the comment out");
    }

    @Test
    void aCustomersDataExportHoldsTheirRatingAndCommentAndARedactionErasesThem() throws Exception {
        String conversation = freshMail("csat-local-2", "Cleo", "cleo@example.org", "Hello, how do I redeem my voucher? Thanks, Cleo");
        event(conversation, "agent_replied");
        event(conversation, "solved");
        Matcher link = Pattern.compile("(http://127\\.0\\.0\\.1:[0-9]+/csat/[A-Za-z0-9_.-]+)")
                .matcher(runner.outbox("csat_survey").get(0).get("text").asText());
        assertTrue(link.find());
        String url = link.group(1);
        http.send(HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.ofString());
        http.send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("comment=Took+a+while")).build(), HttpResponse.BodyHandlers.ofString());
        String request = "{\"shop_id\": 42, \"shop_domain\": \"" + SHOP + "\", \"orders_requested\": [], "
                + "\"customer\": {\"id\": 7002, \"email\": \"cleo@example.org\"}, \"data_request\": {\"id\": 3399}}";
        String redaction = "{\"shop_id\": 42, \"shop_domain\": \"" + SHOP + "\", \"orders_to_redact\": [], "
                + "\"customer\": {\"id\": 7002, \"email\": \"cleo@example.org\"}}";

        runner.webhook("customers/data_request", request, "csat-export-1");
        var export = http.send(HttpRequest.newBuilder(runner.uri("/data-requests/3399")).header("X-Promptly-Shop", SHOP)
                .header("Authorization", "Bearer local-export-token").GET().build(), HttpResponse.BodyHandlers.ofString());
        runner.webhook("customers/redact", redaction, "csat-redact-1");
        var afterRedaction = http.send(HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.ofString());

        assertEquals(200, export.statusCode(), export.body());
        JsonNode survey = JSON.readTree(export.body()).get("conversations").get(0).get("satisfaction_survey");
        assertEquals("rated", survey.get("state").asText(), export.body());
        assertEquals(1, survey.get("rating").asInt());
        assertEquals("Took a while", survey.get("comment").asText());
        assertEquals(404, afterRedaction.statusCode(), "the survey is erased: " + afterRedaction.body());
    }
}
