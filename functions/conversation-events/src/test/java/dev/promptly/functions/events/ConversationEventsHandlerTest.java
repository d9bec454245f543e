package dev.promptly.functions.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.promptly.app.inbound.MessageIntake;
import dev.promptly.aws.AwsClients;
import dev.promptly.aws.dynamodb.DynamoConversationStore;
import dev.promptly.aws.dynamodb.DynamoOrderStore;
import dev.promptly.aws.dynamodb.DynamoSlaStore;
import dev.promptly.aws.dynamodb.PromptlyTable;
import dev.promptly.config.ConfigParser;
import dev.promptly.config.PromptlyConfig;
import dev.promptly.core.ShopDomain;
import dev.promptly.core.message.Channel;
import dev.promptly.core.message.ConversationId;
import dev.promptly.core.message.InboundMessage;
import dev.promptly.core.message.Sender;
import dev.promptly.dynamodblocal.EmbeddedDynamoDb;
import dev.promptly.log.JsonLog;
import dev.promptly.wiring.Deployment;
import dev.promptly.wiring.PromptlyEnvironment;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** The handler over API Gateway events, against DynamoDB Local: the contract's statuses and bodies. */
class ConversationEventsHandlerTest {
    private static final String TABLE = "promptly-events-test";
    /** The variables a deployed function has, for the deployed adapters (built by a use case that needs one; this one needs none). */
    private static final Map<String, String> DEPLOYED = Map.of(PromptlyTable.TABLE_NAME_ENV, TABLE, PromptlyEnvironment.CONFIG_FILE, "unused.json");
    private static final EmbeddedDynamoDb DYNAMO = EmbeddedDynamoDb.inMemory(List.of(PromptlyTable.createTableRequest(TABLE)));
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TOKEN = "agent-token";

    private final ShopDomain shop = new ShopDomain("events-" + UUID.randomUUID().toString().substring(0, 8) + ".myshopify.com");
    private final Clock clock = Clock.fixed(Instant.parse("2026-11-25T09:30:00Z"), ZoneOffset.UTC);
    private final DynamoDbClient client = DYNAMO.newClient();
    private final DynamoConversationStore conversations = new DynamoConversationStore(client, TABLE);
    private final ByteArrayOutputStream logs = new ByteArrayOutputStream();
    private final PromptlyConfig config = ConfigParser.parse("""
            {"shops": {"%s": {
              "name": "Demo Shop", "languages": ["de", "en"], "time_zone": "Europe/Berlin", "support_email": "support@demo-shop.example",
              "secrets": {"shopify_webhook": "literal:w", "messages": "literal:m", "agent_token": "literal:%s"},
              "business_hours": {"weekly": {"wednesday": ["09:00-18:00"], "thursday": ["09:00-18:00"]}},
              "sla": {"first_response": "PT4H"}, "handling_time_business_days": 2
            }}}""".formatted(shop.value(), TOKEN), "test", true);
    private final ConversationEventsHandler handler = new ConversationEventsHandler(Deployment.builder().awsAdapters(DEPLOYED, new AwsClients(false)).dynamoDb(client, TABLE)
            .config(config).secrets(ref -> ref.name()).clock(clock)
            .logs(function -> new JsonLog(function, new PrintStream(logs, true, StandardCharsets.UTF_8), clock)).build());

