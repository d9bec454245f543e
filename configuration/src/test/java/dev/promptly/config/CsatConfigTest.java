package dev.promptly.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.promptly.core.ShopDomain;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A shop's optional {@code csat} object: read into {@link CsatSettings}, each problem named with its path. */
class CsatConfigTest {
    private static final String PATH = "shops[\"demo-shop.myshopify.com\"].csat";
    private static final ShopDomain DEMO = new ShopDomain("demo-shop.myshopify.com");

    private static String example() throws Exception {
        return Files.readString(Path.of("..", "config", "promptly.example.json"));
    }

    /** The example with its csat block replaced by {@code block} (a JSON object, or null to leave it out). */
    private static String withCsat(String block) throws Exception {
        String config = example();
        int start = config.indexOf(",\n      \"csat\": {");
        assertTrue(start > 0, "the example has a csat block");
        int end = config.indexOf('}', start) + 1;
        return config.substring(0, start) + (block == null ? "" : ",\n      \"csat\": " + block) + config.substring(end);
    }

    private static CsatSettings parse(String block) throws Exception {
        return ConfigParser.parse(withCsat(block), "example", true).shop(DEMO).orElseThrow().csat();
    }

    private static List<String> problems(String block) throws Exception {
        String json = withCsat(block);
        return assertThrows(ConfigException.class, () -> ConfigParser.parse(json, "broken.json", true)).problems();
    }

    @Test
    void theExampleSendsSurveysAnHourAfterSolvingSignedWithALocalOnlySecret() throws Exception {
        CsatSettings csat = ConfigParser.parse(example(), "example", true).shop(DEMO).orElseThrow().csat();

        assertTrue(csat.enabled());
        assertEquals(Duration.ofHours(1), csat.delay());
        assertTrue(csat.requireHumanReply());
        assertEquals(30, csat.minDaysBetween());
        assertEquals(new SecretRef(SecretRef.Scheme.LITERAL, "local-csat-token-secret"), csat.tokenSecret());
        assertEquals(URI.create("http://127.0.0.1:3000/csat/abc"), csat.link("abc"));
    }

    @Test
    void aShopWithoutCsatSendsNoSurveyAndDisabledNeedsNoSecret() throws Exception {
        assertEquals(CsatSettings.OFF, parse(null));
        CsatSettings off = parse("{\"enabled\": false}");

        assertFalse(off.enabled());
        assertEquals(CsatSettings.DEFAULT_DELAY, off.delay());
    }

    @Test
    void eachProblemIsNamedWithItsPath() throws Exception {
        var found = problems("""
                {"enabled": "yes", "delay": "2 hours", "require_human_reply": 1, "min_days_between": -1,
                 "link_valid_for": "PT1M", "token_secret": "plain", "link_base_url": "ftp://x", "colour": "blue"}""");

        assertTrue(found.contains(PATH + ".enabled: must be true or false"), found.toString());
        assertTrue(found.contains(PATH + ".delay: cannot be read as a date, time or duration"), found.toString());
        assertTrue(found.contains(PATH + ".require_human_reply: must be true or false"), found.toString());
        assertTrue(found.contains(PATH + ".min_days_between: must be a whole number of days from 0 to 365"), found.toString());
        assertTrue(found.stream().anyMatch(p -> p.startsWith(PATH + ".link_valid_for: must be an ISO-8601 duration")), found.toString());
        assertTrue(found.stream().anyMatch(p -> p.startsWith(PATH + ".token_secret: ")), found.toString());
        assertTrue(found.stream().anyMatch(p -> p.startsWith(PATH + ".link_base_url: must be the https:// URL")), found.toString());
        assertTrue(found.stream().anyMatch(p -> p.startsWith(PATH + ".colour: unknown setting")), found.toString());
    }

    @Test
    void enabledSurveysNeedATokenSecretAndALinkBaseUrl() throws Exception {
        var found = problems("{\"enabled\": true}");

        assertTrue(found.contains(PATH + ".token_secret: is required"), found.toString());
        assertTrue(found.contains(PATH + ".link_base_url: is required"), found.toString());
    }
}
