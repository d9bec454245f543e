package dev.promptly.core.message;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Recognises what a customer message is about, so an acknowledgement can link the shop's help pages
 * for shipping, returns or payment.
 *
 * <p>Each language has a phrase file {@code dev/promptly/topics/<code>.txt} on the classpath (UTF-8,
 * {@code #} comments), one rule per line: {@code <topic>: <phrase>, <phrase>, ...}, where the topic is a
 * {@link Topic#key()} and may have several lines. A phrase is one or more words matched as whole words
 * and without case; a trailing {@code *} lets its last word be the start of a longer word, for German
 * compounds ({@code versand*} matches "Versandkosten", but {@code sendung*} does not match
 * "Rücksendung"). {@code ä ö ü ß} in phrases also match {@code ae oe ue ss} and {@code a o u}, so
 * "Ruecksendung" and "Rucksendung" are returns too. A phrase listed under two topics reports both:
 * a refund is both a returns and a payment matter.
 *
 * <p>The subject and the text are searched separately (a phrase never spans them), against the
 * phrases of every loaded language, since the text's language may be unknown; several topics may match.
 *
 * <p>Immutable and thread-safe: build it once per container.
 */
public final class TopicDetector {
    private static final String KIND = "topics";
    private static final String KNOWN_TOPICS =
            Arrays.stream(Topic.values()).map(Topic::key).collect(Collectors.joining(", "));

    /** Characters of the text searched (about 1,500 words), so the cost of any message is bounded; a topic is named early. */
    static final int MAX_READ_CHARS = 10_000;
    /** The subject is searched up to RFC 5322's line limit. */
    static final int MAX_SUBJECT_CHARS = 998;

    private final Map<Topic, List<Phrase>> phrases;

    /**
     * Loads the phrase files of the given languages, e.g. {@code List.of("de", "en")}.
     *
     * @throws IllegalArgumentException when the list is empty or repeats a code, a code is not a
     *     lower-case ISO 639 code, or a language's file is missing, lists no phrase or has a malformed
     *     line (the message names the file and line)
     */
    public TopicDetector(List<String> languageCodes) {
        Map<Topic, List<Phrase>> loaded = new EnumMap<>(Topic.class);
        for (String code : LanguageData.requireCodes(languageCodes)) {
            String file = LanguageData.path(KIND, code);
            List<LanguageData.Line> lines = LanguageData.lines(KIND, code);
            if (lines.isEmpty()) {
                throw new IllegalArgumentException("language '" + code + "': " + file + " lists no phrase");
            }
            for (LanguageData.Line line : lines) {
                parse(file, line, loaded);
            }
        }
        Map<Topic, List<Phrase>> frozen = new EnumMap<>(Topic.class);
        loaded.forEach((topic, list) -> frozen.put(topic, List.copyOf(list)));
        this.phrases = Collections.unmodifiableMap(frozen);
    }

    /**
     * The topics a message is about, in {@link Topic} order; empty when none is recognised.
     *
     * @param subject the subject line, or {@code null} (chat messages have none); read up to {@value #MAX_SUBJECT_CHARS} characters
     * @param text the message text, or {@code null}; read up to {@value #MAX_READ_CHARS} characters
     */
    public Set<Topic> detect(String subject, String text) {
        List<String> searched = List.of(searchable(Words.prefix(subject, MAX_SUBJECT_CHARS)), searchable(Words.prefix(text, MAX_READ_CHARS)));
        Set<Topic> found = EnumSet.noneOf(Topic.class);
        // Loops, not streams: the first message of a cold start pays for every lambda it meets.
        for (Map.Entry<Topic, List<Phrase>> topic : phrases.entrySet()) {
            for (Phrase phrase : topic.getValue()) {
                if (phrase.occursIn(searched.get(0)) || phrase.occursIn(searched.get(1))) {
                    found.add(topic.getKey());
                    break;
                }
            }
        }
        return Collections.unmodifiableSet(found);
    }

    /** Words with umlauts folded, separated and surrounded by single spaces, so whole words match with {@code contains}. */
    private static String searchable(String text) {
        return " " + Words.foldUmlauts(String.join(" ", Words.of(text))) + " ";
    }

    private static void parse(String file, LanguageData.Line line, Map<Topic, List<Phrase>> into) {
        String where = file + " line " + line.number() + ": ";
        int colon = line.text().indexOf(':');
        if (colon < 0) {
            throw new IllegalArgumentException(where + "expected '<topic>: <phrase>, <phrase>, ...'");
        }
        String key = line.text().substring(0, colon).strip().toLowerCase(Locale.ROOT);
        Topic topic = Topic.fromKey(key).orElseThrow(() -> new IllegalArgumentException(
                where + "unknown topic '" + key + "' (known: " + KNOWN_TOPICS + ")"));
        List<Phrase> list = into.computeIfAbsent(topic, t -> new ArrayList<>());
        for (String raw : line.text().substring(colon + 1).split(",", -1)) {
            list.addAll(Phrase.spellingsOf(raw.strip(), where));
        }
    }

    /** One spelling of a phrase: folded words joined by single spaces, optionally open at the end. */
    private record Phrase(String words, boolean prefix) {
        static List<Phrase> spellingsOf(String raw, String where) {
            boolean prefix = raw.endsWith("*");
            String body = prefix ? raw.substring(0, raw.length() - 1) : raw;
            if (body.contains("*")) {
                throw new IllegalArgumentException(where + "'*' may only end a phrase");
            }
            String words = String.join(" ", Words.of(body));
            if (words.isEmpty()) {
                throw new IllegalArgumentException(where + "empty phrase");
            }
            String folded = Words.foldUmlauts(words);
            String dropped = Words.dropUmlauts(words);
            return folded.equals(dropped)
                    ? List.of(new Phrase(folded, prefix))
                    : List.of(new Phrase(folded, prefix), new Phrase(dropped, prefix));
        }

        boolean occursIn(String searchable) {
            return searchable.contains(" " + words + (prefix ? "" : " "));
        }
    }
}
