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
    private static final Mustache.Escaper TEXT = MessageTemplates::withoutControls;
    private static final Mustache.Escaper ONE_LINE = MessageTemplates::oneLine;

    /** The parts of a kind, in the order of {@link RenderedMessage}: subject, text, HTML (the file name's middle). */
    static final List<String> PARTS = List.of("subject", "txt", "html");
    private static final Mustache.Compiler HTML = Mustache.compiler().withEscaper(Escapers.HTML);
    private static final Mustache.Compiler TEXT_PART = Mustache.compiler().withEscaper(TEXT);
    private static final Mustache.Compiler LINE = Mustache.compiler().withEscaper(ONE_LINE);

    private final String kind;
    private final Map<String, Template[]> byLanguage = new HashMap<>();

    public MessageTemplates(String kind, List<String> languages) {
        this.kind = Objects.requireNonNull(kind, "kind");
        Map<String, String[]> files = new HashMap<>();
        for (String language : languages) {
            files.put(language, new String[]{shipped(kind, "subject", language), shipped(kind, "txt", language), shipped(kind, "html", language)});
        }
        // Plain text only when no language has HTML: one language missing its HTML file is a packaging error.
        boolean plainOnly = files.values().stream().allMatch(f -> f[2] == null);
        files.forEach((language, f) -> {
            if (f[0] != null && f[1] != null && (f[2] != null || plainOnly)) {
                byLanguage.put(language, new Template[]{compile("subject", f[0]), compile("txt", f[1]),
                        f[2] == null ? null : compile("html", f[2])});
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
        return render(language, data, TemplateOverrides.NONE);
    }

    /**
     * Renders the message in {@code language} with the shop's own wording where {@code overrides} has
     * one for a part of this kind in that language, the shipped template elsewhere.
     *
     * @throws MissingTemplateValueException when a variable outside a section has no value
     */
    public RenderedMessage render(String language, Map<String, Object> data, TemplateOverrides overrides) {
        Template[] shipped = byLanguage.get(language);
        if (shipped == null) {
            throw new IllegalArgumentException("no " + kind + " templates in " + language);
        }
        Template[] parts = shipped.clone();
        for (int i = 0; i < parts.length; i++) {
            Template own = overrides.template(kind + "." + PARTS.get(i), language);
            if (own != null && parts[i] != null) {
                parts[i] = own;
            }
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

    /**
     * A text part's value: without the control characters of regex {@code \\p{Cntrl}} (US-ASCII 0-31 and 127)
     * but line feed and tab. A scan, where {@code replaceAll} compiled a pattern for every value rendered.
     */
    static String withoutControls(String raw) {
        StringBuilder out = null;
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            boolean control = (c < 0x20 || c == 0x7f) && c != '\n' && c != '\t';
            if (control && out == null) {
                out = new StringBuilder(raw.length()).append(raw, 0, i);
            } else if (!control && out != null) {
                out.append(c);
            }
        }
        return out == null ? raw : out.toString();
    }

    /** A subject's value: each run of control characters and line or paragraph separators one space, then trimmed. */
    static String oneLine(String raw) {
        StringBuilder out = new StringBuilder(raw.length());
        boolean inRun = false;
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            boolean breaking = c < 0x20 || c == 0x7f || c == '\u2028' || c == '\u2029';
            if (!breaking) {
                out.append(c);
            } else if (!inRun) {
                out.append(' ');
            }
            inRun = breaking;
        }
        return out.toString().trim();
    }

    /** Compiles one part's template with that part's escaping (the subject is one line, stripped). */
    static Template compile(String part, String source) {
        return switch (part) {
            case "subject" -> LINE.compile(source.strip());
            case "txt" -> TEXT_PART.compile(source);
            case "html" -> HTML.compile(source);
            default -> throw new IllegalArgumentException("no template part " + part);
        };
    }

    /** The source of a shipped template part, or null when none is shipped. */
    static String shipped(String kind, String part, String language) {
        return read("/dev/promptly/templates/" + language + "/" + kind + "." + part + ".mustache");
    }

    private static String read(String resource) {
        try (InputStream in = MessageTemplates.class.getResourceAsStream(resource)) {
            return in == null ? null : new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
