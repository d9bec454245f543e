package dev.promptly.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code POST /local/inbound-email} over real HTTP with the shipped example configuration (team copies to
 * {@code team@demo-shop.example}, the team writing from {@code support@demo-shop.example}) and the sample
 * mails in {@code events/ses-inbound}.
 */
class LocalInboundEmailHttpTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static LocalRunnerClient runner;

    @BeforeAll
    static void start() throws Exception {
        runner = LocalRunnerClient.start(new LocalOptions(0, null, null, null, 0, false));
    }

    @AfterAll
    static void stop() {
        runner.close();
    }

    @BeforeEach
    void reset() throws Exception {
        runner.post("/local/reset", "");
    }

    private static String sample(String name) throws Exception {
        return Files.readString(Path.of("..", "events", "ses-inbound", name), StandardCharsets.UTF_8);
    }

    private static JsonNode mail(String raw) throws Exception {
        var response = runner.post("/local/inbound-email", raw, "X-Promptly-Shop", LocalRunnerClient.SHOP);
        assertEquals(202, response.statusCode(), response.body());
        return JSON.readTree(response.body());
    }

    @Test
    void aRawCustomerMailIsAnsweredAndCopiedToTheTeamOnceAsTheSesFunctionWould() throws Exception {
        JsonNode answer = mail(sample("customer-mail.eml"));
        JsonNode again = mail(sample("customer-mail.eml"));

        assertTrue(answer.get("ticket").asText().startsWith("PR-"), answer.toString());
        assertFalse(answer.get("duplicate").asBoolean());
        assertTrue(again.get("duplicate").asBoolean());
        assertEquals(answer.get("conversation_id"), again.get("conversation_id"));
        var copies = runner.outbox("team_copy");
        assertEquals(1, copies.size(), copies.toString());
        assertEquals("team@demo-shop.example", copies.get(0).get("to").asText());
        assertEquals(1, runner.outbox("wismo").size() + runner.outbox("ack").size());
    }

    @Test
    void theTeamsReplyByMailStopsTheFirstResponseClockAndSendsNothing() throws Exception {
        String conversation = mail(sample("customer-mail.eml")).get("conversation_id").asText();
        int outbox = runner.get("/local/outbox").size();

        JsonNode answer = mail(sample("team-reply.eml"));

        assertEquals(conversation, answer.get("conversation_id").asText());
        assertEquals(outbox, runner.get("/local/outbox").size());
        JsonNode clocks = runner.get("/local/conversations/" + conversation).get("sla").get("clocks");
        assertEquals("satisfied", clocks.get(0).get("state").asText(), clocks.toString());
    }

    @Test
    void badInputIsRefusedNamingTheProblem() throws Exception {
        var noShop = runner.post("/local/inbound-email", "From: a@example.com\r\n\r\nHi\r\n");
        var unknownShop = runner.post("/local/inbound-email", "From: a@example.com\r\n\r\nHi\r\n", "X-Promptly-Shop", "other.myshopify.com");
        var empty = runner.post("/local/inbound-email", "", "X-Promptly-Shop", LocalRunnerClient.SHOP);
        var noSender = runner.post("/local/inbound-email", "Subject: hello\r\n\r\nHi\r\n", "X-Promptly-Shop", LocalRunnerClient.SHOP);
        var tooLarge = runner.post("/local/inbound-email", "x".repeat(LocalInboundMail.MAX_BYTES + 1), "X-Promptly-Shop", LocalRunnerClient.SHOP);

        assertEquals(400, noShop.statusCode());
        assertTrue(noShop.body().contains("X-Promptly-Shop: is required"), noShop.body());
        assertEquals(400, unknownShop.statusCode());
        assertTrue(unknownShop.body().contains("X-Promptly-Shop: names no shop"), unknownShop.body());
        assertEquals(400, empty.statusCode());
        assertTrue(empty.body().contains("body: must be a raw e-mail"), empty.body());
        assertEquals(400, noSender.statusCode());
        assertTrue(noSender.body().contains("From:"), noSender.body());
        assertEquals(413, tooLarge.statusCode());
        assertTrue(tooLarge.body().contains("at most " + LocalInboundMail.MAX_BYTES + " bytes"), tooLarge.body());
        assertEquals(0, runner.get("/local/conversations?shop=" + LocalRunnerClient.SHOP).size());
    }
}
