package dev.promptly.app.sla;

import static dev.promptly.app.sla.SlaTestSystem.berlin;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.promptly.aws.dynamodb.PromptlyTable;
import dev.promptly.core.error.AuthenticationException;
import dev.promptly.core.error.ConflictException;
import dev.promptly.core.error.InvalidInputException;
import dev.promptly.core.error.NotFoundException;
import dev.promptly.core.message.ConversationId;
import dev.promptly.core.message.ConversationStatus;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class AgentActivityTest {
    private static final String BEARER = "Bearer " + SlaTestSystem.TOKEN;
    private final SlaTestSystem system = new SlaTestSystem("""
            {"first_response": "PT4H", "policies": [
               {"name": "urgent", "match": {"priorities": ["urgent"]}, "urgent": true, "first_response": "PT1H", "next_response": "PT1H"},
               {"name": "standard", "first_response": "PT4H", "next_response": "PT4H", "resolution": "P2D"}]}""");

    private ObjectNode post(ConversationId id, String body) {
        return system.agents.record(null, BEARER, id.ticket(), body.getBytes(StandardCharsets.UTF_8));
    }

    private int eventsOf(ConversationId id) {
        return system.sla.events(system.shop, id).size();
    }

    @Test
    void aPriorityChangeBeforeTheFirstReplyRematchesThePolicyAndExplainsWhy() {
        var id = system.message("m1");
        system.clock.set(berlin("2026-11-25T10:20"));

        var clocks = post(id, "{\"type\": \"priority_changed\", \"priority\": \"urgent\"}");

        assertEquals("urgent", clocks.get("policy").get("name").asText());
        assertEquals("priority is urgent", clocks.get("policy").get("matched_because").get(0).asText());
        var first = clocks.get("clocks").get(0);
        assertEquals("first_response", first.get("clock").asText());
        assertEquals(berlin("2026-11-25T11:00").toString(), first.get("due_at").asText());
        var explain = clocks.get("explain");
        assertEquals("Europe/Berlin", explain.get("calendar").get("zone").asText());
        assertEquals(2, explain.get("policy_decisions").size());
        assertEquals("standard", explain.get("policy_decisions").get(0).get("policy").get("name").asText());
        assertEquals("running", explain.get("clocks").get(0).get("segments").get(0).get("state").asText());
        assertTrue(explain.get("notes").get(0).asText().contains("does not satisfy"), explain.toString());
        assertEquals(PromptlyTable.sortable(berlin("2026-11-25T10:20")), system.checkpoint(id), "the 60-minute warning has come");
    }

    @Test
    void waitingOnTheCustomerPausesAndSolvedAndReopenedFollowTheStatus() {
        var id = system.message("m1");
        system.clock.set(berlin("2026-11-25T11:00"));

        var waiting = post(id, "{\"type\": \"waiting_on_customer\"}");
        system.clock.set(berlin("2026-11-25T12:00"));
        var solved = post(id, "{\"type\": \"solved\", \"at\": \"2026-11-25T10:30:00Z\"}");
        var reopened = post(id, "{\"type\": \"reopened\"}");

        assertEquals("waiting_on_customer", waiting.get("status").asText());
        assertEquals("paused", waiting.get("clocks").get(0).get("state").asText());
        assertNull(waiting.get("clocks").get(0).get("due_at").textValue());
        assertEquals("solved", solved.get("status").asText());
        assertEquals("open", reopened.get("status").asText());
        assertEquals(ConversationStatus.OPEN, system.conversations.load(system.shop, id).orElseThrow().conversation().status());
        assertEquals(5, eventsOf(id));
    }

    @Test
    void teamEventsAtTheSameMomentKeepTheOrderTheyWereRecordedIn() {
        var id = system.message("m1");
        system.clock.set(berlin("2026-11-25T11:00"));
        for (int i = 0; i < 7; i++) {
            post(id, "{\"type\": \"tags_changed\", \"tags\": [\"t" + i + "\"]}");
        }

        post(id, "{\"type\": \"solved\", \"at\": \"2026-11-25T10:00:00Z\"}");
        var reopened = post(id, "{\"type\": \"reopened\", \"at\": \"2026-11-25T10:00:00Z\"}");

        var types = system.sla.events(system.shop, id).stream().map(e -> e.type().wire()).toList();
        assertEquals(List.of("solved", "reopened"), types.subList(types.size() - 2, types.size()), "versions 9 and 10 sort as recorded");
        assertEquals("running", reopened.get("clocks").get(0).get("state").asText());
    }

    @Test
    void aWrongOrMissingTokenIs401AndChangesNothing() {
        var id = system.message("m1");

        assertThrows(AuthenticationException.class, () -> system.agents.record(null, "Bearer nope", id.value(),
                "{\"type\": \"solved\"}".getBytes(StandardCharsets.UTF_8)));
        assertThrows(AuthenticationException.class, () -> system.agents.record(system.shop.value(), null, id.value(),
                "{\"type\": \"solved\"}".getBytes(StandardCharsets.UTF_8)));

        assertEquals(2, eventsOf(id));
    }

    @Test
    void anUnknownShopIsRefusedWithExactlyTheAnswerOfAWrongToken() {
        var id = system.message("m1");
        byte[] body = "{\"type\": \"solved\"}".getBytes(StandardCharsets.UTF_8);

        var wrongToken = assertThrows(AuthenticationException.class, () -> system.agents.record(system.shop.value(), "Bearer nope", id.value(), body));
        var unknownShop = assertThrows(AuthenticationException.class, () -> system.agents.record("stranger.myshopify.com", BEARER, id.value(), body));

        assertEquals(wrongToken.getMessage(), unknownShop.getMessage());
        assertEquals(2, eventsOf(id));
    }

    @Test
    void jsonNestedDeeperThanTheParserAllowsIs400NamingTheLimit() {
        var id = system.message("m1");

        var e = assertThrows(InvalidInputException.class, () -> post(id, "{\"tags\": " + "[".repeat(2000) + "]".repeat(2000) + "}"));

        assertEquals("body: is over a JSON limit: Document nesting depth (1001) exceeds the maximum allowed (1000)", e.getMessage());
    }

    @Test
    void anUnknownConversationIs404() {
        var e = assertThrows(NotFoundException.class, () -> post(ConversationId.derive("x", "nothing"), "{\"type\": \"solved\"}"));

        assertTrue(e.getMessage().startsWith("no conversation PR-"), e.getMessage());
    }

    @Test
    void anUnknownConversationIs404EvenWithABadBody() {
        assertThrows(NotFoundException.class, () -> post(ConversationId.derive("x", "nothing"), "{type"));
    }

    @Test
    void anInvalidBodyIs400NamingTheField() {
        var id = system.message("m1");

        assertEquals("type: must be one of agent_replied, waiting_on_customer, solved, reopened, priority_changed, tags_changed",
                assertThrows(InvalidInputException.class, () -> post(id, "{\"type\": \"customer_message\"}")).getMessage());
        assertEquals("priority: must be one of low, normal, high, urgent",
                assertThrows(InvalidInputException.class, () -> post(id, "{\"type\": \"priority_changed\", \"priority\": \"p1\"}")).getMessage());
        assertEquals("tags: must be a list of at most 50 tags (the new set; [] removes all)",
                assertThrows(InvalidInputException.class, () -> post(id, "{\"type\": \"tags_changed\", \"tags\": \"vip\"}")).getMessage());
        assertEquals("at: is in the future",
                assertThrows(InvalidInputException.class, () -> post(id, "{\"type\": \"solved\", \"at\": \"2030-01-01T00:00:00Z\"}")).getMessage());
        assertEquals("body: is not valid JSON", assertThrows(InvalidInputException.class, () -> post(id, "{type")).getMessage());
        assertEquals(2, eventsOf(id));
    }

    @Test
    void anInvalidTransitionIs409AndChangesNothing() {
        var id = system.message("m1");

        var reopenOpen = assertThrows(ConflictException.class, () -> post(id, "{\"type\": \"reopened\"}"));
        post(id, "{\"type\": \"solved\"}");
        var solveTwice = assertThrows(ConflictException.class, () -> post(id, "{\"type\": \"solved\"}"));

        assertEquals("type: reopened needs a solved conversation, this one is open", reopenOpen.getMessage());
        assertEquals("type: solved, but the conversation is already solved", solveTwice.getMessage());
        assertEquals(3, eventsOf(id));
    }
}
