package dev.promptly.local;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.promptly.config.ConfigParser;
import dev.promptly.config.PromptlyConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The example configuration with a second shop beside the demo shop: {@value #SECOND} in New York, so a test sees
 * shops in two zones (Berlin and New York) and the dashboard's "all shops".
 */
final class TwoShops {
    static final String FIRST = "demo-shop.myshopify.com";
    static final String SECOND = "second-shop.myshopify.com";
    private static final ObjectMapper JSON = new ObjectMapper();

    private TwoShops() {
    }

    /** The configuration's JSON text. */
    static String json() {
        try {
            ObjectNode root = (ObjectNode) JSON.readTree(Files.readString(Path.of("..", "config", "promptly.example.json")));
            ObjectNode shops = (ObjectNode) root.get("shops");
            ObjectNode second = ((ObjectNode) shops.get(FIRST)).deepCopy();
            second.put("name", "Second Shop").put("support_email", "support@second-shop.example").put("time_zone", "America/New_York");
            shops.set(SECOND, second);
            return JSON.writeValueAsString(root);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static PromptlyConfig config() {
        return ConfigParser.parse(json(), "two shops", true);
    }

    /** The configuration written to a file in {@code dir}, for {@code --config}. */
    static Path file(Path dir) throws IOException {
        return Files.writeString(dir.resolve("two-shops.json"), json());
    }
}
