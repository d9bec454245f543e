package dev.promptly.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.promptly.app.port.ConversationStore.AckDecision;
import dev.promptly.app.port.CsatRatings.CsatOutcome;
import dev.promptly.config.PromptlyConfig;
import dev.promptly.core.ShopDomain;
import dev.promptly.core.error.InvalidInputException;
import dev.promptly.core.message.Channel;
import dev.promptly.core.message.Conversation;
import dev.promptly.core.message.ConversationId;
import dev.promptly.core.message.ConversationStatus;
import dev.promptly.core.message.Sender;
import dev.promptly.local.DashboardConversations.Filter;
import dev.promptly.local.DashboardConversations.Risk;
import dev.promptly.local.DashboardConversations.Row;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class DashboardConversationsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Wednesday 25 November 2026, 10:30 in Berlin, 04:30 in New York. */
    private static final Instant NOW = Instant.parse("2026-11-25T09:30:00Z");
    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    private static final List<Duration> WARN_15_MINUTES = List.of(Duration.ofMinutes(15));
    private static final PromptlyConfig CONFIG = TwoShops.config();

    private static Conversation conversation(String shop, String messageId, ConversationStatus status, Channel channel, String intent,
                                             String orderId, Instant lastMessage) {
        return new Conversation(new ShopDomain(shop), ConversationId.derive(shop, messageId), channel, status,
                new Sender("Anna", "anna@example.com", null), "de", "Wo ist meine Bestellung?", orderId, null,
                lastMessage.minus(Duration.ofHours(1)), lastMessage, 1, null, intent, null);
    }

    /** An SLA view as {@code SlaView} writes it: one first-response clock. */
    private static JsonNode clock(String state, Instant due, boolean breached) {
        ObjectNode sla = JSON.createObjectNode();
        ObjectNode clock = sla.putArray("clocks").addObject().put("clock", "first_response").put("state", state).put("breached", breached);
        if (due == null) {
            clock.putNull("due_at");
        } else {
            clock.put("due_at", due.toString());
        }
        return sla;
    }

    private static Row row(Conversation c, ZoneId zone, JsonNode sla) {
        return new Row(c, zone, sla, WARN_15_MINUTES, Optional.empty(), Optional.empty(), Optional.empty());
    }

    private static List<String> tickets(ArrayNode array) {
        List<String> tickets = new ArrayList<>();
        array.forEach(n -> tickets.add(n.get("ticket").asText()));
        return tickets;
    }

    @Test
    void overdueConversationsComeFirstThenThoseAtRiskThenTheRestByLatestMessage() {
        var calm = conversation(TwoShops.FIRST, "calm", ConversationStatus.OPEN, Channel.EMAIL, "wismo", null, NOW.minusSeconds(60));
        var older = conversation(TwoShops.FIRST, "older", ConversationStatus.SOLVED, Channel.EMAIL, "wismo", null, NOW.minusSeconds(7200));
        var dueSoon = conversation(TwoShops.SECOND, "due-soon", ConversationStatus.OPEN, Channel.CHAT, "return", null, NOW.minusSeconds(9000));
        var overdue = conversation(TwoShops.FIRST, "overdue", ConversationStatus.OPEN, Channel.EMAIL, "other", null, NOW.minusSeconds(9600));
        var longOverdue = conversation(TwoShops.SECOND, "long-overdue", ConversationStatus.OPEN, Channel.FORM, null, null, NOW.minusSeconds(9500));

        ArrayNode json = DashboardConversations.json(List.of(
                row(calm, BERLIN, clock("running", NOW.plus(Duration.ofHours(3)), false)),
                row(older, BERLIN, clock("satisfied", null, true)),
                row(dueSoon, NEW_YORK, clock("running", NOW.plus(Duration.ofMinutes(40)), false)),
                row(overdue, BERLIN, clock("running", NOW.minus(Duration.ofMinutes(5)), true)),
                row(longOverdue, NEW_YORK, clock("running", NOW.minus(Duration.ofHours(2)), true))), NOW);

        assertEquals(List.of(longOverdue.ticket(), overdue.ticket(), dueSoon.ticket(), calm.ticket(), older.ticket()), tickets(json));
        assertEquals(List.of("breached", "breached", "at_risk", "ok", "ok"), json.findValuesAsText("risk"));
        assertEquals("overdue", json.get(0).get("risk_text").asText());
        assertEquals("at risk", json.get(2).get("risk_text").asText());
    }

    @Test
    void aClockIsAtRiskOnceTheShopsWarningStageHasComeEvenIfMoreThanAnHourIsLeft() {
        var sla = clock("running", NOW.plus(Duration.ofMinutes(90)), false);

        assertEquals(Risk.OK, DashboardConversations.risk(sla, WARN_15_MINUTES, NOW));
        assertEquals(Risk.AT_RISK, DashboardConversations.risk(sla, List.of(Duration.ofHours(2)), NOW));
        assertEquals(Risk.OK, DashboardConversations.risk(clock("paused", null, false), WARN_15_MINUTES, NOW), "a paused clock waits on the customer");
        assertEquals(Risk.OK, DashboardConversations.risk(null, WARN_15_MINUTES, NOW), "no SLA view");
    }

    @Test
    void timesAreShownInTheZoneOfTheConversationsShop() {
        var berlin = conversation(TwoShops.FIRST, "b", ConversationStatus.OPEN, Channel.EMAIL, "wismo", null, NOW);
        var newYork = conversation(TwoShops.SECOND, "n", ConversationStatus.OPEN, Channel.EMAIL, "wismo", null, NOW.minusSeconds(1));

        ArrayNode json = DashboardConversations.json(List.of(
                row(berlin, BERLIN, clock("running", Instant.parse("2026-11-25T13:30:00Z"), false)),
                row(newYork, NEW_YORK, clock("running", Instant.parse("2026-11-25T13:30:00Z"), false))), NOW);

        assertEquals("Wed 25 Nov, 10:30 CET", json.get(0).get("last_message_local").asText());
        assertEquals("Europe/Berlin", json.get(0).get("time_zone").asText());
        assertEquals("Wed 25 Nov, 14:30 CET", json.get(0).get("sla").get(0).get("due_local").asText());
        assertEquals("2026-11-25T13:30:00Z", json.get(0).get("sla").get(0).get("due_at").asText(), "the ISO time stays");
        assertEquals("Wed 25 Nov, 04:29 EST", json.get(1).get("last_message_local").asText());
        assertEquals("Wed 25 Nov, 08:30 EST", json.get(1).get("sla").get(0).get("due_local").asText());
    }

    @Test
    void aRefusedAcknowledgementCarriesTheLoopGuardsReasonInWords() {
        var robot = conversation(TwoShops.FIRST, "robot", ConversationStatus.OPEN, Channel.EMAIL, null, null, NOW);
        var ack = new AckDecision("skipped", "auto_submitted", null, NOW);

        JsonNode json = DashboardConversations.json(List.of(new Row(robot, BERLIN, null, List.of(), Optional.of(ack), Optional.empty(),
                Optional.empty())), NOW).get(0);

        assertEquals("skipped", json.at("/acknowledgement/outcome").asText());
        assertEquals("auto_submitted", json.at("/acknowledgement/reason").asText());
        assertEquals("automatic mail (Auto-Submitted header)", json.at("/acknowledgement/reason_text").asText());
        assertEquals("Wed 25 Nov, 10:30 CET", json.at("/acknowledgement/decided_local").asText());
    }

    @Test
    void refusalReasonsReadAsSentencesAndUnknownOnesStillRead() {
        assertEquals("the sender's daily reply budget is used up", DashboardConversations.reasonText("sender_budget_exhausted"));
        assertEquals("a system sender (no-reply, mailer-daemon, postmaster)", DashboardConversations.reasonText("system_sender"));
        assertEquals("a template value is missing: order_name", DashboardConversations.reasonText("missing_template_value:order_name"));
        assertEquals("something new", DashboardConversations.reasonText("something_new"));
    }

    @Test
    void theOrderIsNamedAsTheOrdersTableNamesItAndTheRatingIsShown() {
        var rated = conversation(TwoShops.FIRST, "rated", ConversationStatus.SOLVED, Channel.EMAIL, "wismo", "820982911946154508", NOW);
        var asked = conversation(TwoShops.FIRST, "asked", ConversationStatus.SOLVED, Channel.EMAIL, "wismo", null, NOW.minusSeconds(5));
        var rating = new CsatOutcome(NOW.minusSeconds(3600), OptionalInt.of(4), Optional.of(NOW), Optional.of("Quick and kind"));
        var noRating = new CsatOutcome(NOW.minusSeconds(3600), OptionalInt.empty(), Optional.empty(), Optional.empty());

        ArrayNode json = DashboardConversations.json(List.of(
                new Row(rated, BERLIN, null, List.of(), Optional.empty(), Optional.of("#1001"), Optional.of(rating)),
                new Row(asked, BERLIN, null, List.of(), Optional.empty(), Optional.empty(), Optional.of(noRating))), NOW);

        assertEquals("#1001", json.get(0).get("order_name").asText());
        assertEquals("820982911946154508", json.get(0).get("order_id").asText(), "the id stays");
        assertEquals(4, json.get(0).at("/csat/rating").asInt());
        assertEquals("Wed 25 Nov, 10:30 CET", json.get(0).at("/csat/rated_local").asText());
        assertTrue(json.get(0).get("csat").path("comment").isMissingNode(), "the comment is personal data the list does not need");
        assertTrue(json.get(1).at("/csat/rating").isNull());
        assertTrue(json.get(1).get("order_name").isNull());
    }

    @Test
    void filtersTakeAShopAStatusAChannelAndAnIntent() {
        var filter = Filter.of(URI.create("/local/dashboard/conversations?shop=" + TwoShops.SECOND + "&status=open&channel=chat&intent=return"), CONFIG);
        var match = conversation(TwoShops.SECOND, "m", ConversationStatus.OPEN, Channel.CHAT, "return", null, NOW);

        assertEquals(List.of(new ShopDomain(TwoShops.SECOND)), filter.shops(CONFIG));
        assertTrue(filter.accepts(match));
        assertTrue(!filter.accepts(conversation(TwoShops.SECOND, "s", ConversationStatus.SOLVED, Channel.CHAT, "return", null, NOW)));
        assertTrue(!filter.accepts(conversation(TwoShops.SECOND, "e", ConversationStatus.OPEN, Channel.EMAIL, "return", null, NOW)));
        assertTrue(!filter.accepts(conversation(TwoShops.SECOND, "w", ConversationStatus.OPEN, Channel.CHAT, "wismo", null, NOW)));
    }

    @Test
    void withoutFiltersEveryConfiguredShopAndConversationIsTakenAndNoneMatchesUnknownIntents() {
        var all = Filter.of(URI.create("/local/dashboard/conversations?shop=&status="), CONFIG);
        var unknownIntent = Filter.of(URI.create("/local/dashboard/conversations?intent=none"), CONFIG);
        var noIntent = conversation(TwoShops.FIRST, "x", ConversationStatus.OPEN, Channel.EMAIL, null, null, NOW);

        assertEquals(List.of(new ShopDomain(TwoShops.FIRST), new ShopDomain(TwoShops.SECOND)), all.shops(CONFIG));
        assertTrue(all.accepts(noIntent));
        assertTrue(unknownIntent.accepts(noIntent));
        assertTrue(!unknownIntent.accepts(conversation(TwoShops.FIRST, "y", ConversationStatus.OPEN, Channel.EMAIL, "wismo", null, NOW)));
    }

    @Test
    void anUnknownFilterValueIsRefusedNamingTheParameter() {
        for (String query : List.of("shop=elsewhere.myshopify.com", "shop=not%20a%20shop", "status=closed", "channel=fax", "intent=gossip")) {
            var refused = assertThrows(InvalidInputException.class,
                    () -> Filter.of(URI.create("/local/dashboard/conversations?" + query), CONFIG), query);

            assertEquals(query.substring(0, query.indexOf('=')), refused.field(), refused.getMessage());
        }
        assertNull(Filter.of(URI.create("/x"), CONFIG).shop());
    }
}
