package dev.promptly.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.promptly.core.ShopDomain;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WhatsAppConfigTest {
    private static final ShopDomain DEMO = new ShopDomain("demo-shop.myshopify.com");
    private static final String PREFIX = "shops[\"demo-shop.myshopify.com\"].whatsapp";

    private static String example() throws Exception {
        return Files.readString(Path.of("..", "config", "promptly.example.json"));
    }

    private static String withWhatsApp(String block) throws Exception {
        String json = example();
        int start = json.indexOf("\"whatsapp\": {");
        int end = json.indexOf("\n      }\n", start) + "\n      }".length();
        return json.substring(0, start) + "\"whatsapp\": " + block + json.substring(end);
    }

    private static List<String> problems(String block) {
        return assertThrows(ConfigException.class, () -> ConfigParser.parse(withWhatsApp(block), "test", true)).problems();
    }

    @Test
    void theExampleShopHasTheLocalWhatsAppNumberWithItsSecretsAsReferences() throws Exception {
        WhatsAppSettings whatsapp = ConfigParser.parse(example(), "test", true).shop(DEMO).orElseThrow().whatsApp().orElseThrow();

        assertEquals("100000000000001", whatsapp.phoneNumberId());
        assertEquals(new SecretRef(SecretRef.Scheme.LITERAL, "local-whatsapp-app-secret"), whatsapp.appSecret());
        assertEquals(new SecretRef(SecretRef.Scheme.LITERAL, "local-whatsapp-verify-token"), whatsapp.verifyToken());
        assertEquals(SecretRef.Scheme.LITERAL, whatsapp.accessToken().scheme());
        assertEquals("v21.0", whatsapp.apiVersion());
        assertEquals(new WhatsAppSettings.MessageTemplate("order_delay_notice", Map.of("de", "de", "en", "en")),
                whatsapp.delayNoticeTemplate().orElseThrow());
    }

    @Test
    void aShopWithoutTheBlockHasNoWhatsAppNumber() throws Exception {
        String json = example();
        int start = json.lastIndexOf(",\n      \"whatsapp\": {");
        int end = json.indexOf("\n      }\n", start) + "\n      }".length();

        ShopConfig shop = ConfigParser.parse(json.substring(0, start) + json.substring(end), "test", true).shop(DEMO).orElseThrow();

        assertTrue(shop.whatsApp().isEmpty());
    }

    @Test
    void theVersionDefaultsAndTheTemplateIsOptional() throws Exception {
        ShopConfig shop = ConfigParser.parse(withWhatsApp("""
                {"phone_number_id": "123", "app_secret": "literal:a", "access_token": "literal:b", "verify_token": "literal:c"}"""),
                "test", true).shop(DEMO).orElseThrow();

        assertEquals(WhatsAppSettings.DEFAULT_API_VERSION, shop.whatsApp().orElseThrow().apiVersion());
        assertTrue(shop.whatsApp().orElseThrow().delayNoticeTemplate().isEmpty());
    }

    @Test
    void eachProblemIsNamedWithItsPath() {
        List<String> problems = problems("""
                {"phone_number_id": "+49 30 1", "app_secret": "plain", "verify_token": "literal:c", "api_version": "21",
                 "delay_template": {"name": "Delay Notice", "languages": {"fr": "fr", "de": "deutsch"}}, "token": "x"}""");

        assertTrue(problems.contains(PREFIX + ".phone_number_id: must be the digits of the business phone number's id (WhatsApp Manager > Phone numbers)"),
                problems.toString());
        assertTrue(problems.stream().anyMatch(p -> p.startsWith(PREFIX + ".app_secret: ")), problems.toString());
        assertTrue(problems.contains(PREFIX + ".access_token: is required"), problems.toString());
        assertTrue(problems.contains(PREFIX + ".api_version: must be a Graph API version such as \"v21.0\""), problems.toString());
        assertTrue(problems.stream().anyMatch(p -> p.startsWith(PREFIX + ".delay_template.name: ")), problems.toString());
        assertTrue(problems.stream().anyMatch(p -> p.startsWith(PREFIX + ".delay_template.languages.fr: is not one of")), problems.toString());
        assertTrue(problems.stream().anyMatch(p -> p.startsWith(PREFIX + ".delay_template.languages.de: must be")), problems.toString());
        assertTrue(problems.stream().anyMatch(p -> p.startsWith(PREFIX + ".token: unknown setting")), problems.toString());
    }

    @Test
    void aDeployedConfigurationRefusesLiteralWhatsAppSecrets() throws Exception {
        List<String> problems = assertThrows(ConfigException.class, () -> ConfigParser.parse(withWhatsApp("""
                {"phone_number_id": "123", "app_secret": "literal:a", "access_token": "ssm:/t", "verify_token": "ssm:/v"}"""),
                "test", false)).problems();

        assertTrue(problems.contains(PREFIX + ".app_secret: literal secrets are for the local runner only; use ssm: or secretsmanager:"),
                problems.toString());
        assertFalse(problems.stream().anyMatch(p -> p.startsWith(PREFIX + ".access_token")), problems.toString());
    }
}
