package dev.promptly.core.reply;

import com.samskivert.mustache.MustacheException;
import com.samskivert.mustache.Template;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A shop's own wording: shipped message templates replaced, each by name and language. A name is a
 * shipped template file's name without {@code .mustache}: {@code <kind>.<part>} with a customer-facing
 * kind ({@link #KINDS}) and a part {@code subject}, {@code txt} or {@code html}, e.g. {@code ack.subject}.
 * A part not overridden keeps the shipped template, so a shop can change just its subject line.
 *
 * <p>Every override is checked when built ({@link #problems}): it must name a shipped template, compile,
 * use only the variables and sections the shipped template of that kind and language uses at the same
 * section nesting ({@link TemplateVocabulary}, so it cannot fail for a value that is absent where it asks
 * for it), and print every value escaped (no {@code {{{…}}}} or {@code {{&…}}}, which would put
 * customer-supplied text unescaped into HTML), without partials or delimiter changes. Compiled once;
 * immutable and thread-safe.
 */
public final class TemplateOverrides {
    /** No override: every message uses the shipped templates. */
    public static final TemplateOverrides NONE = new TemplateOverrides(Map.of());
    /** The kinds whose templates a shop may override: those customers receive (team alerts are ours). */
    public static final List<String> KINDS = List.of("ack", "wismo", "delay_notice", "csat_survey");

    private final Map<String, Map<String, String>> sources;
    private final Map<String, Template> compiled = new HashMap<>();

    /**
     * @param sources template name → language → Mustache source
     * @throws IllegalArgumentException naming each override that {@link #problems} refuses
     */
    public TemplateOverrides(Map<String, Map<String, String>> sources) {
        Map<String, Map<String, String>> copy = new LinkedHashMap<>();
        List<String> refused = new ArrayList<>();
        sources.forEach((name, byLanguage) -> {
            copy.put(name, Map.copyOf(byLanguage));
            byLanguage.forEach((language, source) -> {
                List<String> problems = problems(name, language, source);
                if (problems.isEmpty()) {
                    compiled.put(name + "/" + language, MessageTemplates.compile(part(name), source));
                } else {
                    problems.forEach(p -> refused.add(name + " (" + language + "): " + p));
                }
            });
        });
        if (!refused.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", refused));
        }
        this.sources = Map.copyOf(copy);
    }

    /**
     * What is wrong with {@code source} as the override of template {@code name} in {@code language},
     * each problem one sentence; empty when it may be used.
     */
    public static List<String> problems(String name, String language, String source) {
        Objects.requireNonNull(source, "source");
        int dot = name.lastIndexOf('.');
        String kind = dot < 0 ? name : name.substring(0, dot);
        String part = dot < 0 ? "" : name.substring(dot + 1);
        if (!KINDS.contains(kind) || !MessageTemplates.PARTS.contains(part)) {
            return List.of("not a template a shop may override (" + String.join(", ", names()) + ")");
        }
        if (MessageTemplates.shipped(kind, part, language) == null) {
            return List.of("no " + name + " template is shipped in language \"" + language + "\"");
        }
        if (source.isBlank()) {
            return List.of("must not be empty");
        }
        try {
            MessageTemplates.compile(part, source);
        } catch (MustacheException e) {
            return List.of("not a valid Mustache template: " + e.getMessage());
        }
        return TemplateVocabulary.of(kind, language).problems(source);
    }

    /** Every template name a shop may override, e.g. {@code ack.subject}. */
    public static List<String> names() {
        List<String> names = new ArrayList<>();
        KINDS.forEach(kind -> MessageTemplates.PARTS.forEach(part -> names.add(kind + "." + part)));
        return names;
    }

    /** The overridden sources: template name → language → source. */
    public Map<String, Map<String, String>> sources() {
        return sources;
    }

    public boolean isEmpty() {
        return sources.isEmpty();
    }

    /** The compiled override of {@code name} in {@code language}, or null to use the shipped one. */
    Template template(String name, String language) {
        return compiled.get(name + "/" + language);
    }

    private static String part(String name) {
        return name.substring(name.lastIndexOf('.') + 1);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TemplateOverrides other && sources.equals(other.sources);
    }

    @Override
    public int hashCode() {
        return sources.hashCode();
    }

    @Override
    public String toString() {
        return "TemplateOverrides" + Set.copyOf(sources.keySet());
    }
}
