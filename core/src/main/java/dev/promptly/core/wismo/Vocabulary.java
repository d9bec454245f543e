package dev.promptly.core.wismo;

import dev.promptly.core.message.Words;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The words the detector knows, to tell a typo from a word: a text word that is one typo (a letter
 * missing, extra or wrong, or two neighbours swapped) away from a phrase word counts as that word,
 * unless the text word is itself a known word. Known are every phrase word and every word of the
 * language lists ({@code dev/promptly/language/<code>.txt}), so "oder" never passes for "order" and
 * "there" never for "where", while "bestelung", "shipemnts" and "statsu" are read as meant.
 *
 * <p>Only phrase words of {@value #MIN_TYPO_TARGET} letters or more take typos (short words are too
 * close to each other), and only text words of {@value #MIN_TYPO_WORD} letters or more are read as typos.
 * Words are compared lower case with umlauts folded ({@link Words#foldUmlauts}).
 */
final class Vocabulary {
    static final int MIN_TYPO_TARGET = 5;
    static final int MIN_TYPO_WORD = 4;

    private final Set<String> known;
    private final Map<Integer, List<String>> typoTargetsByLength;
    private final Set<String> fillers;

    /** @param fillers words that say nothing of what is asked (the phrase books' {@code filler:}): tokens marked {@link Token#filler()} */
    Vocabulary(Set<String> knownWords, Set<String> typoTargets, Set<String> fillers) {
        this.known = Set.copyOf(knownWords);
        this.fillers = Set.copyOf(fillers);
        Map<Integer, List<String>> byLength = new HashMap<>();
        for (String target : typoTargets) {
            if (target.length() >= MIN_TYPO_TARGET) {
                byLength.computeIfAbsent(target.length(), length -> new ArrayList<>()).add(target);
            }
        }
        byLength.replaceAll((length, words) -> List.copyOf(words));
        this.typoTargetsByLength = Map.copyOf(byLength);
    }

    /** The token for a lower-case word as {@link Words#of} cuts it. */
    Token token(String word) {
        String folded = Words.foldUmlauts(word);
        if (folded.length() < MIN_TYPO_WORD || known.contains(folded) || Words.hasDigit(folded)) {
            return new Token(folded, Set.of(), fillers.contains(folded));
        }
        Set<String> near = new HashSet<>();
        for (int length = folded.length() - 1; length <= folded.length() + 1; length++) {
            for (String target : typoTargetsByLength.getOrDefault(length, List.of())) {
                if (Words.oneTypoApart(folded, target)) {
                    near.add(target);
                }
            }
        }
        return new Token(folded, near, fillers.contains(folded));
    }

    /** The tokens of a text, in order. */
    List<Token> tokens(String text) {
        Map<String, Token> seen = new HashMap<>();
        List<Token> tokens = new ArrayList<>();
        for (String word : Words.of(text)) {
            Token token = seen.get(word);
            if (token == null) {
                token = token(word);
                seen.put(word, token);
            }
            tokens.add(token);
        }
        return Collections.unmodifiableList(tokens);
    }
}