    private ConversationId conversation() {
        var log = new JsonLog("messages", new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8), clock);
        return MessageIntake.standard(config, conversations, new DynamoOrderStore(client, TABLE), clock, log)
                .accept(new InboundMessage(shop, Channel.CHAT, "m-" + UUID.randomUUID(), new Sender("Anna Beispiel", "anna@example.com", null),
                        null, "Hallo", List.of(), null, clock.instant(), Map.of(), null, List.of(), false)).conversation();
    }

    private APIGatewayV2HTTPResponse post(String id, String authorization, String shopHeader, String body) {
        Map<String, String> headers = new HashMap<>();
        if (authorization != null) {
            headers.put("authorization", authorization);
        }
        if (shopHeader != null) {
            headers.put("x-promptly-shop", shopHeader);
        }
        return handler.handleRequest(APIGatewayV2HTTPEvent.builder().withPathParameters(Map.of("id", id)).withHeaders(headers)
                .withBody(body).withIsBase64Encoded(false).build(), null);
    }

    private static String error(APIGatewayV2HTTPResponse response) throws Exception {
        return JSON.readTree(response.getBody()).get("error").asText();
    }

    @Test
    void agentRepliedAnswers200WithTheClocks() throws Exception {
        var id = conversation();

        var response = post(id.ticket(), "Bearer " + TOKEN, shop.value(), "{\"type\": \"agent_replied\"}");

        assertEquals(200, response.getStatusCode(), response.getBody());
        JsonNode clocks = JSON.readTree(response.getBody());
        assertEquals(id.value(), clocks.get("conversation_id").asText());
        assertEquals("first_response", clocks.get("clocks").get(0).get("clock").asText());
        assertEquals("satisfied", clocks.get("clocks").get(0).get("state").asText());
        assertTrue(clocks.has("explain"));
    }

    @Test
    void theShopHeaderIsOptionalWhenTheTokenIdentifiesTheShop() {
        var id = conversation();

        assertEquals(200, post(id.value(), "Bearer " + TOKEN, null, "{\"type\": \"waiting_on_customer\"}").getStatusCode());
    }

    @Test
    void theContractsErrorsAreStatusesWithAnErrorNamingTheProblem() throws Exception {
        var id = conversation();

        var wrongToken = post(id.value(), "Bearer wrong", shop.value(), "{\"type\": \"solved\"}");
        var noToken = post(id.value(), null, null, "{\"type\": \"solved\"}");
        var unknown = post("PR-0000000000", "Bearer " + TOKEN, shop.value(), "{\"type\": \"solved\"}");
        var badType = post(id.value(), "Bearer " + TOKEN, shop.value(), "{\"type\": \"closed\"}");
        var reopenOpen = post(id.value(), "Bearer " + TOKEN, shop.value(), "{\"type\": \"reopened\"}");

        assertEquals(401, wrongToken.getStatusCode());
        assertEquals("Authorization: must be \"Bearer <the shop's agent token>\"", error(wrongToken));
        assertEquals(401, noToken.getStatusCode());
        assertEquals(404, unknown.getStatusCode());
        assertEquals(400, badType.getStatusCode());
        assertTrue(error(badType).startsWith("type: must be one of agent_replied"), error(badType));
        assertEquals(409, reopenOpen.getStatusCode());
        assertEquals("type: reopened needs a solved conversation, this one is open", error(reopenOpen));
        assertEquals(2, new DynamoSlaStore(client, TABLE).events(shop, id).size(), "nothing was recorded");
        assertTrue(!logs.toString(StandardCharsets.UTF_8).contains("Anna"), "no personal data in logs");
    }

    @Test
    void snapStartPrimingRunsTheClocksAndARefusedRequestWithoutWriting() {
        handler.beforeCheckpoint(null);

        assertTrue(logs.toString(StandardCharsets.UTF_8).contains("\"status\":401"), logs.toString(StandardCharsets.UTF_8));
        assertEquals(0, conversations.list(shop).size());
    }

    @Test
    void theSampleEventIsAValidRequestForTheLocalShop() throws Exception {
        JsonNode sample = JSON.readTree(Files.readString(Path.of("..", "..", "events", "conversation-events", "agent-replied.json")));

        assertEquals("POST /conversations/{id}/events", sample.get("routeKey").asText());
        assertEquals("agent_replied", JSON.readTree(sample.get("body").asText()).get("type").asText());
        assertEquals("Bearer local-agent-token", sample.get("headers").get("authorization").asText());
    }
}
