package dev.promptly.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.promptly.core.ShopDomain;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A shop's optional {@code helpdesk} object: read into {@link HelpdeskSettings}, each problem named with its path. */
class HelpdeskConfigTest {
    private static final String PATH = "shops[\"demo-shop.myshopify.com\"].helpdesk";
    private static final ShopDomain DEMO = new ShopDomain("demo-shop.myshopify.com");

    private static String example() throws Exception {
        return Files.readString(Path.of("..", "config", "promptly.example.json"));
    }

    /** The example with its helpdesk block replaced by {@code block} (a JSON object, or a literal such as null). */
    private static String withHelpdesk(String block) throws Exception {
        String config = example();
        int start = config.indexOf("\"helpdesk\": {");
        assertTrue(start > 0, "the example has a helpdesk block");
        int end = config.indexOf('}', start) + 1;
        return config.substring(0, start) + "\"helpdesk\": " + block + config.substring(end);
    }

    private static List<String> problems(String block) throws Exception {
        String json = withHelpdesk(block);
        return assertThrows(ConfigException.class, () -> ConfigParser.parse(json, "broken.json", true)).problems();
    }

    @Test
    void theExamplesHelpdeskIsTheLocalZendeskStandIn() throws Exception {
        HelpdeskSettings helpdesk = ConfigParser.parse(example(), "example", true).shop(DEMO).orElseThrow().helpdeskSettings().orElseThrow();

        assertEquals(HelpdeskSettings.Vendor.ZENDESK, helpdesk.vendor());
        assertEquals(URI.create("http://127.0.0.1:3000"), helpdesk.baseUrl());
        assertEquals("agent@demo-shop.example", helpdesk.user());
        assertEquals(new SecretRef(SecretRef.Scheme.LITERAL, "local-zendesk-webhook-secret"), helpdesk.webhookSecret());
        assertEquals(HelpdeskSettings.AckDelivery.MAIL, helpdesk.acknowledgeVia());
    }

    @Test
    void aShopWithoutHelpdeskHasNone() throws Exception {
        assertTrue(ConfigParser.parse(withHelpdesk("null"), "example", true).shop(DEMO).orElseThrow().helpdeskSettings().isEmpty());
    }

    @Test
    void freshdeskNeedsNoUserAndMayAcknowledgeThroughTheHelpdesk() throws Exception {
        HelpdeskSettings helpdesk = ConfigParser.parse(withHelpdesk("""
                {"vendor": "freshdesk", "base_url": "https://acme.freshdesk.com/", "api_token": "ssm:/promptly/acme/freshdesk",
                 "webhook_secret": "secretsmanager:promptly/acme/freshdesk-webhook", "acknowledge_via": "helpdesk"}"""), "x", true)
                .shop(DEMO).orElseThrow().helpdeskSettings().orElseThrow();

        assertEquals(URI.create("https://acme.freshdesk.com"), helpdesk.baseUrl());
        assertEquals(HelpdeskSettings.AckDelivery.HELPDESK, helpdesk.acknowledgeVia());
        assertEquals(new SecretRef(SecretRef.Scheme.SSM, "/promptly/acme/freshdesk"), helpdesk.apiToken());
    }

    @Test
    void zendeskMayNarrowTheSignatureAgeAndWithoutItTheConnectorDefaultApplies() throws Exception {
        HelpdeskSettings narrowed = ConfigParser.parse(withHelpdesk("""
                {"vendor": "zendesk", "user": "a@b.c", "base_url": "https://acme.zendesk.com", "api_token": "literal:t",
                 "webhook_secret": "literal:s", "signature_max_age": "PT2M"}"""), "x", true).shop(DEMO).orElseThrow().helpdeskSettings().orElseThrow();
        HelpdeskSettings example = ConfigParser.parse(example(), "example", true).shop(DEMO).orElseThrow().helpdeskSettings().orElseThrow();

        assertEquals(java.time.Duration.ofMinutes(2), narrowed.signatureMaxAge());
        assertEquals(null, example.signatureMaxAge());
    }

    @Test
    void aSignatureAgeOutsideItsRangeOrForAnotherVendorIsNamed() throws Exception {
        String zendesk = """
                {"vendor": "zendesk", "user": "a@b.c", "base_url": "https://acme.zendesk.com", "api_token": "literal:t",
                 "webhook_secret": "literal:s", "signature_max_age": "%s"}""";

        assertEquals(List.of(PATH + ".signature_max_age: must be an ISO-8601 duration > 0 and at most PT1H, such as \"PT5M\""),
                problems(zendesk.formatted("PT2H")));
        assertEquals(List.of(PATH + ".signature_max_age: must be an ISO-8601 duration > 0 and at most PT1H, such as \"PT5M\""),
                problems(zendesk.formatted("PT0S")));
        assertTrue(problems(zendesk.formatted("5 minutes")).get(0).startsWith(PATH + ".signature_max_age:"));
        assertEquals(List.of(PATH + ".signature_max_age: only for zendesk, whose webhooks carry a signed timestamp"), problems("""
                {"vendor": "helpscout", "user": "app", "base_url": "https://api.helpscout.net", "api_token": "literal:t",
                 "webhook_secret": "literal:s", "signature_max_age": "PT5M"}"""));
    }

    @Test
    void eachProblemIsNamedWithItsPath() throws Exception {
        assertEquals(List.of(PATH + ".vendor: must be one of gorgias, zendesk, freshdesk, helpscout"), problems("""
                {"vendor": "kayako", "base_url": "https://acme.kayako.com", "api_token": "literal:t", "webhook_secret": "literal:s"}"""));
        assertEquals(List.of(PATH + ".user: is required for zendesk (the e-mail the API token belongs to)"), problems("""
                {"vendor": "zendesk", "base_url": "https://acme.zendesk.com", "api_token": "literal:t", "webhook_secret": "literal:s"}"""));
        assertTrue(problems("""
                {"vendor": "gorgias", "user": "a@b.c", "base_url": "http://acme.gorgias.com", "api_token": "literal:t", "webhook_secret": "literal:s"}""")
                .get(0).startsWith(PATH + ".base_url: must be the https:// origin"));
        assertEquals(List.of(PATH + ".webhook_secret: is required", PATH + ".acknowledge_via: must be helpdesk or mail"), problems("""
                {"vendor": "helpscout", "user": "app", "base_url": "https://api.helpscout.net", "api_token": "literal:t",
                 "acknowledge_via": "sms"}"""));
    }

    @Test
    void aDeployedConfigurationRefusesLiteralHelpdeskSecrets() throws Exception {
        String json = withHelpdesk("""
                {"vendor": "zendesk", "user": "a@b.c", "base_url": "https://acme.zendesk.com", "api_token": "literal:t",
                 "webhook_secret": "ssm:/promptly/acme/zendesk-webhook"}""").replace("literal:local-", "ssm:/local-");

        List<String> problems = assertThrows(ConfigException.class, () -> ConfigParser.parse(json, "deployed.json", false)).problems();

        assertEquals(List.of(PATH + ".api_token: literal secrets are for the local runner only; use ssm: or secretsmanager:"), problems);
    }
}
