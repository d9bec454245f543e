package dev.promptly.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Set;

/** Reads a shop's optional {@code shopify_admin} block for {@link ConfigParser}, reporting problems with their paths. */
final class ShopifyAdminConfigReader {
    static final Set<String> KEYS = Set.of("_comment", "access_token");

    private final ConfigParser parser;
    private final List<String> problems;

    ShopifyAdminConfigReader(ConfigParser parser, List<String> problems) {
        this.parser = parser;
        this.problems = problems;
    }

    /** The settings; null when the block is absent or after a problem (reported). */
    ShopifyAdminSettings read(JsonNode node, String path) {
        if (node.isMissingNode() || node.isNull()) {
            return null;
        }
        if (!node.isObject()) {
            problems.add(path + ": must be an object with access_token");
            return null;
        }
        parser.unknownKeys(node, path, KEYS);
        SecretRef token = parser.secret(node, path, "access_token", true);
        return token == null ? null : new ShopifyAdminSettings(token);
    }
}
