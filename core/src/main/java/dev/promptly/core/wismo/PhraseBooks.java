package dev.promptly.core.wismo;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The phrase books of every loaded language, merged: a customer's language is not always known (and
 * mail mixes languages: a German text under an English quote header), so every phrase is looked for in
 * every message.
 */
final class PhraseBooks {
    private final List<PhraseBook.IntentPhrase> intentPhrases = new ArrayList<>();
    private final List<Phrase> references = new ArrayList<>();
    private final List<Phrase> notReferences = new ArrayList<>();
    private final List<Phrase> units = new ArrayList<>();
    private final List<Phrase> tracking = new ArrayList<>();
    private final List<Phrase> closings = new ArrayList<>();
    private final List<Phrase> replyPrefixes = new ArrayList<>();
    private final List<Phrase> automaticSubjects = new ArrayList<>();
    private final List<Phrase> automaticTexts = new ArrayList<>();
    private final List<QuoteHeader> quoteHeaders = new ArrayList<>();
    private final List<Phrase> alternatives = new ArrayList<>();
    private final Vocabulary vocabulary;
    private final Map<String, List<PhraseBook.IntentPhrase>> byFirstWord = new HashMap<>();
    private final List<PhraseBook.IntentPhrase> openStarts = new ArrayList<>();
    /** Per first word, the open starts and that word's phrases: what most tokens (no typo) are tried with, built once. */
    private final Map<String, List<PhraseBook.IntentPhrase>> startingWith = new HashMap<>();

    /**
     * @param books the books to merge
     * @param languageWords the words of the language lists, known words that are never typos
     */
    PhraseBooks(List<PhraseBook> books, Set<String> languageWords) {
        Set<String> phraseWords = new HashSet<>();
        Set<String> fillers = new HashSet<>();
        for (PhraseBook book : books) {
            fillers.addAll(book.fillers());
            intentPhrases.addAll(book.intentPhrases());
            references.addAll(book.references());
            notReferences.addAll(book.notReferences());
            units.addAll(book.units());
            tracking.addAll(book.tracking());
            closings.addAll(book.closings());
            replyPrefixes.addAll(book.replyPrefixes());
            automaticSubjects.addAll(book.automaticSubjects());
            automaticTexts.addAll(book.automaticTexts());
            quoteHeaders.addAll(book.quoteHeaders());
            alternatives.addAll(book.alternatives());
            phraseWords.addAll(book.words());
        }
        Set<String> known = new HashSet<>(languageWords);
        known.addAll(phraseWords);
        this.vocabulary = new Vocabulary(known, phraseWords, fillers);
        for (PhraseBook.IntentPhrase phrase : intentPhrases) {
            Set<String> first = phrase.phrase().firstWords();
            if (first.isEmpty()) {
                openStarts.add(phrase);
            }
            first.forEach(word -> byFirstWord.computeIfAbsent(word, w -> new ArrayList<>()).add(phrase));
        }
        byFirstWord.forEach((word, phrases) -> {
            List<PhraseBook.IntentPhrase> all = new ArrayList<>(openStarts);
            all.addAll(phrases);
            startingWith.put(word, List.copyOf(all));
        });
    }

    /**
     * The intent phrases that may start at a token: those whose first word is the token's word or a word
     * it is a typo of, and those starting with a word start. Saves trying hundreds of phrases at every word.
     */
    Collection<PhraseBook.IntentPhrase> phrasesStartingAt(Token token) {
        if (token.nearWords().isEmpty()) {
            // Open starts have no first word, and a phrase is listed once per first word: no duplicates to drop.
            return startingWith.getOrDefault(token.word(), openStarts);
        }
        Set<PhraseBook.IntentPhrase> candidates = new LinkedHashSet<>(openStarts);
        candidates.addAll(byFirstWord.getOrDefault(token.word(), List.of()));
        for (String near : token.nearWords()) {
            candidates.addAll(byFirstWord.getOrDefault(near, List.of()));
        }
        return candidates;
    }

    Vocabulary vocabulary() {
        return vocabulary;
    }

    List<PhraseBook.IntentPhrase> intentPhrases() {
        return intentPhrases;
    }

    List<Phrase> references() {
        return references;
    }

    List<Phrase> notReferences() {
        return notReferences;
    }

    List<Phrase> units() {
        return units;
    }

    List<Phrase> tracking() {
        return tracking;
    }

    List<Phrase> closings() {
        return closings;
    }

    List<Phrase> replyPrefixes() {
        return replyPrefixes;
    }

    /** Every book's automatic-mail subjects: a German mail server answers in English as often as in German. */
    List<Phrase> automaticSubjects() {
        return automaticSubjects;
    }

    List<Phrase> automaticTexts() {
        return automaticTexts;
    }

    /**
     * Where in a sentence a fallback begins ("where is it, or I want my money back"): the position after
     * the first alternative word, or the sentence's length when there is none.
     */
    int fallbackStart(List<Token> tokens) {
        for (int start = 0; start < tokens.size(); start++) {
            for (Phrase alternative : alternatives) {
                int end = alternative.endOfMatch(tokens, start);
                if (end >= 0) {
                    return end;
                }
            }
        }
        return tokens.size();
    }

    boolean isQuoteHeader(String line) {
        String normalized = QuoteHeader.normalized(line);
        for (QuoteHeader header : quoteHeaders) {
            if (header.matchesNormalized(normalized)) {
                return true;
            }
        }
        return false;
    }
}
