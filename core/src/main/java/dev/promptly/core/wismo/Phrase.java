package dev.promptly.core.wismo;

import dev.promptly.core.message.Words;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A phrase of a phrase book, matched against the words of one sentence.
 *
 * <p>Syntax, words separated by spaces:
 * <ul>
 *   <li>{@code word}: the word, whole and without case; {@code ä ö ü ß} also match {@code ae oe ue ss} and
 *       {@code a o u}; a word of five letters or more also matches a typo of it (see {@link Vocabulary});</li>
 *   <li>{@code word*}: any word starting with {@code word} (German compounds: {@code sendungsverfolgung*});</li>
 *   <li>{@code @class}: any word of a word class the phrase book defined before ({@code @item});</li>
 *   <li>{@code ...}: up to {@value #GAP} other words, so "where is my order" also matches "where is my
 *       f***ing order", and up to {@value #MAX_FREE_FILLERS} filler words of the phrase book beside them
 *       ("wann kommt denn jetzt endlich meine Bestellung"); never first or last.</li>
 * </ul>
 * Punctuation inside a word splits it as in customer text ({@code bestell-nr} is two words).
 */
final class Phrase {
    /** How many words {@code ...} may skip: enough for "my ... order" to reach "my last two orders". */
    static final int GAP = 3;
    /** How many filler words ("denn", "jetzt", "endlich") a gap skips beyond {@link #GAP}, free. */
    static final int MAX_FREE_FILLERS = 3;
    private static final String GAP_MARK = "...";
    private static final Pattern CLASS_NAME = Pattern.compile("@[a-z][a-z0-9_]*");

    private final String text;
    private final List<Slot> slots;

    private Phrase(String text, List<Slot> slots) {
        this.text = text;
        this.slots = List.copyOf(slots);
    }

    /**
     * Reads a phrase.
     *
     * @param classes the word classes it may use, by name with {@code @}
     * @throws IllegalArgumentException with the reason, when the phrase is empty, uses an unknown class,
     *     puts {@code *} inside a word or {@code ...} first, last or twice in a row
     */
    static Phrase parse(String text, Map<String, WordClass> classes) {
        return parse(text, classes, new HashMap<>());
    }

    /**
     * Reads a phrase, taking the words of an entry read before from {@code known} and adding new ones: a
     * book's thousands of phrases repeat a few hundred words, each spelt out only once at a cold start.
     */
    static Phrase parse(String text, Map<String, WordClass> classes, Map<String, List<WordClass>> known) {
        String trimmed = text == null ? "" : text.strip();
        List<Slot> slots = new ArrayList<>();
        boolean gapPending = false;
        for (String part : parts(trimmed)) {
            if (part.equals(GAP_MARK)) {
                if (slots.isEmpty() || gapPending) {
                    throw new IllegalArgumentException("'...' must stand between two words");
                }
                gapPending = true;
                continue;
            }
            int gap = gapPending ? GAP : 0;
            gapPending = false;
            if (part.startsWith("@")) {
                if (!CLASS_NAME.matcher(part).matches()) {
                    throw new IllegalArgumentException("'" + part + "' is not a word class name (@ and lower-case letters)");
                }
                WordClass wordClass = classes.get(part);
                if (wordClass == null) {
                    throw new IllegalArgumentException("unknown word class " + part
                            + (classes.isEmpty() ? "" : " (known: " + String.join(", ", classes.keySet().stream().sorted().toList()) + ")"));
                }
                slots.add(new Slot(wordClass, gap));
                continue;
            }
            List<WordClass> words = known.get(part);
            if (words == null) {
                words = WordClass.wordsOf(part);
                known.put(part, words);
            }
            for (int i = 0; i < words.size(); i++) {
                slots.add(new Slot(words.get(i), i == 0 ? gap : 0));
            }
        }
        if (gapPending) {
            throw new IllegalArgumentException("'...' must stand between two words");
        }
        if (slots.isEmpty()) {
            throw new IllegalArgumentException("empty phrase");
        }
        return new Phrase(trimmed, slots);
    }

    /**
     * The parts of a phrase between runs of the white space of regex {@code \\s} (space, tab, line breaks,
     * form feed, vertical tab), none empty: {@code split("\\s+")} compiled a pattern for each of the
     * thousands of phrases read at every cold start.
     */
    private static List<String> parts(String text) {
        List<String> parts = new ArrayList<>();
        int start = -1;
        for (int i = 0; i <= text.length(); i++) {
            boolean space = i == text.length() || " \t\n\u000b\f\r".indexOf(text.charAt(i)) >= 0;
            if (space && start >= 0) {
                parts.add(text.substring(start, i));
                start = -1;
            } else if (!space && start < 0) {
                start = i;
            }
        }
        return parts;
    }

    /** The phrase as written, for messages and tests. */
    String text() {
        return text;
    }

    /** Every spelling of the phrase's words, for the {@link Vocabulary}. */
    Set<String> words() {
        Set<String> words = new HashSet<>();
        slots.forEach(slot -> words.addAll(slot.words().exact()));
        return words;
    }

    /** The exact words the phrase can start with, or empty when it starts with a word start ({@code word*}). */
    Set<String> firstWords() {
        Slot first = slots.get(0);
        return first.words().prefixes().isEmpty() ? first.words().exact() : Set.of();
    }

    /** Whether the phrase is one run of words, without {@code ...}: its match covers exactly the words it names. */
    boolean contiguous() {
        for (Slot slot : slots) {
            if (slot.gapBefore() != 0) {
                return false;
            }
        }
        return true;
    }

    /** Whether the phrase occurs anywhere in the tokens. */
    boolean occursIn(List<Token> tokens) {
        for (int start = 0; start < tokens.size(); start++) {
            if (endOfMatch(tokens, start) >= 0) {
                return true;
            }
        }
        return false;
    }

    /** The index after the phrase when it occurs starting exactly at {@code start}, else -1. */
    int endOfMatch(List<Token> tokens, int start) {
        return match(tokens, 0, start);
    }

    private int match(List<Token> tokens, int slot, int from) {
        if (slot == slots.size()) {
            return from;
        }
        Slot current = slots.get(slot);
        int maxSkip = slot == 0 ? 0 : current.gapBefore();
        int skipped = 0;
        for (int at = from; at < tokens.size() && at - from <= maxSkip + MAX_FREE_FILLERS; at++) {
            if (current.words().matches(tokens.get(at))) {
                int end = match(tokens, slot + 1, at + 1);
                if (end >= 0) {
                    return end;
                }
            }
            // A gap skips filler words free: "wann kommt denn jetzt endlich meine Bestellung" is "wann kommt ... @item".
            if (maxSkip == 0 || !tokens.get(at).filler() && ++skipped > maxSkip) {
                break;
            }
        }
        return -1;
    }

    @Override
    public String toString() {
        return text;
    }

    /** One position of a phrase: the words it accepts and how many other words may come before it. */
    private record Slot(WordClass words, int gapBefore) {
    }

    /**
     * A set of words that one position of a phrase accepts: exact words in every spelling, and word
     * starts (from {@code word*}).
     */
    record WordClass(Set<String> exact, List<String> prefixes) {
        WordClass {
            exact = Set.copyOf(exact);
            prefixes = List.copyOf(prefixes);
        }

        /** The words of one written entry; several when punctuation splits it ({@code bestell-nr*}). */
        static List<WordClass> wordsOf(String entry) {
            boolean prefix = entry.endsWith("*");
            String body = prefix ? entry.substring(0, entry.length() - 1) : entry;
            if (body.contains("*")) {
                throw new IllegalArgumentException("'*' may only end a word: '" + entry + "'");
            }
            List<String> words = Words.of(body);
            if (words.isEmpty()) {
                throw new IllegalArgumentException("'" + entry + "' holds no word");
            }
            List<WordClass> classes = new ArrayList<>();
            for (int i = 0; i < words.size(); i++) {
                Set<String> spellings = new LinkedHashSet<>(List.of(Words.foldUmlauts(words.get(i)), Words.dropUmlauts(words.get(i))));
                boolean open = prefix && i == words.size() - 1;
                classes.add(open ? new WordClass(Set.of(), List.copyOf(spellings)) : new WordClass(spellings, List.of()));
            }
            return List.copyOf(classes);
        }

        /** The union of single-word entries, for a {@code @class = word, word*, ...} line. */
        static WordClass union(List<String> entries) {
            Set<String> exact = new HashSet<>();
            List<String> prefixes = new ArrayList<>();
            for (String entry : entries) {
                List<WordClass> words = wordsOf(entry.strip());
                if (words.size() != 1) {
                    throw new IllegalArgumentException("'" + entry.strip() + "': a word class lists single words");
                }
                exact.addAll(words.get(0).exact());
                prefixes.addAll(words.get(0).prefixes());
            }
            return new WordClass(exact, prefixes);
        }

        WordClass plus(WordClass other) {
            Set<String> words = new HashSet<>(exact);
            words.addAll(other.exact);
            List<String> starts = new ArrayList<>(prefixes);
            starts.addAll(other.prefixes);
            return new WordClass(words, starts);
        }

        boolean matches(Token token) {
            String word = token.word();
            if (exact.contains(word)) {
                return true;
            }
            for (String prefix : prefixes) {
                if (word.startsWith(prefix)) {
                    return true;
                }
            }
            if (!token.nearWords().isEmpty()) {
                for (String near : token.nearWords()) {
                    if (exact.contains(near)) {
                        return true;
                    }
                }
            }
            return false;
        }
    }
}
