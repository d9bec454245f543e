package dev.promptly.functions.email;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.promptly.testing.WiredAsDeployed;
import dev.promptly.wiring.PromptlyEnvironment;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The inbound-email function built as deployed (raw mail from S3, the mail adapter's MIME parser) and primed.
 * This module's test classpath holds only the adapters its pom names, as the function's jar does, so a
 * use case needing another adapter fails here.
 */
class SesEmailWiringTest {
    @Test
    void wiredAsDeployedThePrimedHandlerReadsAndStoresNothing() {
        try (var wired = WiredAsDeployed.start(Map.of(PromptlyEnvironment.INBOUND_MAIL_BUCKET, "promptly-mail"))) {
            new SesEmailHandler(wired.deployment()).beforeCheckpoint(null);

            assertTrue(wired.readRequests() >= 1, "priming read DynamoDB");
            assertEquals(0, wired.storedItems(), "priming stored nothing");
        }
    }
}
