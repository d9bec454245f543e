package dev.promptly.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The example configuration as a deployed function reads it: the JSON in one SSM parameter, and each
 * {@code literal:} secret moved into an SSM parameter of its own and referenced as {@code ssm:NAME}
 * (a function in Lambda refuses literal secrets), and delay notices sent at any hour of the run
 * ({@link BenchEvents#sendDelayNoticesAtAnyHour}). {@link FakeAws} serves the parameters.
 */
final class DeployedConfig {
    static final String CONFIG_PARAMETER = "/promptly-bench/config";
    private static final String SECRET_PREFIX = "/promptly-bench/secrets/";

    private DeployedConfig() {
    }

    /** Parameter name → value: {@link #CONFIG_PARAMETER} with the rewritten configuration, and one per secret. */
    static Map<String, String> parameters(String exampleJson) {
        Map<String, String> parameters = new LinkedHashMap<>();
        JsonNode config = BenchEvents.tree(exampleJson);
        // No real shop behind the bench: its functions must not call a myshopify.com Admin API (issue 17).
        config.path("shops").forEach(shop -> ((ObjectNode) shop).remove("shopify_admin"));
        BenchEvents.sendDelayNoticesAtAnyHour(config);
        moveSecrets(config, parameters);
        parameters.put(CONFIG_PARAMETER, config.toString());
        return parameters;
    }

    private static void moveSecrets(JsonNode node, Map<String, String> parameters) {
        if (node instanceof ObjectNode object) {
            var fields = object.fields();
            while (fields.hasNext()) {
                var field = fields.next();
                String value = field.getValue().isTextual() ? field.getValue().asText() : "";
                if (value.startsWith("literal:") && !field.getKey().startsWith("_")) {
                    String name = SECRET_PREFIX + (parameters.size() + 1);
                    parameters.put(name, value.substring("literal:".length()));
                    field.setValue(TextNode.valueOf("ssm:" + name));
                } else {
                    moveSecrets(field.getValue(), parameters);
                }
            }
        } else if (node != null && node.isArray()) {
            node.forEach(element -> moveSecrets(element, parameters));
        }
    }
}
