package dev.promptly.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.promptly.core.ShopDomain;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ShopifyAdminConfigTest {
    private static final ShopDomain DEMO = new ShopDomain("demo-shop.myshopify.com");

    private static String example() throws Exception {
        return Files.readString(Path.of("..", "config", "promptly.example.json"));
    }

    @Test
    void theExampleGivesTheDemoShopALocalAdminToken() throws Exception {
        PromptlyConfig config = ConfigParser.parse(example(), "example", true);

        assertEquals(new SecretRef(SecretRef.Scheme.LITERAL, "local-admin-token"),
                config.shop(DEMO).orElseThrow().adminApi().orElseThrow().accessToken());
    }

    @Test
    void aShopWithoutTheBlockHasNoAdminAccess() throws Exception {
        String without = example().replaceAll("(?s),\\s*\"shopify_admin\": \\{[^}]*\\}", "");

        PromptlyConfig config = ConfigParser.parse(without, "example", true);

        assertTrue(config.shop(DEMO).orElseThrow().adminApi().isEmpty());
    }

    @Test
    void aDeployedConfigurationRefusesALiteralAdminToken() throws Exception {
        var e = assertThrows(ConfigException.class, () -> ConfigParser.parse(example(), "example", false));

        assertTrue(e.problems().contains("shops[\"demo-shop.myshopify.com\"].shopify_admin.access_token: "
                + "literal secrets are for the local runner only; use ssm: or secretsmanager:"), e.problems().toString());
    }

    @Test
    void aMissingTokenAndAnUnknownKeyAreReportedWithTheirPaths() throws Exception {
        String broken = example().replace("\"access_token\": \"literal:local-admin-token\"", "\"token\": \"ssm:/x\"");

        var e = assertThrows(ConfigException.class, () -> ConfigParser.parse(broken, "example", true));

        assertTrue(e.problems().contains("shops[\"demo-shop.myshopify.com\"].shopify_admin.access_token: is required"), e.problems().toString());
        assertTrue(e.problems().stream().anyMatch(p -> p.startsWith("shops[\"demo-shop.myshopify.com\"].shopify_admin.token: unknown setting")),
                e.problems().toString());
    }
}
