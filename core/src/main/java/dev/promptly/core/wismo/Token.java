package dev.promptly.core.wismo;

import java.util.Set;

/**
 * One word of customer text as the phrases see it: lower case with umlauts folded ({@code ü} as
 * {@code ue}), the phrase words it is one typo away from ({@code bestelung} → {@code bestellung}), and
 * whether it is a filler word that says nothing of what is asked ("denn", "endlich", "hallo").
 */
record Token(String word, Set<String> nearWords, boolean filler) {
    Token {
        nearWords = Set.copyOf(nearWords);
    }
}
