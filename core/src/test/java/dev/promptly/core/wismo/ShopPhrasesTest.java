package dev.promptly.core.wismo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Checking a shop's phrases for configuration, without a detector and its model. */
class ShopPhrasesTest {
    @Test
    void everyMalformedPhraseIsListed_inOrderOfLanguageAndPosition() {
        // given positive German phrases with an unknown word class and a malformed word, and English negatives naming WISMO
        var positive = Map.of("de", List.of("wo ist @ding", "wo ist mein paket", "wo*ist"));
        var negative = Map.of("en", List.of("refund: my money", "wismo: where"));

        // when they are checked
        var problems = ShopPhrases.problemsWith(positive, negative);

        // then each malformed one is named by language, list and position
        assertEquals(List.of("de true 0", "de true 2", "en false 1"),
                problems.stream().map(p -> p.language() + " " + p.positive() + " " + p.index()).toList());
        assertTrue(problems.get(2).reason().startsWith("unknown intent 'wismo'"), problems.get(2).reason());
    }

    @Test
    void aPhraseMayUseTheWordClassesOfTheShippedPhraseBook() {
        // given English phrases using the shipped book's @my and @item classes
        var positive = Map.of("en", List.of("where ... @my @item"));
        var negative = Map.of("en", List.of("return: send @my @item back"));

        // when they are checked
        var problems = ShopPhrases.problemsWith(positive, negative);

        // then they are fine: the classes were read from en.txt
        assertEquals(List.of(), problems);
    }

    @Test
    void aLanguageWithoutAShippedBookKnowsNoWordClasses() {
        // given a French phrase using @item, which only the shipped books define
        var positive = Map.of("fr", List.of("où est @item"));

        // when it is checked
        var problems = ShopPhrases.problemsWith(positive, Map.of());

        // then the class is unknown there
        assertEquals(1, problems.size());
        assertTrue(problems.get(0).reason().contains("@item"), problems.get(0).reason());
    }
}
