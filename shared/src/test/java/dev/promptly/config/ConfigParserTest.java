package dev.promptly.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.promptly.core.ShopDomain;
import dev.promptly.core.calendar.TimeRange;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class ConfigParserTest {
    private static String example() throws Exception {
        return Files.readString(Path.of("..", "config", "promptly.example.json"));
    }

    @Test
    void shippedExampleHasTheDocumentedLocalValues() throws Exception {
        PromptlyConfig config = ConfigParser.parse(example(), "example", true);

        ShopConfig shop = config.shop(new ShopDomain("demo-shop.myshopify.com")).orElseThrow();
        assertEquals("support@demo-shop.example", shop.supportEmail());
        assertEquals("de", shop.defaultLanguage());
        assertEquals(java.util.List.of("de", "en"), shop.languages());
        assertEquals(ZoneId.of("Europe/Berlin"), shop.timeZone());
        assertEquals(new SecretRef(SecretRef.Scheme.LITERAL, "local-webhook-secret"), shop.secrets().shopifyWebhook());
        assertEquals(new SecretRef(SecretRef.Scheme.LITERAL, "local-messages-secret"), shop.secrets().messages());
        assertEquals(new SecretRef(SecretRef.Scheme.LITERAL, "local-agent-token"), shop.secrets().agentToken());
        assertEquals("DE", shop.businessHours().holidayCountry());
        assertEquals(5, shop.businessHours().weekly().size());
        assertEquals(new TimeRange(LocalTime.of(9, 0), LocalTime.of(18, 0)), shop.businessHours().weekly().get(DayOfWeek.FRIDAY).get(0));
        assertEquals(Duration.ofHours(4), shop.firstResponseTarget());
        assertEquals(2, shop.handlingBusinessDays());
    }

    @Test
    void deployedFunctionsRefuseLiteralSecrets() throws Exception {
        var e = assertThrows(ConfigException.class, () -> ConfigParser.parse(example(), "ssm:/promptly/config", false));

        assertTrue(e.problems().contains("shops[\"demo-shop.myshopify.com\"].secrets.shopify_webhook: literal secrets are for the local runner only; use ssm: or secretsmanager:"),
                e.problems().toString());
    }

    @Test
    void everyProblemIsReportedWithItsPath() throws Exception {
        String broken = example()
                .replace("\"Europe/Berlin\"", "\"Europe/Berlni\"")
                .replace("\"PT4H\"", "\"PT0S\"")
                .replace("\"09:00-18:00\"],\n          \"tuesday\"", "\"9-18\"],\n          \"tuesday\"")
                .replace("\"handling_time_business_days\"", "\"handling_days\"")
                .replace("\"friday\"", "\"fryday\"");

        var e = assertThrows(ConfigException.class, () -> ConfigParser.parse(broken, "broken.json", true));

        String prefix = "shops[\"demo-shop.myshopify.com\"].";
        assertTrue(e.problems().stream().anyMatch(p -> p.startsWith(prefix + "time_zone: ")), e.problems().toString());
        assertTrue(e.problems().contains(prefix + "sla.first_response: must be > 0"), e.problems().toString());
        assertTrue(e.problems().stream().anyMatch(p -> p.startsWith(prefix + "business_hours.weekly.monday[0]: ")), e.problems().toString());
        assertTrue(e.problems().stream().anyMatch(p -> p.startsWith(prefix + "handling_days: unknown setting")), e.problems().toString());
        assertTrue(e.problems().contains(prefix + "business_hours.weekly.fryday: not a day: use monday, tuesday, wednesday, thursday, friday, saturday or sunday"),
                e.problems().toString());
        assertTrue(e.getMessage().startsWith("invalid configuration in broken.json"));
    }

    @Test
    void secretReferencesNeverPrintLiteralValues() {
        assertEquals("literal:***", SecretRef.parse("literal:hunter2").toString());
        assertEquals("ssm:/promptly/acme/webhook", SecretRef.parse("ssm:/promptly/acme/webhook").toString());
        assertThrows(IllegalArgumentException.class, () -> SecretRef.parse("vault:x"));
    }

    @Test
    void autoReplySettingsDefaultToTheSupportAddress() throws Exception {
        PromptlyConfig config = ConfigParser.parse(example(), "example", true);

        AutoReplySettings reply = config.shop(new ShopDomain("demo-shop.myshopify.com")).orElseThrow().autoReply();
        assertEquals(java.util.List.of("support@demo-shop.example"), reply.inboundAddresses());
        assertEquals("support@demo-shop.example", reply.replyTo());
        assertEquals(java.util.Optional.of("https://demo-shop.example/pages/versand"), reply.helpLink("shipping", "de"));
        assertEquals(java.util.Optional.of("https://demo-shop.example/pages/payment"), reply.helpLink("payment", "en"));
        assertEquals(5, reply.perSenderPerDay());
        assertEquals(300, reply.perShopPerHour());
    }

    @Test
    void badAutoReplySettingsAreNamed() throws Exception {
        String broken = example()
                .replace("\"https://demo-shop.example/pages/payment\"", "\"ftp://x\"")
                .replace("\"en\": \"https://demo-shop.example/pages/returns\"", "\"fr\": \"https://demo-shop.example/pages/returns\"")
                .replace("\"per_sender_per_day\": 5", "\"per_sender_per_day\": 0")
                .replace("\"handling_time_business_days\": 2,", "\"handling_time_business_days\": 2, \"inbound_addresses\": [\"not-an-address\"], \"reply_to\": \"nobody\",");

        var e = assertThrows(ConfigException.class, () -> ConfigParser.parse(broken, "broken.json", true));

        String prefix = "shops[\"demo-shop.myshopify.com\"].";
        assertTrue(e.problems().contains(prefix + "help_links.payment: must be an http(s) URL"), e.problems().toString());
        assertTrue(e.problems().contains(prefix + "help_links.returns.fr: not one of the shop's languages [de, en]"), e.problems().toString());
        assertTrue(e.problems().contains(prefix + "auto_reply_budget.per_sender_per_day: must be a whole number >= 1"), e.problems().toString());
        assertTrue(e.problems().contains(prefix + "inbound_addresses[0]: must be an e-mail address"), e.problems().toString());
        assertTrue(e.problems().contains(prefix + "reply_to: must be an e-mail address"), e.problems().toString());
    }
}
