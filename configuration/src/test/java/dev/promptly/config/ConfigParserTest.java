package dev.promptly.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.promptly.core.ShopDomain;
import dev.promptly.core.calendar.TimeRange;
import dev.promptly.core.delay.DelayPolicy;
import dev.promptly.core.delay.SendWindow;
import dev.promptly.core.shopify.ShippingLine;
import dev.promptly.core.wismo.OrderNameFormat;
import dev.promptly.core.wismo.WismoDetector;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
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
        assertEquals(new SecretRef(SecretRef.Scheme.LITERAL, "local-export-token"), shop.secrets().dataExportToken().orElseThrow());
        assertEquals("DE", shop.businessHours().holidayCountry());
        assertEquals(5, shop.businessHours().weekly().size());
        assertEquals(new TimeRange(LocalTime.of(9, 0), LocalTime.of(18, 0)), shop.businessHours().weekly().get(DayOfWeek.FRIDAY).get(0));
        assertEquals(Duration.ofHours(4), shop.firstResponseTarget());
        assertEquals(2, shop.handlingBusinessDays());
    }

    @Test
    void anExportTokenThatIsTheAgentTokenIsRefusedWithItsPath() throws Exception {
        String same = example().replace("\"export_token\": \"literal:local-export-token\"", "\"export_token\": \"literal:local-agent-token\"");

        var e = assertThrows(ConfigException.class, () -> ConfigParser.parse(same, "example", true));

        assertTrue(e.problems().contains("shops[\"demo-shop.myshopify.com\"].secrets.export_token: must be a different secret from agent_token"),
                e.problems().toString());
    }

    @Test
    void aShopWithoutExportTokenLoadsWithItsExportsClosed() throws Exception {
        String without = example().replace(",\n        \"export_token\": \"literal:local-export-token\"", "");

        ShopConfig shop = ConfigParser.parse(without, "example", true).shop(new ShopDomain("demo-shop.myshopify.com")).orElseThrow();

        assertTrue(shop.secrets().dataExportToken().isEmpty());
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
        assertEquals(50, reply.newSenderSharePercent());
        assertEquals(150, reply.newSendersPerHour());
    }

    @Test
    void theNewSenderShareIsAPercentageOfTheShopBudget() throws Exception {
        String configured = example().replace("\"per_shop_per_hour\": 300", "\"per_shop_per_hour\": 7, \"new_sender_share\": 30");

        AutoReplySettings reply = ConfigParser.parse(configured, "example", true).shop(new ShopDomain("demo-shop.myshopify.com"))
                .orElseThrow().autoReply();

        assertEquals(30, reply.newSenderSharePercent());
        assertEquals(2, reply.newSendersPerHour());
    }

    @Test
    void aNewSenderShareOutsideZeroToHundredIsNamed() throws Exception {
        for (String bad : List.of("101", "-1", "\"half\"", "12.5")) {
            String broken = example().replace("\"per_shop_per_hour\": 300", "\"per_shop_per_hour\": 300, \"new_sender_share\": " + bad);

            var e = assertThrows(ConfigException.class, () -> ConfigParser.parse(broken, "broken.json", true));

            assertTrue(e.problems().contains("shops[\"demo-shop.myshopify.com\"].auto_reply_budget.new_sender_share: "
                    + "must be a whole number from 0 to 100 (percent)"), bad + ": " + e.problems());
        }
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

    @Test
    void theExampleSendsTeamCopiesAndKnowsTheTeamsAddress() throws Exception {
        ShopConfig shop = ConfigParser.parse(example(), "example", true).shop(new ShopDomain("demo-shop.myshopify.com")).orElseThrow();

        assertEquals("team@demo-shop.example", shop.team().copies().orElseThrow());
        assertTrue(shop.team().isTeamAddress("Support+orders@Demo-Shop.example"));
        assertTrue(shop.team().isTeamAddress("team@demo-shop.example"));
        assertFalse(shop.team().isTeamAddress("anna.beispiel@example.com"));
    }

    @Test
    void aShopWithoutATeamBlockSendsNoCopiesAndHasNoTeamAddresses() throws Exception {
        String config = example().replaceAll("(?s),\\s*\"team\": \\{.*?\\}\\s*(?=\\}\\s*\\}\\s*\\}\\s*$)", "");
        assertFalse(config.contains("\"team\""), "the team block was removed");

        ShopConfig shop = ConfigParser.parse(config, "example", true).shop(new ShopDomain("demo-shop.myshopify.com")).orElseThrow();

        assertTrue(shop.team().copies().isEmpty());
        assertFalse(shop.team().hasTeamAddresses());
    }

    @Test
    void badTeamSettingsAreNamed() throws Exception {
        String broken = example().replace("\"copy_to\": \"team@demo-shop.example\"", "\"copy_to\": \"support@demo-shop.example\", \"cc\": 1")
                .replace("\"addresses\": [\"support@demo-shop.example\"]", "\"addresses\": [\"support@demo-shop.example\", \"nobody\"]");

        var e = assertThrows(ConfigException.class, () -> ConfigParser.parse(broken, "broken.json", true));

        String prefix = "shops[\"demo-shop.myshopify.com\"].team";
        assertTrue(e.problems().contains(prefix + ".copy_to: must not be one of the shop's inbound_addresses (Promptly receives those)"),
                e.problems().toString());
        assertTrue(e.problems().contains(prefix + ".addresses[1]: must be an e-mail address"), e.problems().toString());
        assertTrue(e.problems().stream().anyMatch(p -> p.startsWith(prefix + ".cc: unknown setting")), e.problems().toString());
    }

    private static final String WISMO = "\"wismo\": {\n"
            + "        \"order_name\": { \"prefix\": \"#\", \"suffix\": \"\" },\n"
            + "        \"extra_phrases\": {},\n"
            + "        \"negative_phrases\": {},\n"
            + "        \"threshold\": 0.6,\n"
            + "        \"after_answer\": \"waiting_on_customer\"\n"
            + "      }";

    private static String withWismo(String block) throws Exception {
        String config = example();
        assertTrue(config.contains(WISMO), "the example's wismo block is as this test expects");
        return config.replace(WISMO, block);
    }

    @Test
    void theExamplesWismoBlockHoldsTheDefaults() throws Exception {
        PromptlyConfig config = ConfigParser.parse(example(), "example", true);

        ShopConfig shop = config.shop(new ShopDomain("demo-shop.myshopify.com")).orElseThrow();
        assertEquals(WismoSettings.DEFAULT, shop.wismo());
    }

    @Test
    void aShopWithoutAWismoBlockGetsTheDefaults() throws Exception {
        PromptlyConfig config = ConfigParser.parse(withWismo("\"_comment\": \"no wismo block\""), "example", true);

        WismoSettings wismo = config.shop(new ShopDomain("demo-shop.myshopify.com")).orElseThrow().wismo();
        assertEquals(OrderNameFormat.SHOPIFY_DEFAULT, wismo.orderName());
        assertEquals(Map.of(), wismo.extraPhrases());
        assertEquals(Map.of(), wismo.negativePhrases());
        assertEquals(WismoDetector.DEFAULT_THRESHOLD, wismo.threshold());
        assertFalse(wismo.keepOpenAfterAnswer());
    }

    @Test
    void aShopsWismoSettingsAreRead() throws Exception {
        String json = withWismo("""
                "wismo": {
                        "order_name": { "prefix": "DS-", "suffix": "-X" },
                        "extra_phrases": { "de": ["wo steckt ... @item", "lieferung überfällig"], "en": ["where's my gear"] },
                        "negative_phrases": { "de": ["refund: gutschein*"] },
                        "threshold": 0.75,
                        "after_answer": "keep_open"
                      }""");

        WismoSettings wismo = ConfigParser.parse(json, "example", true).shop(new ShopDomain("demo-shop.myshopify.com")).orElseThrow().wismo();

        assertEquals(new OrderNameFormat("DS-", "-X"), wismo.orderName());
        assertEquals(Map.of("de", List.of("wo steckt ... @item", "lieferung überfällig"), "en", List.of("where's my gear")), wismo.extraPhrases());
        assertEquals(Map.of("de", List.of("refund: gutschein*")), wismo.negativePhrases());
        assertEquals(0.75, wismo.threshold());
        assertTrue(wismo.keepOpenAfterAnswer());
    }

    @Test
    void aShopMayNameOrdersWithoutPrefixOrSuffix() throws Exception {
        String json = withWismo("\"wismo\": { \"order_name\": { \"prefix\": \"\", \"suffix\": \"\" } }");

        WismoSettings wismo = ConfigParser.parse(json, "example", true).shop(new ShopDomain("demo-shop.myshopify.com")).orElseThrow().wismo();

        assertEquals("1001", wismo.orderName().nameOf("1001"));
    }

    @Test
    void badWismoSettingsAreNamedWithTheirPaths() throws Exception {
        String json = withWismo("""
                "wismo": {
                        "order_name": { "prefix": "D S-", "sufix": "-X" },
                        "extra_phrases": { "de": ["wo steckt ... @ding", 7, "wo ist mein paket"], "fr": ["où est ma commande"] },
                        "negative_phrases": { "en": ["wismo: where is it", "refund ... ..."] },
                        "threshold": 1.5,
                        "after_answer": "close",
                        "treshold": 0.5
                      }""");

        var e = assertThrows(ConfigException.class, () -> ConfigParser.parse(json, "broken.json", true));

        String prefix = "shops[\"demo-shop.myshopify.com\"].wismo.";
        assertEquals(List.of(
                prefix + "treshold: unknown setting (known: after_answer, extra_phrases, negative_phrases, order_name, threshold)",
                prefix + "order_name.sufix: unknown setting (known: prefix, suffix)",
                prefix + "order_name.prefix: must not contain spaces or control characters",
                prefix + "extra_phrases.de[1]: must be a non-empty string",
                prefix + "extra_phrases.fr: not one of the shop's languages [de, en]",
                prefix + "threshold: must be a number above 0 and at most 1 (default 0.6)",
                prefix + "after_answer: must be \"waiting_on_customer\" (the default) or \"keep_open\""), e.problems());
    }

    @Test
    void everyMalformedPhraseIsNamedWithItsLanguageAndPosition() throws Exception {
        String json = withWismo("""
                "wismo": {
                        "extra_phrases": { "de": ["wo steckt ... @ding", "wo ist mein paket"], "en": ["where*is"] },
                        "negative_phrases": { "en": ["wismo: where is it", "refund ... ..."] }
                      }""");

        var e = assertThrows(ConfigException.class, () -> ConfigParser.parse(json, "broken.json", true));

        String prefix = "shops[\"demo-shop.myshopify.com\"].wismo.";
        assertEquals(4, e.problems().size(), e.problems().toString());
        assertTrue(e.problems().get(0).startsWith(prefix + "extra_phrases.de[0]: unknown word class @ding (known: @"), e.problems().toString());
        assertEquals(List.of(
                prefix + "extra_phrases.en[0]: '*' may only end a word: 'where*is'",
                prefix + "negative_phrases.en[0]: unknown intent 'wismo' (known: return, refund, cancellation, address_change, invoice,"
                        + " pre_purchase, complaint, other)",
                prefix + "negative_phrases.en[1]: '...' must stand between two words"), e.problems().subList(1, 4));
    }

    @Test
    void aWismoBlockMustBeAnObject() throws Exception {
        var e = assertThrows(ConfigException.class, () -> ConfigParser.parse(withWismo("\"wismo\": true"), "broken.json", true));

        assertEquals(List.of("shops[\"demo-shop.myshopify.com\"].wismo: must be an object (order_name, extra_phrases, negative_phrases,"
                + " threshold, after_answer)"), e.problems());
    }

    private static final String HOURS = "shops[\"demo-shop.myshopify.com\"].business_hours.";

    private static ConfigException brokenHours(String from, String to) throws Exception {
        String broken = example().replace(from, to);
        return assertThrows(ConfigException.class, () -> ConfigParser.parse(broken, "broken.json", true));
    }

    @Test
    void specialHoursAreReadByDate() throws Exception {
        String json = example().replace("\"closures\": []",
                "\"closures\": [\"2026-12-31\"], \"special_hours\": { \"2026-12-24\": [\"09:00-12:00\"], \"2026-12-23\": [] }");

        BusinessHours hours = ConfigParser.parse(json, "example", true).shop(new ShopDomain("demo-shop.myshopify.com"))
                .orElseThrow().businessHours();

        assertEquals(java.util.Map.of(
                java.time.LocalDate.of(2026, 12, 24), java.util.List.of(TimeRange.parse("09:00-12:00")),
                java.time.LocalDate.of(2026, 12, 23), java.util.List.of()), hours.specialHours());
        assertEquals(java.util.List.of(java.time.LocalDate.of(2026, 12, 31)), hours.closures());
    }

    @Test
    void theExampleShopsCalendarSkipsAscensionDayAndNamesItInGerman() throws Exception {
        ShopConfig shop = ConfigParser.parse(example(), "example", true).shop(new ShopDomain("demo-shop.myshopify.com")).orElseThrow();
        var wednesdayAfternoon = java.time.ZonedDateTime.parse("2026-05-13T15:30+02:00[Europe/Berlin]").toInstant();

        var calendar = shop.calendar();
        var due = calendar.addBusinessTime(wednesdayAfternoon, shop.firstResponseTarget());

        assertEquals(java.time.ZonedDateTime.parse("2026-05-15T10:30+02:00[Europe/Berlin]"), due.atZone(shop.timeZone()));
        assertEquals(java.util.Optional.of("Christi Himmelfahrt"), calendar.holidayName(java.time.LocalDate.of(2026, 5, 14)));
    }

    @Test
    void closuresMustBeAList() throws Exception {
        var object = brokenHours("\"closures\": []", "\"closures\": { \"date\": \"2026-12-24\" }");
        var text = brokenHours("\"closures\": []", "\"closures\": \"2026-12-24\"");

        assertEquals(java.util.List.of(HOURS + "closures: must be a list of ISO dates such as [\"2026-12-24\"]"), object.problems());
        assertEquals(java.util.List.of(HOURS + "closures: must be a list of ISO dates such as [\"2026-12-24\"]"), text.problems());
    }

    @Test
    void eachBadClosureIsNamedWithItsIndex() throws Exception {
        var e = brokenHours("\"closures\": []", "\"closures\": [20261224, \"2026-12-32\", \"2026-12-24\", \"2026-12-24\"]");

        assertEquals(java.util.List.of(
                HOURS + "closures[0]: must be an ISO date such as \"2026-12-24\"",
                HOURS + "closures[1]: cannot be read as a date, time or duration",
                HOURS + "closures[3]: 2026-12-24 is listed twice"), e.problems());
    }

    @Test
    void aDateMayNotBeBothClosedAndSpecial() throws Exception {
        var e = brokenHours("\"closures\": []",
                "\"closures\": [\"2026-12-24\"], \"special_hours\": { \"2026-12-24\": [\"09:00-12:00\"] }");

        assertEquals(java.util.List.of(HOURS + "closures[0]: 2026-12-24 also has special_hours; keep one"), e.problems());
    }

    @Test
    void badSpecialHoursAreNamedWithTheirDate() throws Exception {
        var notAnObject = brokenHours("\"closures\": []", "\"special_hours\": [\"2026-12-24\"]");
        var badEntries = brokenHours("\"closures\": []",
                "\"special_hours\": { \"christmas\": [], \"2026-12-24\": \"09:00-12:00\", \"2026-12-31\": [\"10-14\"] }");

        assertEquals(java.util.List.of(HOURS + "special_hours: must map ISO dates to lists of \"HH:mm-HH:mm\" (an empty list closes the day)"),
                notAnObject.problems());
        assertEquals(java.util.List.of(
                HOURS + "special_hours.christmas: must be an ISO date such as \"2026-12-24\"",
                HOURS + "special_hours.2026-12-24: must be a list of \"HH:mm-HH:mm\" (an empty list closes the day)",
                HOURS + "special_hours.2026-12-31[0]: cannot be read as a date, time or duration"), badEntries.problems());
    }

    @Test
    void aWeekWithoutOpeningHoursIsRefused() throws Exception {
        String week = example().substring(example().indexOf("\"weekly\""), example().indexOf("\"closures\""));
        var empty = brokenHours(week, "\"weekly\": {},\n        ");
        var closedDays = brokenHours(week, "\"weekly\": { \"monday\": [], \"sunday\": [] },\n        ");

        String problem = HOURS + "weekly: must open on at least one day (a shop that is never open cannot promise a reply time)";
        assertEquals(java.util.List.of(problem), empty.problems());
        assertEquals(java.util.List.of(problem), closedDays.problems());
    }

    @Test
    void anUnknownHolidayCountryIsRefusedAtLoad() throws Exception {
        var e = brokenHours("{ \"country\": \"DE\" }", "{ \"country\": \"ZZ\" }");

        assertEquals(java.util.List.of(HOURS + "holidays.country: not known to the holiday calendar"), e.problems());
    }

    @Test
    void anUnknownHolidayRegionIsRefusedWithTheKnownOnes() throws Exception {
        var e = brokenHours("{ \"country\": \"DE\" }", "{ \"country\": \"DE\", \"region\": \"DE-XY\" }");

        assertEquals(java.util.List.of(HOURS + "holidays.region: not known to the holiday calendar (known: DE-BB, DE-BE, "
                + "DE-BW, DE-BY, DE-HB, DE-HE, DE-HH, DE-MV, DE-NI, DE-NW, DE-RP, DE-SH, DE-SL, DE-SN, DE-ST, DE-TH)"), e.problems());
    }

    @Test
    void aKnownHolidayRegionIsAccepted() throws Exception {
        String json = example().replace("{ \"country\": \"DE\" }", "{ \"country\": \"DE\", \"region\": \"DE-NW\" }");

        BusinessHours hours = ConfigParser.parse(json, "example", true).shop(new ShopDomain("demo-shop.myshopify.com"))
                .orElseThrow().businessHours();

        assertEquals("DE-NW", hours.holidayRegion());
        assertEquals(java.util.Optional.of("Corpus Christi"), hours.calendar(ZoneId.of("Europe/Berlin")).holidayName(java.time.LocalDate.of(2026, 6, 4)));
    }

    @Test
    void malformedHolidayCodesKeepTheirMessages() throws Exception {
        var country = brokenHours("{ \"country\": \"DE\" }", "{ \"country\": \"de\" }");
        var region = brokenHours("{ \"country\": \"DE\" }", "{ \"country\": \"DE\", \"region\": \"NW\" }");

        assertEquals(java.util.List.of(HOURS + "holidays.country: must be an ISO 3166 alpha-2 code such as \"DE\""), country.problems());
        assertEquals(java.util.List.of(HOURS + "holidays.region: must be an ISO 3166-2 code of the country such as \"DE-NW\""), region.problems());
    }

    private static final String DELAY_NOTICES = """
            "delay_notices": {
                    "enabled": true,
                    "cutoff": null,
                    "handling_days_by_shipping": {},
                    "label_no_scan_days": 2,
                    "tracking_stall_days": 4,
                    "transit_days": { "*": 5 },
                    "repeat_after_days": 7,
                    "send_window": "08:00-20:00",
                    "circuit_breaker": { "max_notices": 50, "max_share": 1.0 }
                  }""";
    private static final String DELAY = "shops[\"demo-shop.myshopify.com\"].delay_notices";

    private static String withDelayNotices(String block) throws Exception {
        String config = example();
        assertTrue(config.contains(DELAY_NOTICES), "the example's delay_notices block is as this test expects");
        return config.replace(DELAY_NOTICES, block);
    }

    private static List<String> delayProblems(String block) throws Exception {
        String json = withDelayNotices(block);
        return assertThrows(ConfigException.class, () -> ConfigParser.parse(json, "broken.json", true)).problems();
    }

    private static ShopConfig demoShop(String json) {
        return ConfigParser.parse(json, "example", true).shop(new ShopDomain("demo-shop.myshopify.com")).orElseThrow();
    }

    @Test
    void theExamplesDelayNoticesBlockHoldsTheDefaults() throws Exception {
        ShopConfig shop = demoShop(example());

        assertEquals(DelayNoticeSettings.DEFAULT, shop.delayNotices());
        assertEquals(DelayPolicy.defaults(2), shop.delayPolicy());
    }

    @Test
    void aShopWithoutADelayNoticesBlockGetsTheDefaultsWithItsHandlingTime() throws Exception {
        ShopConfig shop = demoShop(withDelayNotices("\"_comment\": \"no delay_notices block\""));

        DelayPolicy policy = shop.delayPolicy();
        assertTrue(shop.delayNotices().enabled());
        assertEquals(2, policy.handlingBusinessDays());
        assertNull(policy.cutoff());
        assertEquals(Map.of(), policy.handlingDaysByShipping());
        assertEquals(2, policy.labelNoScanDays());
        assertEquals(4, policy.trackingStallDays());
        assertEquals(Map.of("*", 5), policy.transitDays());
        assertEquals(7, policy.repeatAfterDays());
        assertEquals(SendWindow.parse("08:00-20:00"), policy.sendWindow());
        assertEquals(50, policy.maxNoticesPerRun());
        assertEquals(1.0, policy.maxShareOfDue());
    }

    @Test
    void aShopsDelayNoticeSettingsAreRead() throws Exception {
        ShopConfig shop = demoShop(withDelayNotices("""
                "delay_notices": {"enabled": false, "cutoff": "14:00", "handling_days_by_shipping": {"Express": 1},
                        "label_no_scan_days": 3, "tracking_stall_days": 5, "transit_days": {"DE": 2, "AT": 3, "*": 6},
                        "repeat_after_days": 4, "send_window": "09:00-19:30",
                        "circuit_breaker": {"max_notices": 20, "max_share": 0.25}}"""));

        DelayPolicy policy = shop.delayPolicy();
        assertFalse(shop.delayNotices().enabled());
        assertEquals(new DelayPolicy(2, LocalTime.of(14, 0), Map.of("express", 1), 3, 5, Map.of("DE", 2, "AT", 3, "*", 6), 4,
                SendWindow.parse("09:00-19:30"), 20, 0.25), policy);
        assertEquals(1, policy.handlingDaysFor(List.of(new ShippingLine("EXPRESS", null))));
    }

    @Test
    void transitDaysWithoutADefaultCountryKeepTheDefaultForOthers() throws Exception {
        ShopConfig shop = demoShop(withDelayNotices("\"delay_notices\": {\"transit_days\": {\"DE\": 1}}"));

        assertEquals(Map.of("DE", 1, "*", 5), shop.delayPolicy().transitDays());
    }

    @Test
    void badDelayNoticeSettingsAreNamedWithTheirPaths() throws Exception {
        List<String> problems = delayProblems("""
                "delay_notices": {"enable": true, "enabled": "yes", "cutoff": "2pm",
                        "handling_days_by_shipping": {"express": -1, " ": 1, "Bulky": 2, "bulky": 3},
                        "label_no_scan_days": 0, "tracking_stall_days": 61,
                        "transit_days": {"de": 2, "AT": 1.5, "*": 5},
                        "repeat_after_days": 0, "send_window": "20:00-08:00",
                        "circuit_breaker": {"max_notice": 5, "max_notices": 0, "max_share": 1.5}}""");

        assertEquals(List.of(
                DELAY + ".enable: unknown setting (known: circuit_breaker, customer_time_zones, cutoff, enabled,"
                        + " handling_days_by_shipping, label_no_scan_days, repeat_after_days, send_window, tracking_stall_days,"
                        + " transit_days)",
                DELAY + ".enabled: must be true or false (default true)",
                DELAY + ".cutoff: must be a local time \"HH:mm\" such as \"14:00\" (or null for none)",
                DELAY + ".handling_days_by_shipping.express: must be a whole number of business days from 0 to 60",
                DELAY + ".handling_days_by_shipping. : a shipping method must not be blank",
                DELAY + ".handling_days_by_shipping.bulky: listed twice (shipping methods are matched without case)",
                DELAY + ".label_no_scan_days: must be a whole number of business days from 1 to 60",
                DELAY + ".tracking_stall_days: must be a whole number of business days from 1 to 60",
                DELAY + ".transit_days.de: must be an ISO 3166 alpha-2 code such as \"DE\", or \"*\" for every other country",
                DELAY + ".transit_days.AT: must be a whole number of business days from 0 to 60",
                DELAY + ".repeat_after_days: must be a whole number of days from 1 to 365",
                DELAY + ".send_window: the send window must start before it ends, within one day",
                DELAY + ".circuit_breaker.max_notice: unknown setting (known: max_notices, max_share)",
                DELAY + ".circuit_breaker.max_notices: must be a whole number >= 1",
                DELAY + ".circuit_breaker.max_share: must be a number above 0 and at most 1 (default 1.0, which is off)"), problems);
    }

    @Test
    void customersInConfiguredCountriesReadTheSendWindowInTheirOwnZone() throws Exception {
        ShopConfig shop = demoShop(withDelayNotices("""
                "delay_notices": {"customer_time_zones": {"US": "America/New_York", "GB": "Europe/London"}}"""));

        assertEquals(java.time.ZoneId.of("America/New_York"), shop.delayNotices().recipientZone("us", shop.timeZone()));
        assertEquals(java.time.ZoneId.of("Europe/London"), shop.delayNotices().recipientZone("GB", shop.timeZone()));
        assertEquals(java.time.ZoneId.of("Europe/Berlin"), shop.delayNotices().recipientZone("AT", shop.timeZone()));
        assertEquals(java.time.ZoneId.of("Europe/Berlin"), shop.delayNotices().recipientZone(null, shop.timeZone()));
    }

    @Test
    void badCustomerTimeZonesAreNamedWithTheirPaths() throws Exception {
        List<String> problems = delayProblems("""
                "delay_notices": {"customer_time_zones": {"us": "America/New_York", "GB": "Mars/Olympus", "FR": 1}}""");

        assertEquals(List.of(
                DELAY + ".customer_time_zones.us: must be an upper-case ISO 3166 alpha-2 country code such as GB",
                DELAY + ".customer_time_zones.GB: \"Mars/Olympus\" is no IANA time zone",
                DELAY + ".customer_time_zones.FR: must be an IANA time zone such as \"Europe/London\""), problems);
        assertEquals(List.of(DELAY + ".customer_time_zones: must map a shipping country to an IANA time zone, e.g. {\"GB\": \"Europe/London\"}"),
                delayProblems("\"delay_notices\": {\"customer_time_zones\": [\"GB\"]}"));
    }

    @Test
    void aDelayNoticesBlockMustBeAnObject() throws Exception {
        assertEquals(List.of(DELAY + ": must be an object (circuit_breaker, customer_time_zones, cutoff, enabled,"
                + " handling_days_by_shipping, label_no_scan_days, repeat_after_days, send_window, tracking_stall_days, transit_days)"),
                delayProblems("\"delay_notices\": true"));
    }

    @Test
    void delayNoticeMapsAndTheCircuitBreakerMustBeObjects() throws Exception {
        List<String> problems = delayProblems("""
                "delay_notices": {"handling_days_by_shipping": ["express"], "transit_days": 5, "circuit_breaker": 50}""");

        assertEquals(List.of(
                DELAY + ".handling_days_by_shipping: must map a shipping method's code or title to business days, e.g. {\"express\": 1}",
                DELAY + ".transit_days: must map ISO country codes and \"*\" (every other country) to business days, e.g. {\"DE\": 2, \"*\": 5}",
                DELAY + ".circuit_breaker: must be an object (max_notices, max_share)"), problems);
    }

    @Test
    void anUnreadableOrMalformedSendWindowIsNamed() throws Exception {
        assertEquals(List.of(DELAY + ".send_window: cannot be read as a date, time or duration"),
                delayProblems("\"delay_notices\": {\"send_window\": \"8:00-20:00\"}"));
        assertEquals(List.of(DELAY + ".send_window: must look like 08:00-20:00"),
                delayProblems("\"delay_notices\": {\"send_window\": \"08:00\"}"));
        assertEquals(List.of(DELAY + ".send_window: must be a non-empty string"),
                delayProblems("\"delay_notices\": {\"send_window\": 8}"));
    }

    @Test
    void aConfigurationOverTheJsonParsersLimitsNamesTheLimitInsteadOfFailingWithoutOne() {
        String deep = "{\"shops\": " + "[".repeat(1500) + "]".repeat(1500) + "}";

        var e = assertThrows(ConfigException.class, () -> ConfigParser.parse(deep, "deep.json", true));

        assertEquals(List.of("over a JSON limit: Document nesting depth (1001) exceeds the maximum allowed (1000)"), e.problems());
    }
}
