package dev.promptly.core.message;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Tells which of the loaded languages a short customer text is written in, so an acknowledgement
 * answers in the customer's language; when it cannot tell, the caller falls back to the shop's default.
 *
 * <p>Each language is a word list {@code dev/promptly/language/<code>.txt} on the classpath (UTF-8,
 * one lower-case word per line, {@code #} comments): function words, greetings, closings and the
 * vocabulary of customer service. Adding a language means adding a file. A text's words are scored
 * per language, each word at most once per language:
 * <ul>
 *   <li>1 point when it is on the language's list, also as typed without umlaut keys ({@code fuer},
 *       {@code fur}, {@code gruesse}, {@code grüsse});</li>
 *   <li>otherwise ½ point when it holds a letter beyond a–z that occurs in this language's list and in
 *       no other loaded list (for German against English: {@code ä ö ü ß}, so {@code Kühlschrank} counts);</li>
 *   <li>otherwise ½ point when, five letters or longer, it is one typo (a letter missing, extra, wrong,
 *       or two neighbours swapped) away from a listed word of five letters or more ({@code bestelung}).</li>
 * </ul>
 * Words with digits (order numbers, dates, postcodes) are ignored. The language with the highest
 * score wins if it has at least {@value #MIN_SCORE} points and beats every other language; otherwise
 * the result is empty. One word is never enough, because a German writes "Hi" as readily as anyone.
 * Half points keep names and streets ("Frau Müller, Hauptstraße 5") from outweighing an English text.
 *
 * <p>Immutable and thread-safe: build it once per container.
 */
public final class LanguageDetector {
    private static final String KIND = "language";
    private static final double LISTED_WORD = 1.0;
    private static final double WEAK_SIGNAL = 0.5;
    private static final double MIN_SCORE = 1.5;
    private static final int MIN_TYPO_LENGTH = 5;
    /** Characters of a text read (about 1,500 words): plenty to tell a language, and a bound on the cost of any message. */
    static final int MAX_READ_CHARS = 10_000;

    private final List<Language> languages;

    /**
     * Loads the word lists of the given languages, e.g. {@code List.of("de", "en")}.
     *
     * @throws IllegalArgumentException when the list is empty or repeats a code, a code is not a
     *     lower-case ISO 639 code, or a language's file is missing or lists no word (the message names the file)
     */
    public LanguageDetector(List<String> languageCodes) {
        List<String> codes = LanguageData.requireCodes(languageCodes);
        // Loops, not streams: this runs at every cold start, where each stream stage and lambda costs.
        Map<String, Set<String>> listed = new HashMap<>();
        for (String code : codes) {
            Set<String> words = new HashSet<>();
            for (LanguageData.Line line : LanguageData.lines(KIND, code)) {
                words.addAll(Words.of(line.text()));
            }
            if (words.isEmpty()) {
                throw new IllegalArgumentException("language '" + code + "': " + LanguageData.path(KIND, code) + " lists no word");
            }
            listed.put(code, words);
        }
        List<Language> loaded = new ArrayList<>();
        for (String code : codes) {
            loaded.add(Language.of(code, listed.get(code), lettersOfOthers(code, listed)));
        }
        this.languages = List.copyOf(loaded);
    }

    /**
     * The language of {@code text} as its ISO 639 code ({@code "de"}, {@code "en"}), or empty when the
     * text is {@code null}, too short, has no signal or scores a tie. Only the first
     * {@value #MAX_READ_CHARS} characters are read.
     */
    public Optional<String> detect(String text) {
        Map<String, Double> scores = new HashMap<>();
        for (String word : Words.of(Words.prefix(text, MAX_READ_CHARS))) {
            if (Words.hasDigit(word)) {
                continue;
            }
            // Loops, not streams: the first message of a cold start pays for every lambda it meets.
            boolean listedSomewhere = false;
            for (Language language : languages) {
                listedSomewhere |= language.lists(word);
            }
            for (Language language : languages) {
                double points = listedSomewhere
                        ? (language.lists(word) ? LISTED_WORD : 0)
                        : (language.hasOwnLetter(word) || language.isTypoOfListed(word) ? WEAK_SIGNAL : 0);
                Double sum = scores.get(language.code());
                scores.put(language.code(), sum == null ? points : sum + points);
            }
        }
        return winner(scores);
    }

    private static Optional<String> winner(Map<String, Double> scores) {
        String best = null;
        double bestScore = 0;
        boolean tied = false;
        for (var entry : scores.entrySet()) {
            double score = entry.getValue();
            if (score > bestScore) {
                best = entry.getKey();
                bestScore = score;
                tied = false;
            } else if (score == bestScore) {
                tied = true;
            }
        }
        return best == null || tied || bestScore < MIN_SCORE ? Optional.empty() : Optional.of(best);
    }

    private static Set<Integer> lettersOfOthers(String code, Map<String, Set<String>> listed) {
        Set<Integer> letters = new HashSet<>();
        for (var entry : listed.entrySet()) {
            if (!entry.getKey().equals(code)) {
                for (String word : entry.getValue()) {
                    addLetters(word, letters);
                }
            }
        }
        return letters;
    }

    private static void addLetters(String word, Set<Integer> letters) {
        for (int i = 0; i < word.length(); ) {
            int letter = word.codePointAt(i);
            letters.add(letter);
            i += Character.charCount(letter);
        }
    }

    /** One loaded language: its listed words with their umlaut-free spellings, and its own letters. */
    private record Language(String code, Set<String> words, Map<Integer, List<String>> typoTargetsByLength, Set<Integer> ownLetters) {
        static Language of(String code, Set<String> listed, Set<Integer> lettersOfOthers) {
            Set<String> words = new HashSet<>();
            Map<Integer, List<String>> byLength = new HashMap<>();
            Set<Integer> own = new HashSet<>();
            for (String word : listed) {
                words.addAll(Words.spellings(word));
                if (word.length() >= MIN_TYPO_LENGTH) {
                    byLength.computeIfAbsent(word.length(), length -> new ArrayList<>()).add(word);
                }
                for (int i = 0; i < word.length(); ) {
                    int letter = word.codePointAt(i);
                    if (letter > 'z' && Character.isLetter(letter) && !lettersOfOthers.contains(letter)) {
                        own.add(letter);
                    }
                    i += Character.charCount(letter);
                }
            }
            byLength.replaceAll((length, targets) -> List.copyOf(targets));
            return new Language(code, Set.copyOf(words), Map.copyOf(byLength), Set.copyOf(own));
        }

        boolean lists(String word) {
            return words.contains(word);
        }

        boolean hasOwnLetter(String word) {
            for (int i = 0; i < word.length(); ) {
                int letter = word.codePointAt(i);
                if (ownLetters.contains(letter)) {
                    return true;
                }
                i += Character.charCount(letter);
            }
            return false;
        }

        boolean isTypoOfListed(String word) {
            if (word.length() < MIN_TYPO_LENGTH) {
                return false;
            }
            for (int length = word.length() - 1; length <= word.length() + 1; length++) {
                for (String listed : typoTargetsByLength.getOrDefault(length, List.of())) {
                    if (Words.oneTypoApart(word, listed)) {
                        return true;
                    }
                }
            }
            return false;
        }
    }
}
