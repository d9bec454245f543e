package dev.promptly.mail;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.reflect.Field;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.jsoup.nodes.Entities;
import org.jsoup.parser.Parser;
import org.junit.jupiter.api.Test;

/**
 * The entity table shipped as {@value HtmlEntities#RESOURCE} is jsoup's copy of the HTML standard's table, line
 * for line. {@code mvn test -pl adapters/mail -am -Dtest=HtmlEntitiesTableTest -Dpromptly.entities=write}
 * (re)writes it from the jsoup on the test class path, after a jsoup upgrade that changes it.
 */
class HtmlEntitiesTableTest {
    private static final Path SOURCE = Path.of("src/main/resources", HtmlEntities.RESOURCE);

    @Test
    void theShippedTableIsJsoupsTable() throws IOException {
        String expected = String.join("\n", fromJsoup()) + "\n";
        if ("write".equals(System.getProperty("promptly.entities"))) {
            Files.writeString(SOURCE, expected, StandardCharsets.US_ASCII);
        }

        String shipped = Files.readString(SOURCE, StandardCharsets.US_ASCII);

        assertEquals(expected, shipped, "regenerate with -Dpromptly.entities=write");
    }

    @Test
    void everyNameDecodesAsJsoupDecodesIt() throws IOException {
        for (String name : names()) {
            for (String written : List.of("&" + name + ";", "a&" + name + ";b", "&" + name + " x", "&" + name + "x;")) {
                assertEquals(Parser.unescapeEntities(written, false), decode(written, false), written);
                assertEquals(Parser.unescapeEntities(written, true), decode(written, true), written + " in an attribute");
            }
        }
    }

    @Test
    void numbersDecodeAsJsoupDecodesThem() {
        List<String> cases = new ArrayList<>(List.of("&#", "&#;", "&#x;", "&#xZ", "&#0;", "&#65", "&#x41;", "&#X41;",
                "&#1114111;", "&#1114112;", "&#99999999999999999999;", "&#x110000;", "&#9;x"));
        for (int code = 0x7E; code <= 0xA1; code++) {
            cases.add("&#" + code + ";");
            cases.add("&#x" + Integer.toHexString(code) + ";");
        }
        for (String written : cases) {
            assertEquals(Parser.unescapeEntities(written, false), decode(written, false), written);
        }
    }

    @Test
    void aLegacyNameIsReadInsideLongerLettersInTextButNotInAnAttribute() {
        assertEquals("\u00ACit; \u00A9 2026", decode("&notit; &copy 2026", false));
        assertEquals("?a=1&copy=2", decode("?a=1&copy=2", true));
        assertEquals("R&D & Co", decode("R&D & Co", false));
    }

    private static String decode(String s, boolean inAttribute) {
        var out = new StringBuilder();
        HtmlEntities.decode(s, 0, s.length(), inAttribute, out);
        return out.toString();
    }

    /** The table's lines: name, code points in hex, and "legacy" when the name works without semicolon. */
    private static List<String> fromJsoup() {
        List<String> lines = new ArrayList<>();
        int[] points = new int[2];
        for (String name : names()) {
            int count = Entities.codepointsForName(name, points);
            assertTrue(count == 1 || count == 2, name);
            StringBuilder line = new StringBuilder(name).append('\t').append(Integer.toHexString(points[0]));
            if (count == 2) {
                line.append(',').append(Integer.toHexString(points[1]));
            }
            if (Entities.isBaseNamedEntity(name)) {
                line.append("\tlegacy");
            }
            lines.add(line.toString());
        }
        return lines;
    }

    /** Every name jsoup knows (its extended set, the standard's whole table), sorted. */
    private static List<String> names() {
        try {
            Field keys = Entities.EscapeMode.class.getDeclaredField("nameKeys");
            keys.setAccessible(true);
            String[] names = ((String[]) keys.get(Entities.EscapeMode.extended)).clone();
            Arrays.sort(names);
            return List.of(names);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("jsoup's entity names are no longer where this test reads them", e);
        }
    }
}
