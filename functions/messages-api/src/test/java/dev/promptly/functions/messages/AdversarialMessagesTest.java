package dev.promptly.functions.messages;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Messages built to make the work slow are still handled, within the caps: the number of order
 * look-ups and the loop verdict on deeply nested comments. Counts, not times, are asserted.
 */
class AdversarialMessagesTest {
    private final MessagesTestSystem system = new MessagesTestSystem();

    @AfterEach
    void close() {
        system.close();
    }

    private long readsToAccept(ObjectNode message) {
        system.reads.reset();
        var response = system.post(message);
        assertEquals(202, response.getStatusCode(), response.getBody());
        return system.reads.requests();
    }

    @Test
    void nineThousandOrderReferencesCostNoMoreReadsThanThreeDistinctOnes() {
        String threeReferences = "Wo bleiben meine Bestellungen #1000 #1001 #1002?";
        String oneReference = "Wo bleibt meine Bestellung #1000?";
        String nineThousand = "Wo bleiben meine Bestellungen "
                + IntStream.range(1000, 10_000).mapToObj(n -> "#" + n).collect(Collectors.joining(" ")) + "?";

        // A first message makes the sender known, so both measured messages cost the same sender look-up.
        readsToAccept(system.message("first-contact", "Hallo, eine Frage zu meiner Bestellung."));
        long forOne = readsToAccept(system.message("one-reference", oneReference));
        long forThree = readsToAccept(system.message("three-references", threeReferences));
        long forNineThousand = readsToAccept(system.message("nine-thousand-references", nineThousand));

        assertEquals(forOne + 4, forThree, "each unknown number is tried in two spellings");
        assertEquals(forThree, forNineThousand, "the same three look-ups (as many as a reply lists), whatever else the message lists");
    }

    @Test
    void theNumbersOfOneMessageAreLookedUpAtOnce() {
        readsToAccept(system.message("first-contact", "Hallo, eine Frage zu meiner Bestellung."));
        system.nameQueries.arm(3, Duration.ofSeconds(5));

        readsToAccept(system.message("three-references", "Wo bleiben meine Bestellungen #1000, #1001 und #1002?"));

        // One after another, each query would wait out the five seconds alone.
        assertEquals(3, system.nameQueries.most(), "the three numbers' first spellings in flight together");
    }

    @Test
    void aNewSendersStandingIsReadBesideTheNamedOrder() {
        // A new address: no known-sender marker, so its standing takes a query of the shop's orders by e-mail.
        system.orderQueries.arm(2, Duration.ofSeconds(5));

        readsToAccept(system.message("new-sender", "Wo bleibt meine Bestellung #1000?"));

        // One after another, each query would wait out the five seconds alone.
        assertEquals(2, system.orderQueries.most(), "the standing's order query and a name query in flight together");
    }

    @Test
    void namingAStoredOrderCostsNoMoreReadsThanNamingAnUnknownOne() {
        ObjectNode order = MessagesTestSystem.sample("orders-create");
        order.put("id", 5001001L).put("name", "#1001").put("admin_graphql_api_id", "gid://shopify/Order/5001001");
        system.deliverWebhook("orders/create", order);
        readsToAccept(system.message("first-contact", "Hallo, eine Frage zu meiner Bestellung."));

        // The unknown number is tried in each spelling ("#1002", "1002"); the stored one is found under
        // the first, and the other spellings name the same order, so they are not tried again.
        long forUnknown = readsToAccept(system.message("unknown-order", "Wo bleibt meine Bestellung #1002?"));
        long forStored = readsToAccept(system.message("stored-order", "Wo bleibt meine Bestellung #1001?"));

        assertEquals(forUnknown, forStored, "one name query and the order's read, against two name queries");
    }

    @Test
    void autoSubmittedWrappedInFortyThousandNestedCommentsStillGetsNoReply() {
        int levels = 40_000;
        String nested = "(".repeat(levels) + "no" + ")".repeat(levels);
        ObjectNode message = system.message("deep-comments", "Wo bleibt meine Bestellung?");
        message.putObject("headers").put("Auto-Submitted", nested + " auto-replied");
        assertTrue(message.toString().length() <= MessagesHandler.MAX_BODY_BYTES, "within the route's body limit");

        JsonNode accepted = MessagesTestSystem.json(system.post(message));

        assertEquals(0, system.outboxMessages().size(), accepted.toString());
        assertTrue(system.logText().contains("\"reason\":\"auto_submitted\""), system.logText());
    }
}
