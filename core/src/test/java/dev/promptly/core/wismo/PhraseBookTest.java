package dev.promptly.core.wismo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The phrase books' format: phrases, word classes, gaps, word starts, typos, quote headers. */
class PhraseBookTest {
    private static final Map<String, Phrase.WordClass> ITEM = Map.of("@item", Phrase.WordClass.union(List.of("order", "parcel", "paket")));
    private static final Vocabulary VOCABULARY = new Vocabulary(Set.of("where", "there", "is", "my", "order", "parcel", "paket", "oder"),
            Set.of("where", "order", "parcel", "paket", "bestellung"), Set.of("denn", "jetzt", "endlich", "actually"));

    private static boolean occurs(String phrase, String text) {
        return Phrase.parse(phrase, ITEM).occursIn(VOCABULARY.tokens(text));
    }

    @Test
    void theShippedBooksOfGermanAndEnglishLoad() {
        var german = PhraseBook.shipped("de");
        var english = PhraseBook.shipped("en");

        for (PhraseBook book : List.of(german, english)) {
            assertFalse(book.isEmpty());
            assertFalse(book.references().isEmpty());
            assertFalse(book.tracking().isEmpty());
            assertFalse(book.quoteHeaders().isEmpty());
            assertEquals(Intent.values().length, book.intentPhrases().stream().map(PhraseBook.IntentPhrase::intent).distinct().count(),
                    book.language() + " has phrases for every intent");
        }
    }

    @ParameterizedTest(name = "{0} in \"{1}\": {2}")
    @CsvSource(delimiter = '|', textBlock = """
            where is my order          | Where is my order?                      | true
            where is my order          | Where is my new order?                  | false
            where ... my ... @item     | where the hell is my damn parcel        | true
            where ... my ... @item     | where did you send the thing I paid for, my order | false
            where ... @item            | where is the paket                      | true
            sendung*                   | Sendungsverfolgung                      | true
            sendung*                   | Rücksendung                             | false
            rücksendung                | Ruecksendung                            | true
            rücksendung                | Rucksendung                             | true
            where is my order          | wehre is my oder                        | false
            where is my order          | whree is my ordr                        | true
            where is my @item          | where is my parcle                      | true
            bestellung                 | bestelung                               | true
            wann kommt ... @item       | wann kommt denn jetzt endlich mein paket       | true
            wann kommt ... @item       | wann kommt das bestellte große rote paket      | false
            where ... @item            | where is it actually, my parcel         | true
            where is my order          | where is actually my order              | false
            """)
    void phrasesMatchWholeWordsWithGapsWordStartsUmlautSpellingsAndTypos(String phrase, String text, boolean expected) {
        assertEquals(expected, occurs(phrase, text));
    }

    @Test
    void aKnownWordIsNeverTakenForATypoOfAnother() {
        assertFalse(occurs("where is my order", "there is my order"));
        assertFalse(occurs("order", "oder"));
    }

    @Test
    void aMisspeltIntentIsNamedWithFileAndLine() {
        var e = assertThrows(IllegalArgumentException.class, () -> PhraseBook.shipped("xa"));

        assertEquals("dev/promptly/wismo/xa.txt line 4: unknown intent 'wismos' (known: wismo, return, refund, cancellation,"
                + " address_change, invoice, pre_purchase, complaint, other)", e.getMessage());
    }

    @Test
    void aWeightAboveOneIsRefused() {
        var e = assertThrows(IllegalArgumentException.class, () -> PhraseBook.shipped("xb"));

        assertEquals("dev/promptly/wismo/xb.txt line 2: weight '1.5' must be a number above 0 and at most 1", e.getMessage());
    }

    @Test
    void aWordClassMustBeDefinedBeforeItIsUsed() {
        var e = assertThrows(IllegalArgumentException.class, () -> PhraseBook.shipped("xc"));

        assertEquals("dev/promptly/wismo/xc.txt line 2: unknown word class @item", e.getMessage());
    }

    @Test
    void aLineThatIsNoEntryIsExplained() {
        var e = assertThrows(IllegalArgumentException.class, () -> PhraseBook.shipped("xd"));

        assertTrue(e.getMessage().startsWith("dev/promptly/wismo/xd.txt line 2: expected '<intent> <weight>: <phrase>, ...'"), e.getMessage());
    }

    @ParameterizedTest(name = "{0} / {1}: {2}")
    @CsvSource(delimiter = '|', textBlock = """
            on ... wrote:                      | On Tue, 3 Mar 2026 at 10:12, Anna <anna@example.com> wrote:   | true
            on ... wrote:                      | On Monday I wrote: where is it?                                | false
            on ... wrote:                      | On  Tue,\t3 Mar 2026 \u2003 Anna   wrote:                      | true
            am ... schrieb ...:                | Am 03.03.2026 um 10:12 schrieb Anna Müller <anna@example.com>: | true
            am ... schrieb ...:                | Am Montag schrieb ich Ihnen bereits                            | false
            -----ursprüngliche nachricht-----  | -----Ursprüngliche Nachricht-----                              | true
            -----ursprüngliche nachricht-----  | -----Urspruengliche Nachricht-----                             | true
            von: ... gesendet: ...             | Von: Demo Shop <support@demo-shop.example> Gesendet: Montag    | true
            """)
    void quoteHeadersMatchWholeLinesWithAnythingForTheDots(String pattern, String line, boolean expected) {
        assertEquals(expected, QuoteHeader.parse(pattern).matches(line));
    }
}
