package dev.promptly.core.wismo;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Checks a shop's own WISMO and negative phrases against the word classes of the shipped phrase books,
 * without building a {@link WismoDetector}. Configuration parsing, which every function runs, uses this and
 * not the detector, so a function that never detects intents does not reach {@link IntentModel} and its jar
 * need not carry the model (docs/performance.md); it does still read the phrase books' word classes, so
 * every jar keeps the phrase books.
 */
public final class ShopPhrases {
    /** The weight of each phrase a shop adds: one such phrase alone makes a message WISMO at the default threshold. */
    public static final double WEIGHT = 0.9;

    private ShopPhrases() {
    }

    /**
     * Every problem with a shop's phrases, so configuration validation reports them all and stays cheap: it
     * reads only the word classes of the shipped phrase books, and nothing at all when there are no phrases.
     *
     * @param extraPositivePhrases WISMO phrases by language code, as for {@link WismoDetector}'s constructor
     * @param extraNegativePhrases negative phrases by language code, as for {@link WismoDetector}'s constructor
     * @return one exception per malformed phrase, in order of language and position; empty when all are fine
     */
    public static List<InvalidPhraseException> problemsWith(Map<String, List<String>> extraPositivePhrases,
                                                            Map<String, List<String>> extraNegativePhrases) {
        List<InvalidPhraseException> problems = new ArrayList<>();
        Map<String, Map<String, Phrase.WordClass>> classes = new HashMap<>();
        for (boolean positive : new boolean[] {true, false}) {
            Map<String, List<String>> extra = positive ? extraPositivePhrases : extraNegativePhrases;
            for (var entry : new TreeMap<>(extra).entrySet()) {
                var known = classes.computeIfAbsent(entry.getKey(), PhraseBook::shippedClasses);
                for (int i = 0; i < entry.getValue().size(); i++) {
                    try {
                        PhraseBook.extra(entry.getValue().get(i), positive, WEIGHT, known);
                    } catch (IllegalArgumentException e) {
                        problems.add(new InvalidPhraseException(entry.getKey(), positive, i, e.getMessage()));
                    }
                }
            }
        }
        return problems;
    }
}
