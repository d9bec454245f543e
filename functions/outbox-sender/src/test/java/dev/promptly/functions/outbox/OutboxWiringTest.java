package dev.promptly.functions.outbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.promptly.testing.WiredAsDeployed;
import dev.promptly.wiring.PromptlyEnvironment;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The outbox function built as deployed (the mail adapter's composer and SMTP transport, the Slack and SNS alert channels) and primed.
 * This module's test classpath holds only the adapters its pom names, as the function's jar does, so a
 * use case needing another adapter fails here.
 */
class OutboxWiringTest {
    @Test
    void wiredAsDeployedThePrimedHandlerReadsAndStoresNothing() {
        try (var wired = WiredAsDeployed.start(Map.of(PromptlyEnvironment.SMTP_HOST, "smtp.example.com"))) {
            new OutboxStreamHandler(wired.deployment()).beforeCheckpoint(null);

            assertTrue(wired.readRequests() >= 1, "priming read DynamoDB");
            assertEquals(0, wired.storedItems(), "priming stored nothing");
        }
    }
}
