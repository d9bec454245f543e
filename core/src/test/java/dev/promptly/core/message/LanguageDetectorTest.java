package dev.promptly.core.message;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

/** German or English from the short texts customers really write. */
class LanguageDetectorTest {
    private static final LanguageDetector DETECTOR = new LanguageDetector(List.of("de", "en"));

    // German

    @Test
    void shortGermanQuestionWithOrderNumberIsGerman() {
        var language = DETECTOR.detect("Wo ist meine Bestellung #1001?");

        assertEquals(Optional.of("de"), language);
    }

    @Test
    void germanMessageIsGerman() {
        var text = """
                Sehr geehrte Damen und Herren,

                ich habe am 12.03. eine Jacke bestellt (Bestellnummer 1042), aber das Paket ist immer noch nicht angekommen.
                Können Sie mir bitte sagen, wann die Lieferung kommt?

                Mit freundlichen Grüßen
                Jana Becker""";

        var language = DETECTOR.detect(text);

        assertEquals(Optional.of("de"), language);
    }

    @Test
    void germanWithoutUmlautsIsGerman() {
        var text = "Hallo, ich habe vor zwei Wochen bestellt und das Paket ist immer noch nicht da. "
                + "Koennen Sie bitte nachsehen? Fur eine Antwort waere ich dankbar. Gruesse, Jan";

        var language = DETECTOR.detect(text);

        assertEquals(Optional.of("de"), language);
    }

    @Test
    void germanInCapitalsIsGerman() {
        var language = DETECTOR.detect("WO BLEIBT MEIN PAKET??? ICH WARTE SEIT 10 TAGEN!!!");

        assertEquals(Optional.of("de"), language);
    }

    @Test
    void germanWithTyposIsGerman() {
        var language = DETECTOR.detect("Bestelung nciht angekomen");

        assertEquals(Optional.of("de"), language);
    }

    @Test
    void germanWithEnglishLoanWordsIsGerman() {
        var text = "Hi, mein Tracking zeigt seit Tagen 'in transit' an, wo bleibt mein Paket? Thanks!";

        var language = DETECTOR.detect(text);

        assertEquals(Optional.of("de"), language);
    }

    @Test
    void swissGermanGreetingAndClosingAreGerman() {
        var language = DETECTOR.detect("Grüezi, wo ist das Paket? Freundliche Grüsse");

        assertEquals(Optional.of("de"), language);
    }

    @Test
    void umlautsTipAnOtherwiseUnlistedText() {
        var language = DETECTOR.detect("Kühlschrank, Türgriff, Glühbirne");

        assertEquals(Optional.of("de"), language);
    }

    // English

    @Test
    void shortEnglishQuestionIsEnglish() {
        var language = DETECTOR.detect("where is my order");

        assertEquals(Optional.of("en"), language);
    }

    @Test
    void englishMessageIsEnglish() {
        var text = """
                Dear team,

                I ordered a pair of boots last week (order #1001) and haven't received a shipping confirmation yet.
                Could you let me know when it will be sent?

                Kind regards,
                Sarah""";

        var language = DETECTOR.detect(text);

        assertEquals(Optional.of("en"), language);
    }

    @Test
    void englishWithAGermanNameAndStreetIsEnglish() {
        var text = "Hello, I ordered a gift for my mother, Frau Müller, Hauptstraße 12, 80331 München. "
                + "It has not arrived yet. Could you check order #1042, please?";

        var language = DETECTOR.detect(text);

        assertEquals(Optional.of("en"), language);
    }

    @Test
    void englishWithTyposAndAGermanLookingWordIsEnglish() {
        var language = DETECTOR.detect("Havent recieved my oder yet!!");

        assertEquals(Optional.of("en"), language);
    }

    @Test
    void typographicApostrophesAreReadLikeStraightOnes() {
        var language = DETECTOR.detect("I didn\u2019t get it");

        assertEquals(Optional.of("en"), language);
    }

    // Cannot tell

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", "   \n\t", "1001", "#1001 / 2024-05-01 / 80331", "?!...", "Danke!", "Hi", "Müller"})
    void tooLittleToTellGivesNoLanguage(String text) {
        var language = DETECTOR.detect(text);

        assertEquals(Optional.empty(), language);
    }

    @Test
    void equalSignalsGiveNoLanguage() {
        var language = DETECTOR.detect("Hallo, hello! Danke, thanks.");

        assertEquals(Optional.empty(), language);
    }

    @Test
    void unknownWordsGiveNoLanguage() {
        var language = DETECTOR.detect("Xylofon Quarkbrot Zebrastreifen");

        assertEquals(Optional.empty(), language);
    }

    // Loading

    @Test
    void aSingleLanguageIsDetectedOnItsOwn() {
        var englishOnly = new LanguageDetector(List.of("en"));

        var language = englishOnly.detect("where is my order");

        assertEquals(Optional.of("en"), language);
    }

    @Test
    void missingWordListIsNamed() {
        var thrown = assertThrows(IllegalArgumentException.class, () -> new LanguageDetector(List.of("de", "fr")));

        assertEquals("language 'fr': no data file dev/promptly/language/fr.txt on the classpath", thrown.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"DE", "de-DE", "d", "../de"})
    void malformedLanguageCodeIsRejected(String code) {
        var thrown = assertThrows(IllegalArgumentException.class, () -> new LanguageDetector(List.of(code)));

        assertEquals("languages: each must be a lower-case ISO 639 code such as de", thrown.getMessage());
    }

    @Test
    void repeatedOrNoLanguageIsRejected() {
        var repeated = assertThrows(IllegalArgumentException.class, () -> new LanguageDetector(List.of("de", "de")));
        var none = assertThrows(IllegalArgumentException.class, () -> new LanguageDetector(List.of()));

        assertEquals("languages: 'de' is listed twice", repeated.getMessage());
        assertEquals("languages: must name at least one language", none.getMessage());
    }

    @Test
    void germanAndEnglishListsShareNoSpelling() {
        var german = spellings("de");
        var english = spellings("en");

        var shared = new ArrayList<>(german);
        shared.retainAll(english);

        assertTrue(shared.isEmpty(), "a word on both lists counts for both and so tells nothing: " + shared);
    }

    private static Set<String> spellings(String code) {
        return LanguageData.lines("language", code).stream()
                .flatMap(line -> Words.of(line.text()).stream())
                .flatMap(word -> Words.spellings(word).stream())
                .collect(Collectors.toSet());
    }
}
