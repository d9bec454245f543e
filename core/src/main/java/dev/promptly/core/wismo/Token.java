package dev.promptly.core.wismo;

import java.util.Set;

/**
 * One word of customer text as the phrases see it: lower case with umlauts folded ({@code ü} as
 * {@code ue}), and the phrase words it is one typo away from ({@code bestelung} → {@code bestellung}).
 */
record Token(String word, Set<String> nearWords) {
    Token {
        nearWords = Set.copyOf(nearWords);
    }
}
