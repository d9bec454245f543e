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
}
