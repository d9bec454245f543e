package dev.promptly.functions.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.promptly.app.inbound.MessageIntake;
import dev.promptly.aws.dynamodb.DynamoConversationStore;
import dev.promptly.aws.dynamodb.DynamoCsatStore;
import dev.promptly.aws.dynamodb.DynamoOrderStore;
import dev.promptly.aws.dynamodb.DynamoOutboxStore;
import dev.promptly.aws.dynamodb.PromptlyTable;
import dev.promptly.config.ConfigParser;
import dev.promptly.config.PromptlyConfig;
import dev.promptly.core.ShopDomain;
import dev.promptly.core.message.Channel;
import dev.promptly.core.message.ConversationId;
import dev.promptly.core.message.InboundMessage;
import dev.promptly.core.message.Sender;
import dev.promptly.core.outbox.OutboxKind;
import dev.promptly.dynamodblocal.EmbeddedDynamoDb;
import dev.promptly.log.JsonLog;
import dev.promptly.testing.MovableClock;
import dev.promptly.wiring.Deployment;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The survey's links end to end through the function as API Gateway calls it: the team solves over
 * {@code POST /conversations/{id}/events}, the queued mail's links are opened with {@code GET /csat/{token}} and the
 * comment is sent with {@code POST /csat/{token}} as a browser sends a form (base64-encoded by API Gateway).
 */
class CsatLinkHandlerTest {
    private static final String TABLE = "promptly-csat-links-test";
    private static final EmbeddedDynamoDb DYNAMO = EmbeddedDynamoDb.inMemory(List.of(PromptlyTable.createTableRequest(TABLE)));
    private static final String TOKEN = "agent-token";
    private static final Pattern LINK = Pattern.compile("https://api\\.example\\.com/csat/([A-Za-z0-9_.-]+)");

    private final ShopDomain shop = new ShopDomain("csat-" + UUID.randomUUID().toString().substring(0, 8) + ".myshopify.com");
    private final MovableClock clock = new MovableClock(Instant.parse("2026-11-25T09:30:00Z"));
    private final DynamoDbClient client = DYNAMO.newClient();
    private final ByteArrayOutputStream logs = new ByteArrayOutputStream();
    private final PromptlyConfig config = ConfigParser.parse("""
            {"shops": {"%s": {
              "name": "Demo Shop", "languages": ["en", "de"], "time_zone": "Europe/Berlin", "support_email": "support@demo-shop.example",
              "secrets": {"shopify_webhook": "literal:w", "messages": "literal:m", "agent_token": "literal:%s"},
              "business_hours": {"weekly": {"wednesday": ["09:00-18:00"], "thursday": ["09:00-18:00"]}},
              "sla": {"first_response": "PT4H"}, "handling_time_business_days": 2,
              "csat": {"enabled": true, "delay": "PT30M", "token_secret": "literal:links-secret", "link_base_url": "https://api.example.com"}
            }}}""".formatted(shop.value(), TOKEN), "test", true);
    private final ConversationEventsHandler handler = new ConversationEventsHandler(Deployment.builder().dynamoDb(client, TABLE)
            .config(config).secrets(ref -> ref.name()).clock(clock)
            .logs(function -> new JsonLog(function, new PrintStream(logs, true, StandardCharsets.UTF_8), clock)).build());

