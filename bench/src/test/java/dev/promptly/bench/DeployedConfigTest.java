package dev.promptly.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.promptly.config.ConfigParser;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class DeployedConfigTest {
    private static final Path EXAMPLE = Path.of("..", "config", "promptly.example.json");

    @Test
    void exampleBecomesAConfigurationADeployedFunctionAccepts() throws Exception {
        var parameters = DeployedConfig.parameters(Files.readString(EXAMPLE));

        String deployed = parameters.get(DeployedConfig.CONFIG_PARAMETER);
        ConfigParser.parse(deployed, "SSM parameter " + DeployedConfig.CONFIG_PARAMETER, false);
        assertFalse(deployed.contains("\"literal:"));
    }

    @Test
    void eachSecretReferenceNamesAParameterHoldingTheLiteralValue() throws Exception {
        var parameters = DeployedConfig.parameters(Files.readString(EXAMPLE));

        var secrets = BenchEvents.tree(parameters.get(DeployedConfig.CONFIG_PARAMETER)).at("/shops/demo-shop.myshopify.com/secrets");
        assertEquals("local-webhook-secret", parameters.get(secrets.path("shopify_webhook").asText().substring("ssm:".length())));
        assertEquals("local-messages-secret", parameters.get(secrets.path("messages").asText().substring("ssm:".length())));
    }

    @Test
    void theDeployedExampleSendsDelayNoticesAtAnyHourOfTheRun() throws Exception {
        // given the example as the cold-start bench deploys it
        var parameters = DeployedConfig.parameters(Files.readString(EXAMPLE));

        // when a function parses it
        var config = ConfigParser.parse(parameters.get(DeployedConfig.CONFIG_PARAMETER), "SSM parameter", false);

        // then the delay scan's notices go out whatever the hour the bench runs at
        for (var shop : config.shops().values()) {
            assertEquals(new dev.promptly.core.delay.SendWindow(java.time.LocalTime.MIDNIGHT, java.time.LocalTime.of(23, 59)),
                    shop.delayNotices().sendWindow(), shop.domain().value());
        }
    }
}
