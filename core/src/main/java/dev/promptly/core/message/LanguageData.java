package dev.promptly.core.message;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The per-language data files under {@code dev/promptly/<kind>/<code>.txt} on the classpath: UTF-8,
 * one entry per line, everything from {@code #} to the end of a line is a comment, blank lines are
 * skipped. Adding a language means adding files, not code. Public because the WISMO detector
 * ({@code core.wismo}) reads its phrase books the same way.
 */
public final class LanguageData {
    /** ISO 639 codes as the shop configuration accepts them: 2 or 3 lower-case letters. */
    private static final Pattern CODE = Pattern.compile("[a-z]{2,3}");

    /** One meaningful line of a data file, numbered from 1 so errors can point at it. */
    public record Line(int number, String text) {
    }

    private LanguageData() {
    }

    /**
     * @throws IllegalArgumentException when the list is empty, a code is not 2–3 lower-case letters, or a
     *     code is listed twice
     */
    public static List<String> requireCodes(List<String> codes) {
        Objects.requireNonNull(codes, "languages");
        if (codes.isEmpty()) {
            throw new IllegalArgumentException("languages: must name at least one language");
        }
        var seen = new HashSet<String>();
        for (String code : codes) {
            if (code == null || !CODE.matcher(code).matches()) {
                throw new IllegalArgumentException("languages: each must be a lower-case ISO 639 code such as de");
            }
            if (!seen.add(code)) {
                throw new IllegalArgumentException("languages: '" + code + "' is listed twice");
            }
        }
        return List.copyOf(codes);
    }

    /** The path of one language's file of a kind, e.g. {@code dev/promptly/language/de.txt}. */
    public static String path(String kind, String code) {
        return "dev/promptly/" + kind + "/" + code + ".txt";
    }

    /** Whether a data file of this kind ships for the language, e.g. {@code ships("wismo", "de")}. */
    public static boolean ships(String kind, String code) {
        return LanguageData.class.getClassLoader().getResource(path(kind, code)) != null;
    }

    /**
     * The meaningful lines of a data file, trimmed.
     *
     * @throws IllegalArgumentException naming the file when it is not on the classpath
     */
    public static List<Line> lines(String kind, String code) {
        String path = path(kind, code);
        InputStream stream = LanguageData.class.getClassLoader().getResourceAsStream(path);
        if (stream == null) {
            throw new IllegalArgumentException("language '" + code + "': no data file " + path + " on the classpath");
        }
        String content;
        try (stream) {
            // The whole file at once: decoding it in one call is several times cheaper at a cold start than a reader's lines.
            content = new String(stream.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + path, e);
        }
        var lines = new ArrayList<Line>();
        int number = 0;
        for (int start = 0; start < content.length(); ) {
            int end = content.indexOf('\n', start);
            if (end < 0) {
                end = content.length();
            }
            number++;
            String raw = content.substring(start, end > start && content.charAt(end - 1) == '\r' ? end - 1 : end);
            int comment = raw.indexOf('#');
            String text = (comment < 0 ? raw : raw.substring(0, comment)).strip();
            if (!text.isEmpty()) {
                lines.add(new Line(number, text));
            }
            start = end + 1;
        }
        return List.copyOf(lines);
    }
}