    private ConversationId conversation() {
        var log = new JsonLog("messages", new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8), clock);
        return MessageIntake.standard(config, new DynamoConversationStore(client, TABLE), new DynamoOrderStore(client, TABLE), clock, log)
                .accept(new InboundMessage(shop, Channel.EMAIL, "m-" + UUID.randomUUID(), new Sender("Anna Beispiel", "anna@example.com", null),
                        "Voucher", "Hello, I have a question about my voucher. Thanks, Anna", List.of(), null, clock.instant(), Map.of(), null,
                        List.of(), false)).conversation();
    }

    private APIGatewayV2HTTPResponse teamEvent(ConversationId id, String type) {
        return handler.handleRequest(APIGatewayV2HTTPEvent.builder().withPathParameters(Map.of("id", id.value()))
                .withHeaders(Map.of("authorization", "Bearer " + TOKEN, "x-promptly-shop", shop.value()))
                .withBody("{\"type\": \"" + type + "\"}").withIsBase64Encoded(false).build(), null);
    }

    private APIGatewayV2HTTPResponse link(String method, String token, String form) {
        return handler.handleRequest(APIGatewayV2HTTPEvent.builder().withPathParameters(Map.of("token", token))
                .withRequestContext(APIGatewayV2HTTPEvent.RequestContext.builder()
                        .withHttp(APIGatewayV2HTTPEvent.RequestContext.Http.builder().withMethod(method).build()).build())
                .withHeaders(Map.of("content-type", "application/x-www-form-urlencoded"))
                .withBody(form == null ? null : Base64.getEncoder().encodeToString(form.getBytes(StandardCharsets.UTF_8)))
                .withIsBase64Encoded(form != null).build(), null);
    }

    private List<String> surveyTokens() {
        var surveys = new DynamoOutboxStore(client, TABLE).list(shop).stream().filter(m -> m.kind() == OutboxKind.CSAT_SURVEY).toList();
        assertEquals(1, surveys.size());
        Matcher m = LINK.matcher(surveys.get(0).text());
        List<String> tokens = new java.util.ArrayList<>();
        while (m.find()) {
            tokens.add(m.group(1));
        }
        return tokens;
    }

    @Test
    void aSolvedConversationsSurveyLinksRecordTheFirstRatingAndOneComment() {
        var id = conversation();
        assertEquals(200, teamEvent(id, "agent_replied").getStatusCode());
        assertEquals(200, teamEvent(id, "solved").getStatusCode());
        List<String> tokens = surveyTokens();
        clock.advance(Duration.ofHours(1));

        var rated = link("GET", tokens.get(4), null);
        var clickedAgain = link("GET", tokens.get(0), null);
        var commented = link("POST", tokens.get(4), "comment=Fast+%26+friendly+%3Cthanks%3E");
        var commentedAgain = link("POST", tokens.get(4), "comment=More");

        assertEquals(200, rated.getStatusCode(), rated.getBody());
        assertEquals("text/html; charset=utf-8", rated.getHeaders().get("Content-Type"));
        assertTrue(rated.getHeaders().get("Content-Security-Policy").startsWith("default-src 'none'"));
        assertEquals("no-referrer", rated.getHeaders().get("Referrer-Policy"));
        assertEquals("no-store", rated.getHeaders().get("Cache-Control"));
        assertTrue(rated.getBody().contains("Thank you for your rating: 5 of 5."), rated.getBody());
        assertEquals(200, clickedAgain.getStatusCode());
        assertTrue(clickedAgain.getBody().contains("already recorded (5 of 5)"), clickedAgain.getBody());
        assertEquals(200, commented.getStatusCode(), commented.getBody());
        assertEquals(409, commentedAgain.getStatusCode());
        var outcome = new DynamoCsatStore(client, TABLE).outcome(shop, id).orElseThrow();
        assertEquals(5, outcome.rating().getAsInt());
        assertEquals("Fast & friendly <thanks>", outcome.comment().orElseThrow());
        assertFalse(logs.toString(StandardCharsets.UTF_8).contains("friendly"), "no comment in the logs");
        assertFalse(logs.toString(StandardCharsets.UTF_8).contains("anna@example.com"), "no address in the logs");
    }

    @Test
    void aTamperedLinkIs400AndAnOversizedFormIsRefusedAsAPage() {
        var id = conversation();
        teamEvent(id, "agent_replied");
        teamEvent(id, "solved");
        String token = surveyTokens().get(2);
        link("GET", token, null);

        var tampered = link("GET", "A" + token.substring(1), null);
        var oversized = link("POST", token, "comment=" + "x".repeat(40_000));

        assertEquals(400, tampered.getStatusCode());
        assertEquals("text/html; charset=utf-8", tampered.getHeaders().get("Content-Type"));
        assertEquals(400, oversized.getStatusCode());
        assertTrue(new DynamoCsatStore(client, TABLE).outcome(shop, id).orElseThrow().comment().isEmpty());
    }
}
