package dev.promptly.core.reply;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The variables and sections the shipped templates of one kind and language use, by where they use
 * them: the nesting of sections around the tag ({@code ""} at the top, {@code #order/#shipments} inside
 * both). The shipped templates render for every message, so a name they print outside any section is
 * always there, and one they print inside {@code {{#order}}} is there inside it. An override may use a
 * name where the shipped templates use it or in anything nested deeper (Mustache looks a name up through
 * the enclosing sections); anywhere else it would fail to render or silently print nothing.
 *
 * <p>Tags are read with the default delimiters, after the source compiled, so they are well nested.
 */
final class TemplateVocabulary {
    private static final Pattern TAG = Pattern.compile("\\{\\{(\\{?)\\s*([#^/!>&=<$]?)\\s*(.*?)\\s*}?}}", Pattern.DOTALL);
    private static final Set<String> CONTEXT_NAMES = Set.of(".", "this", "-first", "-last", "-index");
    private static final Map<String, TemplateVocabulary> BY_KIND = new ConcurrentHashMap<>();

    /** Section path → {@code var:name} and {@code sec:name} used directly there. */
    private final Map<String, Set<String>> known = new HashMap<>();

    private TemplateVocabulary() {
    }

    static TemplateVocabulary of(String kind, String language) {
        return BY_KIND.computeIfAbsent(kind + "/" + language, k -> {
            var vocabulary = new TemplateVocabulary();
            for (String part : MessageTemplates.PARTS) {
                String source = MessageTemplates.shipped(kind, part, language);
                if (source != null) {
                    vocabulary.learn(source);
                }
            }
            return vocabulary;
        });
    }

    private void learn(String source) {
        List<String> path = new ArrayList<>();
        Matcher tag = TAG.matcher(source);
        while (tag.find()) {
            String type = tag.group(2);
            String name = tag.group(3);
            switch (type) {
                case "#", "^" -> {
                    known.computeIfAbsent(String.join("/", path), p -> new LinkedHashSet<>()).add("sec:" + name);
                    path.add(type + name);
                }
                case "/" -> path.remove(path.size() - 1);
                case "", "&" -> known.computeIfAbsent(String.join("/", path), p -> new LinkedHashSet<>()).add("var:" + name);
                default -> {
                    // comments and the like carry no names
                }
            }
        }
    }

    /** The problems of an override's (compiled) source, each naming the tag. */
    List<String> problems(String source) {
        List<String> problems = new ArrayList<>();
        List<String> path = new ArrayList<>();
        Matcher tag = TAG.matcher(source);
        while (tag.find()) {
            String type = tag.group(1).isEmpty() ? tag.group(2) : "{";
            String name = tag.group(3);
            switch (type) {
                case "!" -> {
                    // a comment
                }
                case "{", "&" -> problems.add(tag.group() + " prints a value unescaped; use {{" + name + "}}, which escapes it for its part");
                case ">", "<", "$" -> problems.add("{{" + type + name + "}}: partials and blocks are not supported in overrides");
                case "=" -> problems.add("{{=" + name + "}}: changing the delimiters is not supported in overrides");
                case "#", "^" -> {
                    if (!knownAt(path, "sec:" + name) && !knownAt(path, "var:" + name)) {
                        problems.add(unknown("section", type + name, path));
                    }
                    path.add(type + name);
                }
                case "/" -> path.remove(path.size() - 1);
                default -> {
                    if (!(CONTEXT_NAMES.contains(name) && !path.isEmpty()) && !knownAt(path, "var:" + name)) {
                        problems.add(unknown("variable", name, path));
                    }
                }
            }
        }
        return problems;
    }

    /** Known where the shipped templates use it: at this nesting or any enclosing one. */
    private boolean knownAt(List<String> path, String use) {
        for (int depth = path.size(); depth >= 0; depth--) {
            if (known.getOrDefault(String.join("/", path.subList(0, depth)), Set.of()).contains(use)) {
                return true;
            }
        }
        return false;
    }

    private String unknown(String what, String name, List<String> path) {
        Set<String> here = new TreeSet<>();
        for (int depth = path.size(); depth >= 0; depth--) {
            known.getOrDefault(String.join("/", path.subList(0, depth)), Set.of()).stream()
                    .filter(u -> u.startsWith("var:")).forEach(u -> here.add(u.substring(4)));
        }
        String where = path.isEmpty() ? "outside any section" : "inside {{" + String.join("}}{{", path) + "}}";
        return "unknown " + what + " \"" + name + "\" " + where + " (variables known there: " + String.join(", ", here) + ")";
    }
}
