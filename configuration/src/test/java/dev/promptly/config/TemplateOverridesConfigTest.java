package dev.promptly.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.promptly.core.ShopDomain;
import dev.promptly.core.reply.TemplateOverrides;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A shop's {@code templates} block: none without it, overrides read, each problem named with its JSON path. */
class TemplateOverridesConfigTest {
    private static final ShopDomain SHOP = new ShopDomain("demo-shop.myshopify.com");
    private static final String PATH = "shops[\"demo-shop.myshopify.com\"].templates";
    private static final ObjectMapper JSON = new ObjectMapper();

    private static String withTemplates(String templates) throws Exception {
        ObjectNode config = (ObjectNode) JSON.readTree(Files.readString(Path.of("..", "config", "promptly.example.json")));
        ((ObjectNode) config.path("shops").path(SHOP.value())).set("templates", JSON.readTree(templates));
        return config.toString();
    }

    private static List<String> problems(String templates) throws Exception {
        String json = withTemplates(templates);
        return assertThrows(ConfigException.class, () -> ConfigParser.parse(json, "test", true)).problems();
    }

    @Test
    void aShopWithoutTheBlockUsesTheShippedTemplates() throws Exception {
        var shop = ConfigParser.parse(Files.readString(Path.of("..", "config", "promptly.example.json")), "example", true).shop(SHOP).orElseThrow();

        assertEquals(TemplateOverrides.NONE, shop.templates());
    }

    @Test
    void overridesAreReadByTemplateNameAndLanguage() throws Exception {
        var shop = ConfigParser.parse(withTemplates("{\"ack.subject\": {\"en\": \"[{{ticket}}] Thanks from {{shop_name}}\","
                + " \"de\": \"[{{ticket}}] Danke von {{shop_name}}\"}}"), "test", true).shop(SHOP).orElseThrow();

        assertEquals(Map.of("ack.subject", Map.of("en", "[{{ticket}}] Thanks from {{shop_name}}", "de", "[{{ticket}}] Danke von {{shop_name}}")),
                shop.templates().sources());
    }

    @Test
    void unknownTemplatesLanguagesSyntaxErrorsAndVariablesAreErrorsWithTheirPath() throws Exception {
        List<String> problems = problems("{\"ack.footer\": {\"en\": \"x\"}, \"ack.txt\": {\"fr\": \"x\", \"en\": \"{{#order}}oops\"},"
                + " \"wismo.subject\": {\"de\": \"{{tracking_nummer}}\"}, \"delay_notice.html\": []}");

        assertEquals(5, problems.size(), problems.toString());
        assertTrue(problems.get(0).startsWith(PATH + "[\"ack.footer\"]: not a template a shop may override (ack.subject, "), problems.get(0));
        assertTrue(problems.get(1).startsWith(PATH + "[\"ack.txt\"].fr: the shop does not list language \"fr\""), problems.get(1));
        assertTrue(problems.get(2).startsWith(PATH + "[\"ack.txt\"].en: not a valid Mustache template: "), problems.get(2));
        assertTrue(problems.get(3).startsWith(PATH + "[\"wismo.subject\"].de: unknown variable \"tracking_nummer\" outside any section"),
                problems.get(3));
        assertEquals(PATH + "[\"delay_notice.html\"]: must map languages (de, en) to the template's text", problems.get(4));
    }

    @Test
    void theExampleInTheConfigurationGuideIsAccepted() throws Exception {
        String guide = Files.readString(Path.of("..", "docs", "configuration.md"));
        String section = guide.substring(guide.indexOf("### The shop's own templates"));
        String block = section.substring(section.indexOf("```json") + "```json".length(), section.indexOf("```", section.indexOf("```json") + 7));

        var shop = ConfigParser.parse(withTemplates(block.strip().substring("\"templates\":".length())), "guide", true).shop(SHOP).orElseThrow();

        assertEquals(List.of("ack.subject", "ack.txt"), List.copyOf(new java.util.TreeSet<>(shop.templates().sources().keySet())));
    }
}
