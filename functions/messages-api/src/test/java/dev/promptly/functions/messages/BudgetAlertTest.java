package dev.promptly.functions.messages;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.promptly.core.outbox.OutboxKind;
import dev.promptly.core.outbox.OutboxMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The mail that tells the team a reply budget paused automatic acknowledgements, word for word. */
class BudgetAlertTest {
    private static final String CLOSING = ".\n\nThe latest message is ticket %s. Messages are still recorded; "
            + "they wait for a person. Replies resume with the next period.\n";

    private MessagesTestSystem system;

    @AfterEach
    void close() {
        system.close();
    }

    /** Asserts the one alert's words: {@code scope} in the subject, {@code paused} then the ticket of {@code held} in the text. */
    private void assertTheAlertSays(String scope, String paused, JsonNode held) {
        OutboxMessage alert = system.outboxMessages().stream().filter(m -> m.kind() == OutboxKind.BUDGET_ALERT).findFirst().orElseThrow();
        assertEquals("[Promptly] Automatic replies paused (" + scope + " budget reached)", alert.subject());
        assertEquals("Promptly has paused automatic acknowledgements for " + paused
                + CLOSING.formatted("PR-" + held.get("conversation_id").asText()), alert.text());
        assertEquals(null, alert.html(), "a plain-text mail");
        assertEquals("support@demo-shop.example", alert.to());
    }

    @Test
    void senderBudgetAlertNamesTheDailyLimitAndTheTicket() {
        system = new MessagesTestSystem(", \"auto_reply_budget\": {\"per_sender_per_day\": 2}");
        system.postAndSend(system.message("sender-0", "Hallo, Frage Nummer 0"));
        system.postAndSend(system.message("sender-1", "Hallo, Frage Nummer 1"));

        JsonNode held = system.postAndSend(system.message("sender-2", "Hallo, Frage Nummer 2"));

        assertTheAlertSays("sender", "one sender, who reached 2 automatic replies today", held);
    }

    @Test
    void shopBudgetAlertNamesTheHourlyLimitAndTheTicket() {
        system = new MessagesTestSystem(", \"auto_reply_budget\": {\"per_shop_per_hour\": 1}");
        system.storeSampleOrder();
        system.postAndSend(system.message("shop-0", "Hallo, Frage Nummer 0"));

        JsonNode held = system.postAndSend(system.message("shop-1", "Hallo, Frage Nummer 1"));

        assertTheAlertSays("shop", "your shop, which reached 1 automatic replies this hour", held);
    }

    @Test
    void newSendersAlertNamesTheirShareAndThatKnownCustomersStillGetReplies() {
        system = new MessagesTestSystem(", \"auto_reply_budget\": {\"per_shop_per_hour\": 2}");
        ObjectNode first = system.message("new-0", "Hallo, Frage Nummer 0");
        first.putObject("from").put("email", "first.stranger@example.net");
        system.postAndSend(first);
        ObjectNode second = system.message("new-1", "Hallo, Frage Nummer 1");
        second.putObject("from").put("email", "second.stranger@example.net");

        JsonNode held = system.postAndSend(second);

        assertTheAlertSays("new senders", "new addresses (no order, no earlier conversation), "
                + "which reached 1 automatic replies this hour; known customers still get theirs", held);
    }
}
