package dev.promptly.core.wismo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import java.util.function.IntFunction;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A mail of any size costs detection the same bounded work: it counts the words the phrases are matched
 * against and the features the model reads (work, not time, so the test does not depend on the machine),
 * and finds them the same for a mail of 256 KiB and one of 4 MiB, of every shape a long mail takes.
 */
class LongMessageTest {
    private static final WismoDetector DETECTOR = new WismoDetector(Corpus.LANGUAGES);
    private static final PhraseBooks BOOKS = new PhraseBooks(List.of(PhraseBook.shipped("de"), PhraseBook.shipped("en")), Set.of());
    private static final int SMALL = 256 * 1024;
    private static final int LARGE = 4 * 1024 * 1024;

    /** A long mail of a given size in characters, by shape. */
    static Stream<Arguments> shapes() {
        return Stream.of(
                Arguments.of("one line of ever new words", (IntFunction<String>) size ->
                        "Where is my order #1001? " + newWords(size)),
                Arguments.of("many short lines", (IntFunction<String>) size ->
                        "Where is my order #1001?\n" + filled("still waiting\n", size)),
                Arguments.of("a long quote below the question", (IntFunction<String>) size ->
                        "Where is my order #1001?\n" + filled("> Your order has shipped, refunds take 5 days.\n", size)),
                Arguments.of("the question below a long quote", (IntFunction<String>) size ->
                        filled("> Your order has shipped, refunds take 5 days.\n", size) + "Where is my order #1001?"),
                Arguments.of("numbers and codes", (IntFunction<String>) size ->
                        "Where is my order #1001? " + filled("ABC12345X 1234 5678 +49 171 1234567 ", size)),
                Arguments.of("blank lines", (IntFunction<String>) size -> "Where is my order #1001?" + filled("\n", size)));
    }

    /** Words that never repeat ("qa qb … zz qaa …"), so that neither words nor features saturate by repetition. */
    private static String newWords(int size) {
        StringBuilder words = new StringBuilder(size + 16);
        for (int i = 0; words.length() < size; i++) {
            words.append('q');
            for (int n = i; n > 0; n /= 26) {
                words.append((char) ('a' + n % 26));
            }
            words.append(' ');
        }
        return words.toString();
    }

    private static String filled(String unit, int size) {
        return unit.repeat(Math.max(1, size / unit.length()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("shapes")
    void aSixteenTimesLongerMailCostsNoMoreWordsOrFeatures(String shape, IntFunction<String> mail) {
        // given the same mail at 256 KiB and at 4 MiB
        String small = mail.apply(SMALL);
        String large = mail.apply(LARGE);

        // when both are read
        int smallWords = MessageBody.of("Re: Order #1001", small, BOOKS).wordCount();
        int largeWords = MessageBody.of("Re: Order #1001", large, BOOKS).wordCount();
        int smallFeatures = DETECTOR.features("Re: Order #1001", small).size();
        int largeFeatures = DETECTOR.features("Re: Order #1001", large).size();

        // then the phrases see as many words and the model as many features, within the read limits, and the answer is the same
        assertEquals(smallWords, largeWords, shape + ": words matched");
        assertEquals(smallFeatures, largeFeatures, shape + ": features read");
        assertTrue(largeWords <= MessageBody.MAX_OWN_CHARS / 2 + 10, shape + ": " + largeWords + " words");
        assertTrue(largeFeatures <= 2 * IntentFeatures.MAX_WORDS * 8, shape + ": " + largeFeatures + " features");
        assertEquals(DETECTOR.detect("Re: Order #1001", small, OrderNameFormat.SHOPIFY_DEFAULT),
                DETECTOR.detect("Re: Order #1001", large, OrderNameFormat.SHOPIFY_DEFAULT), shape);
    }
}
