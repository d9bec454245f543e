package dev.promptly.core.wismo;

import dev.promptly.core.message.LanguageData;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One language's phrase book, {@code dev/promptly/wismo/<code>.txt}: the phrases that signal each
 * {@link Intent}, with weights, and the words around order and tracking numbers, closings and quote
 * headers. The format is described at the top of each file; in short, one entry per line:
 * <pre>
 * &#64;item = order, orders, parcel, ...          a word class, used in later phrases as &#64;item (more lines add words)
 * wismo 0.95: where ... &#64;my ... &#64;item, ...    phrases of an intent and the weight each carries
 * reference: order number, bestellnummer, ...  words that make the number after them an order number
 * not-reference: zip, tel, kundennummer, ...   words that make the number after them something else
 * unit: euro, eur, cm, ...                     words that make the number before them a price or amount
 * tracking: tracking number, dhl, ...          words that make a code after them a tracking number
 * closing: best regards, viele grüße, ...      a line starting with one begins the signature
 * filler: hallo, denn, endlich, ...           single words that say nothing of what a message asks (greetings,
 *                                              particles): "..." skips them free, and a short question may hold them
 * reply-prefix: re, aw, fwd, ...               subject prefixes of replies and forwards
 * quote: on ... wrote:, ...                    lines that introduce a quoted earlier mail
 * alternative: or, otherwise, ...              words after which another intent is only a fallback ("... or I want my money back")
 * </pre>
 * Everything from {@code #} to the end of a line is a comment. Phrase syntax: see {@link Phrase}.
 */
final class PhraseBook {
    static final String KIND = "wismo";
    private static final Pattern CLASS_LINE = Pattern.compile("(@[a-z][a-z0-9_]*)\\s*=(.*)");
    private static final Pattern INTENT_KEY = Pattern.compile("([a-z_]+)\\s+([0-9.]+)");

    /** A phrase that signals an intent with a weight in (0, 1]. */
    record IntentPhrase(Intent intent, double weight, Phrase phrase) {
        // Written out as the record's own would be (a Phrase is equal only to itself): detection keys a map by
        // phrase, and the generated methods bootstrap method handles at the first message of a cold start.
        @Override
        public boolean equals(Object other) {
            return other instanceof IntentPhrase that && intent == that.intent && Double.compare(weight, that.weight) == 0
                    && phrase.equals(that.phrase);
        }

        @Override
        public int hashCode() {
            return (31 * intent.hashCode() + Double.hashCode(weight)) * 31 + phrase.hashCode();
        }
    }

    private final String language;
    private final Map<String, Phrase.WordClass> classes = new LinkedHashMap<>();
    /** The words of every entry read so far, so that each is spelt out once ({@link Phrase#parse(String, Map, Map)}). */
    private final Map<String, List<Phrase.WordClass>> knownWords = new HashMap<>();
    private final List<IntentPhrase> intentPhrases = new ArrayList<>();
    private final List<Phrase> references = new ArrayList<>();
    private final List<Phrase> notReferences = new ArrayList<>();
    private final List<Phrase> units = new ArrayList<>();
    private final List<Phrase> tracking = new ArrayList<>();
    private final List<Phrase> closings = new ArrayList<>();
    private final Set<String> fillers = new HashSet<>();
    private final List<Phrase> replyPrefixes = new ArrayList<>();
    private final List<Phrase> automaticSubjects = new ArrayList<>();
    private final List<Phrase> automaticTexts = new ArrayList<>();
    private final List<QuoteHeader> quoteHeaders = new ArrayList<>();
    private final List<Phrase> alternatives = new ArrayList<>();

    private PhraseBook(String language) {
        this.language = language;
    }

    /** A phrase of one word of the book's word class {@code name} ("item": order, parcel, Bestellung), if it has one. */
    Optional<Phrase> wordClass(String name) {
        return classes.containsKey("@" + name) ? Optional.of(Phrase.parse("@" + name, classes)) : Optional.empty();
    }

    /** A book with nothing in it, for a language Promptly ships no phrases for. */
    static PhraseBook empty(String language) {
        return new PhraseBook(language);
    }

    /**
     * Reads the shipped book of a language.
     *
     * @throws IllegalArgumentException naming the file and line of a malformed entry
     */
    static PhraseBook shipped(String language) {
        var book = new PhraseBook(language);
        String file = LanguageData.path(KIND, language);
        for (LanguageData.Line line : LanguageData.lines(KIND, language)) {
            try {
                book.read(line.text());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(file + " line " + line.number() + ": " + e.getMessage(), e);
            }
        }
        return book;
    }

    private void read(String line) {
        Matcher classLine = CLASS_LINE.matcher(line);
        if (classLine.matches()) {
            classes.merge(classLine.group(1), Phrase.WordClass.union(entries(classLine.group(2))), Phrase.WordClass::plus);
            return;
        }
        int colon = line.indexOf(':');
        if (colon < 0) {
            throw new IllegalArgumentException("expected '<intent> <weight>: <phrase>, ...', '<directive>: ...' or '@class = <word>, ...'");
        }
        String key = line.substring(0, colon).strip().toLowerCase(Locale.ROOT);
        String value = line.substring(colon + 1);
        switch (key) {
            case "reference" -> references.addAll(phrases(value));
            case "not-reference" -> notReferences.addAll(phrases(value));
            case "unit" -> units.addAll(phrases(value));
            case "tracking" -> tracking.addAll(phrases(value));
            case "closing" -> closings.addAll(phrases(value));
            case "filler" -> entries(value).forEach(entry -> fillers.addAll(Phrase.WordClass.union(List.of(entry)).exact()));
            case "reply-prefix" -> replyPrefixes.addAll(phrases(value));
            case "automatic-subject" -> automaticSubjects.addAll(phrases(value));
            case "automatic-text" -> automaticTexts.addAll(phrases(value));
            case "quote" -> entries(value).forEach(pattern -> quoteHeaders.add(QuoteHeader.parse(pattern)));
            case "alternative" -> alternatives.addAll(phrases(value));
            default -> intentLine(key, value);
        }
    }

    private void intentLine(String key, String value) {
        Matcher m = INTENT_KEY.matcher(key);
        if (!m.matches()) {
            throw new IllegalArgumentException("unknown entry '" + key + "': expected '<intent> <weight>' such as 'wismo 0.9',"
                    + " or reference, not-reference, unit, tracking, closing, filler, reply-prefix, automatic-subject, automatic-text,"
                    + " quote, alternative");
        }
        Intent intent = Intent.fromWire(m.group(1)).orElseThrow(() -> new IllegalArgumentException(
                "unknown intent '" + m.group(1) + "' (known: " + String.join(", ", wireNames()) + ")"));
        double weight = weight(m.group(2));
        for (Phrase phrase : phrases(value)) {
            intentPhrases.add(new IntentPhrase(intent, weight, phrase));
        }
    }

    /**
     * Adds a shop's phrase: a WISMO phrase, or a negative one that marks a message as not WISMO, as
     * {@code other} or as the intent it names ({@code "refund: rückzahlung*"}).
     *
     * @throws IllegalArgumentException with the reason when the phrase is malformed
     */
    void addExtra(String entry, boolean positive, double weight) {
        intentPhrases.add(extra(entry, positive, weight, classes));
    }

    /**
     * Reads a shop's phrase against a book's word classes.
     *
     * @throws IllegalArgumentException with the reason when the phrase is malformed
     */
    static IntentPhrase extra(String entry, boolean positive, double weight, Map<String, Phrase.WordClass> classes) {
        Intent intent = positive ? Intent.WISMO : Intent.OTHER;
        String text = entry == null ? "" : entry;
        int colon = text.indexOf(':');
        if (colon >= 0) {
            String name = text.substring(0, colon).strip().toLowerCase(Locale.ROOT);
            if (positive) {
                throw new IllegalArgumentException("a WISMO phrase names no intent; ':' is for negative phrases such as 'refund: geld zurück'");
            }
            intent = Intent.fromWire(name).filter(found -> found != Intent.WISMO).orElseThrow(() -> new IllegalArgumentException(
                    "unknown intent '" + name + "' (known: " + String.join(", ", wireNames().stream().filter(n -> !n.equals("wismo")).toList()) + ")"));
            text = text.substring(colon + 1);
        }
        return new IntentPhrase(intent, weight, Phrase.parse(text, classes));
    }

    /**
     * Only the word classes of a language's shipped book (none when it ships none): enough to check a
     * shop's phrases without reading every phrase.
     */
    static Map<String, Phrase.WordClass> shippedClasses(String language) {
        Map<String, Phrase.WordClass> classes = new LinkedHashMap<>();
        if (LanguageData.ships(KIND, language)) {
            for (LanguageData.Line line : LanguageData.lines(KIND, language)) {
                Matcher classLine = CLASS_LINE.matcher(line.text());
                if (classLine.matches()) {
                    classes.merge(classLine.group(1), Phrase.WordClass.union(entries(classLine.group(2))), Phrase.WordClass::plus);
                }
            }
        }
        return classes;
    }

    private List<Phrase> phrases(String value) {
        List<Phrase> phrases = new ArrayList<>();
        for (String entry : entries(value)) {
            phrases.add(Phrase.parse(entry, classes, knownWords));
        }
        return phrases;
    }

    private static List<String> entries(String value) {
        List<String> entries = new ArrayList<>();
        for (String raw : value.split(",", -1)) {
            if (raw.isBlank()) {
                throw new IllegalArgumentException("empty entry in a comma-separated list");
            }
            entries.add(raw.strip());
        }
        return entries;
    }

    private static double weight(String raw) {
        double weight;
        try {
            weight = Double.parseDouble(raw);
        } catch (NumberFormatException e) {
            weight = -1;
        }
        if (!(weight > 0 && weight <= 1)) {
            throw new IllegalArgumentException("weight '" + raw + "' must be a number above 0 and at most 1");
        }
        return weight;
    }

    private static List<String> wireNames() {
        return Arrays.stream(Intent.values()).map(Intent::wire).toList();
    }

    String language() {
        return language;
    }

    boolean isEmpty() {
        return intentPhrases.isEmpty();
    }

    List<IntentPhrase> intentPhrases() {
        return List.copyOf(intentPhrases);
    }

    List<Phrase> references() {
        return List.copyOf(references);
    }

    List<Phrase> notReferences() {
        return List.copyOf(notReferences);
    }

    List<Phrase> units() {
        return List.copyOf(units);
    }

    List<Phrase> tracking() {
        return List.copyOf(tracking);
    }

    List<Phrase> closings() {
        return List.copyOf(closings);
    }

    /** Every spelling of the filler words. */
    Set<String> fillers() {
        return Set.copyOf(fillers);
    }

    List<Phrase> replyPrefixes() {
        return List.copyOf(replyPrefixes);
    }

    /** How automatic mail's subjects begin ("Automatische Antwort:", "Undeliverable:"). */
    List<Phrase> automaticSubjects() {
        return List.copyOf(automaticSubjects);
    }

    /** What only a machine writes in a mail's own text ("This is the mail system at host", "Diagnostic-Code:"). */
    List<Phrase> automaticTexts() {
        return List.copyOf(automaticTexts);
    }

    List<QuoteHeader> quoteHeaders() {
        return List.copyOf(quoteHeaders);
    }

    List<Phrase> alternatives() {
        return List.copyOf(alternatives);
    }

    /** Every spelling of every word its phrases use, for the {@link Vocabulary}. */
    Set<String> words() {
        Set<String> words = new HashSet<>();
        intentPhrases.forEach(p -> words.addAll(p.phrase().words()));
        for (List<Phrase> list : List.of(references, notReferences, units, tracking, closings, replyPrefixes, automaticSubjects,
                automaticTexts, alternatives)) {
            list.forEach(p -> words.addAll(p.words()));
        }
        classes.values().forEach(c -> words.addAll(c.exact()));
        words.addAll(fillers);
        return words;
    }
}
