package dev.promptly.config;

import dev.promptly.core.wismo.OrderNameFormat;
import dev.promptly.core.wismo.WismoDetector;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * How a shop answers "where is my order?" (the {@code wismo} block of its configuration).
 *
 * @param orderName how the shop names its orders ({@code #1001} unless it changed Shopify's order ID format),
 *     so customers' order names are recognised
 * @param extraPhrases the shop's own WISMO phrases by language code, added to the shipped phrase books
 * @param negativePhrases the shop's own phrases that mark a message as not WISMO, by language code; a phrase
 *     may name its intent before a colon ({@code "refund: rückzahlung*"})
 * @param threshold the detection confidence from which a message gets the WISMO answer, above 0 and at most 1
 * @param keepOpenAfterAnswer whether the conversation stays open for a person after an automatic WISMO
 *     answer; by default it waits on the customer, whose reply reopens it
 */
public record WismoSettings(OrderNameFormat orderName, Map<String, List<String>> extraPhrases,
                            Map<String, List<String>> negativePhrases, double threshold, boolean keepOpenAfterAnswer) {
    /** What a shop without a {@code wismo} block gets. */
    public static final WismoSettings DEFAULT = new WismoSettings(OrderNameFormat.SHOPIFY_DEFAULT, Map.of(), Map.of(),
            WismoDetector.DEFAULT_THRESHOLD, false);

    public WismoSettings {
        Objects.requireNonNull(orderName, "orderName");
        extraPhrases = copy(extraPhrases, "extraPhrases");
        negativePhrases = copy(negativePhrases, "negativePhrases");
        if (!(threshold > 0 && threshold <= 1)) {
            throw new IllegalArgumentException("threshold: must be above 0 and at most 1");
        }
    }

    /** Immutable, in the configured order of languages. */
    private static Map<String, List<String>> copy(Map<String, List<String>> phrases, String name) {
        Objects.requireNonNull(phrases, name);
        var copy = new LinkedHashMap<String, List<String>>();
        phrases.forEach((language, list) -> copy.put(Objects.requireNonNull(language, name), List.copyOf(list)));
        return Collections.unmodifiableMap(copy);
    }
}
