package dev.promptly.functions.messages;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.promptly.testing.WiredAsDeployed;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The messages function built as deployed and primed.
 * This module's test classpath holds only the adapters its pom names, as the function's jar does, so a
 * use case needing another adapter fails here.
 */
class MessagesWiringTest {
    @Test
    void wiredAsDeployedThePrimedHandlerReadsAndStoresNothing() {
        try (var wired = WiredAsDeployed.start(Map.of())) {
            new MessagesHandler(wired.deployment()).beforeCheckpoint(null);

            assertTrue(wired.readRequests() >= 1, "priming read DynamoDB");
            assertEquals(0, wired.storedItems(), "priming stored nothing");
        }
    }
}
