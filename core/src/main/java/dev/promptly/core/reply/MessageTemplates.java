package dev.promptly.core.reply;

import com.samskivert.mustache.Escapers;
import com.samskivert.mustache.Mustache;
import com.samskivert.mustache.MustacheException;
import com.samskivert.mustache.Template;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The message templates of one kind (e.g. {@code ack}) in every language shipped, compiled once.
 *
 * <p>Each language has three Mustache files under {@code /dev/promptly/templates/<language>/}:
 * {@code <kind>.subject.mustache}, {@code <kind>.txt.mustache} and {@code <kind>.html.mustache}; a kind
 * with no HTML file at all (the team's plain-text alerts) renders without an HTML part. Every
 * variable is escaped for its part: HTML-escaped in the HTML part; in the text part and subject, control
 * characters are removed so customer-supplied values cannot add lines or headers. Values are never
 * evaluated as templates. A variable the data lacks is an error ({@link MissingTemplateValueException}),
 * while a section over a missing or false value is simply left out: optional content goes in sections.
 * Thread-safe.
 */
public final class MessageTemplates {
    private static final Pattern MISSING = Pattern.compile("No (?:key|method or field) with name '([^']+)'");
    private static final Mustache.Escaper TEXT = raw -> raw.replaceAll("[\\p{Cntrl}&&[^\\n\\t]]", "");
    private static final Mustache.Escaper ONE_LINE = raw -> raw.replaceAll("[\\p{Cntrl}\\u2028\\u2029]+", " ").trim();

    private final String kind;
    private final Map<String, Template[]> byLanguage = new HashMap<>();

    public MessageTemplates(String kind, List<String> languages) {
        this.kind = Objects.requireNonNull(kind, "kind");
        var html = Mustache.compiler().withEscaper(Escapers.HTML);
        var text = Mustache.compiler().withEscaper(TEXT);
        var line = Mustache.compiler().withEscaper(ONE_LINE);
        Map<String, String[]> files = new HashMap<>();
        for (String language : languages) {
            String base = "/dev/promptly/templates/" + language + "/" + kind;
            files.put(language, new String[]{read(base + ".subject.mustache"), read(base + ".txt.mustache"), read(base + ".html.mustache")});
        }
        // Plain text only when no language has HTML: one language missing its HTML file is a packaging error.
        boolean plainOnly = files.values().stream().allMatch(f -> f[2] == null);
        files.forEach((language, f) -> {
            if (f[0] != null && f[1] != null && (f[2] != null || plainOnly)) {
                byLanguage.put(language, new Template[]{line.compile(f[0].strip()), text.compile(f[1]),
                        f[2] == null ? null : html.compile(f[2])});
            }
        });
        if (byLanguage.isEmpty()) {
            throw new IllegalArgumentException("no templates for \"" + kind + "\" in any of " + languages);
        }
    }

    public Set<String> languages() {
        return Set.copyOf(byLanguage.keySet());
    }

    /**
     * Renders the message in {@code language} (which must be one of {@link #languages()}).
     *
     * @throws MissingTemplateValueException when a variable outside a section has no value
     */
    public RenderedMessage render(String language, Map<String, Object> data) {
        Template[] parts = byLanguage.get(language);
        if (parts == null) {
            throw new IllegalArgumentException("no " + kind + " templates in " + language);
        }
        String template = kind + "/" + language;
        try {
            return new RenderedMessage(language, parts[0].execute(data), parts[1].execute(data),
                    parts[2] == null ? null : parts[2].execute(data));
        } catch (MustacheException e) {
            Matcher m = MISSING.matcher(String.valueOf(e.getMessage()));
            throw new MissingTemplateValueException(template, m.find() ? m.group(1) : "a value", e);
        }
    }

    private static String read(String resource) {
        try (InputStream in = MessageTemplates.class.getResourceAsStream(resource)) {
            return in == null ? null : new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
