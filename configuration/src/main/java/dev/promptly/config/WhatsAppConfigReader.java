package dev.promptly.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads a shop's optional {@code whatsapp} block for {@link ConfigParser}, reporting problems with their
 * paths. A shop without the block has no WhatsApp number: its webhook answers as for an unknown shop.
 */
final class WhatsAppConfigReader {
    static final String KEY = "whatsapp";
    private static final Set<String> KEYS = Set.of("_comment", "phone_number_id", "app_secret", "access_token", "verify_token",
            "api_version", "delay_template");
    private static final Set<String> TEMPLATE_KEYS = Set.of("_comment", "name", "languages");

    private final ConfigParser parser;
    private final List<String> problems;

    WhatsAppConfigReader(ConfigParser parser, List<String> problems) {
        this.parser = parser;
        this.problems = problems;
    }

    /** The settings, or null when the block is absent or has a problem (reported). */
    WhatsAppSettings read(JsonNode node, String path, List<String> shopLanguages) {
        if (node.isMissingNode() || node.isNull()) {
            return null;
        }
        if (!node.isObject()) {
            problems.add(path + ": must be an object (phone_number_id, app_secret, access_token, verify_token)");
            return null;
        }
        parser.unknownKeys(node, path, KEYS);
        int before = problems.size();
        String phoneNumberId = parser.text(node, path, "phone_number_id", true);
        if (phoneNumberId != null && !phoneNumberId.matches("[0-9]{1,32}")) {
            problems.add(path + ".phone_number_id: must be the digits of the business phone number's id (WhatsApp Manager > Phone numbers)");
        }
        SecretRef appSecret = parser.secret(node, path, "app_secret", true);
        SecretRef accessToken = parser.secret(node, path, "access_token", true);
        SecretRef verifyToken = parser.secret(node, path, "verify_token", true);
        String version = parser.text(node, path, "api_version", false);
        if (version != null && !WhatsAppSettings.validApiVersion(version)) {
            problems.add(path + ".api_version: must be a Graph API version such as \"" + WhatsAppSettings.DEFAULT_API_VERSION + "\"");
        }
        WhatsAppSettings.MessageTemplate template = template(node.path("delay_template"), path + ".delay_template", shopLanguages);
        if (problems.size() > before) {
            return null;
        }
        return new WhatsAppSettings(phoneNumberId, appSecret, accessToken, verifyToken, version, template);
    }

    private WhatsAppSettings.MessageTemplate template(JsonNode node, String path, List<String> shopLanguages) {
        if (node.isMissingNode() || node.isNull()) {
            return null;
        }
        if (!node.isObject()) {
            problems.add(path + ": must be an object with name and languages");
            return null;
        }
        parser.unknownKeys(node, path, TEMPLATE_KEYS);
        String name = parser.text(node, path, "name", true);
        if (name != null && !name.matches("[a-z0-9_]{1,512}")) {
            problems.add(path + ".name: must be the template's name as registered: lower-case letters, digits and underscores");
            name = null;
        }
        JsonNode languages = node.path("languages");
        if (!languages.isObject() || languages.isEmpty()) {
            problems.add(path + ".languages: must map a shop language to the template's language code, e.g. {\"de\": \"de\", \"en\": \"en_US\"}");
            return null;
        }
        Map<String, String> codes = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = languages.fields(); it.hasNext(); ) {
            var entry = it.next();
            String where = path + ".languages." + entry.getKey();
            if (!shopLanguages.contains(entry.getKey())) {
                problems.add(where + ": is not one of the shop's languages " + shopLanguages);
            } else if (!entry.getValue().isTextual() || !entry.getValue().asText().matches("[a-z]{2,3}(_[A-Z]{2})?")) {
                problems.add(where + ": must be a template language code such as \"de\" or \"en_US\"");
            } else {
                codes.put(entry.getKey(), entry.getValue().asText());
            }
        }
        return name == null || codes.size() != languages.size() ? null : new WhatsAppSettings.MessageTemplate(name, codes);
    }
}
