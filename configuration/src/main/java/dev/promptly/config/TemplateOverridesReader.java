package dev.promptly.config;

import com.fasterxml.jackson.databind.JsonNode;
import dev.promptly.core.reply.TemplateOverrides;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a shop's {@code templates} block: its own wording for shipped message templates, by template
 * name and language, e.g. {@code "templates": {"ack.subject": {"en": "[{{ticket}}] Thanks!"}}}. Each
 * override is checked here as {@link TemplateOverrides#problems} says (a template a shop may override,
 * valid Mustache, only the variables the shipped template uses there), so a bad sentence fails
 * {@code validate} and the load, never a customer's message.
 */
final class TemplateOverridesReader {
    static final String KEY = "templates";
    /** A template is a message, not a document; the cap also bounds what one shop adds to the load. */
    static final int MAX_LENGTH = 20_000;

    private final List<String> problems;

    TemplateOverridesReader(List<String> problems) {
        this.problems = problems;
    }

    /** The overrides; {@link TemplateOverrides#NONE} without a block; null after a problem (reported). */
    TemplateOverrides read(JsonNode node, String path, List<String> languages) {
        if (node.isMissingNode()) {
            return TemplateOverrides.NONE;
        }
        if (!node.isObject()) {
            problems.add(path + ": must map template names (" + String.join(", ", TemplateOverrides.names())
                    + ") to their text by language");
            return null;
        }
        int before = problems.size();
        Map<String, Map<String, String>> sources = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            var entry = it.next();
            String name = entry.getKey();
            String namePath = path + "[\"" + name + "\"]";
            if (name.equals("_comment")) {
                continue;
            }
            if (!TemplateOverrides.names().contains(name)) {
                problems.add(namePath + ": not a template a shop may override (" + String.join(", ", TemplateOverrides.names()) + ")");
                continue;
            }
            if (!entry.getValue().isObject() || entry.getValue().isEmpty()) {
                problems.add(namePath + ": must map languages (" + String.join(", ", languages) + ") to the template's text");
                continue;
            }
            for (Iterator<Map.Entry<String, JsonNode>> byLanguage = entry.getValue().fields(); byLanguage.hasNext(); ) {
                var text = byLanguage.next();
                String textPath = namePath + "." + text.getKey();
                if (!languages.contains(text.getKey())) {
                    problems.add(textPath + ": the shop does not list language \"" + text.getKey() + "\" (languages: "
                            + String.join(", ", languages) + ")");
                } else if (!text.getValue().isTextual()) {
                    problems.add(textPath + ": must be the template's text (Mustache)");
                } else if (text.getValue().asText().length() > MAX_LENGTH) {
                    problems.add(textPath + ": longer than " + MAX_LENGTH + " characters");
                } else {
                    List<String> found = TemplateOverrides.problems(name, text.getKey(), text.getValue().asText());
                    found.forEach(problem -> problems.add(textPath + ": " + problem));
                    if (found.isEmpty()) {
                        sources.computeIfAbsent(name, n -> new LinkedHashMap<>()).put(text.getKey(), text.getValue().asText());
                    }
                }
            }
        }
        return problems.size() > before ? null : new TemplateOverrides(sources);
    }
}
