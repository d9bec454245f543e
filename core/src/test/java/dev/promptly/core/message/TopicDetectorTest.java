package dev.promptly.core.message;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

/** Which help links fit a customer message: shipping, returns, payment. */
class TopicDetectorTest {
    private static final TopicDetector DETECTOR = new TopicDetector(List.of("de", "en"));

    private static Set<Topic> inText(String text) {
        return DETECTOR.detect(null, text);
    }

    // Shipping

    @ParameterizedTest
    @ValueSource(strings = {"Wo bleibt mein Paket?", "Die Lieferung ist noch nicht da.", "Wie hoch sind die Versandkosten nach Österreich?",
            "Meine Sendungsnummer funktioniert nicht", "Das Päckchen ist nicht angekommen", "Where is my order?",
            "My parcel hasn't arrived yet", "Can you send me the tracking number?", "Do you ship to Switzerland?"})
    void shippingQuestionsAreShipping(String text) {
        var topics = inText(text);

        assertEquals(Set.of(Topic.SHIPPING), topics);
    }

    @Test
    void sendungInsideAnotherWordIsNotShipping() {
        var topics = inText("Die Fernsehsendung gestern war toll, danke für den Tipp!");

        assertEquals(Set.of(), topics);
    }

    @Test
    void wordsThatOnlyStartLikeShippingWordsAreNotShipping() {
        var topics = inText("My trackpad is great, what a relationship!");

        assertEquals(Set.of(), topics);
    }

    // Returns

    @ParameterizedTest
    @ValueSource(strings = {"Rücksendung", "Ruecksendung", "Rucksendung", "RÜCKSENDUNG", "Wo finde ich das Rücksendeetikett?",
            "Ich möchte die Schuhe zurückschicken", "Kann ich die Jacke umtauschen?", "I want to return the shoes",
            "How do I send it back?", "Can I exchange it for a larger size?"})
    void returnRequestsAreReturns(String text) {
        var topics = inText(text);

        assertEquals(Set.of(Topic.RETURNS), topics);
    }

    // Payment

    @ParameterizedTest
    @ValueSource(strings = {"Rechnung", "Bitte schicken Sie mir die Rechnung", "invoice", "Can I get an invoice?", "PayPal", "Klarna",
            "Zahlung mit Klarna nicht möglich", "I was charged twice", "Ich wurde doppelt belastet", "Kann ich per Überweisung bezahlen?",
            "Kann ich per Ueberweisung bezahlen?", "paypal"})
    void paymentQuestionsArePayment(String text) {
        var topics = inText(text);

        assertEquals(Set.of(Topic.PAYMENT), topics);
    }

    // Refunds

    @ParameterizedTest
    @ValueSource(strings = {"refund", "When will I get my refund?", "Wann bekomme ich die Rückerstattung?", "Ich will mein Geld zurück"})
    void refundsAreReturnsAndPayment(String text) {
        var topics = inText(text);

        assertEquals(Set.of(Topic.RETURNS, Topic.PAYMENT), topics);
    }

    // Several, none, subject

    @Test
    void messageAboutSeveralThingsHasSeveralTopics() {
        var topics = inText("Ich habe mit PayPal bezahlt, aber das Paket ist nicht angekommen. Kann ich es sonst zurückschicken?");

        assertEquals(Set.of(Topic.SHIPPING, Topic.RETURNS, Topic.PAYMENT), topics);
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"  ", "Gibt es die Jacke auch in Blau?", "Is this jacket available in blue?", "Danke!", "#1001"})
    void messageWithoutTopicHasNone(String text) {
        var topics = inText(text);

        assertEquals(Set.of(), topics);
    }

    @Test
    void subjectAloneCanNameTheTopic() {
        var topics = DETECTOR.detect("Rechnung fehlt", "Hallo, können Sie mir helfen? Danke!");

        assertEquals(Set.of(Topic.PAYMENT), topics);
    }

    @Test
    void phraseDoesNotSpanSubjectAndText() {
        var topics = DETECTOR.detect("Frage: wo", "bleibt eigentlich die neue Kollektion?");

        assertEquals(Set.of(), topics);
    }

    @Test
    void topicsComeInDeclarationOrder() {
        var topics = inText("refund, tracking");

        assertEquals(List.of(Topic.SHIPPING, Topic.RETURNS, Topic.PAYMENT), List.copyOf(topics));
    }

    @Test
    void topicKeysAreLowerCaseWords() {
        var keys = Arrays.stream(Topic.values()).map(Topic::key).toList();

        assertEquals(List.of("shipping", "returns", "payment"), keys);
    }

    // Loading

    @Test
    void oneLanguageLoadsOnlyItsPhrases() {
        var englishOnly = new TopicDetector(List.of("en"));

        var topics = englishOnly.detect(null, "Wo bleibt meine Rücksendung?");

        assertEquals(Set.of(), topics);
    }

    @Test
    void missingPhraseFileIsNamed() {
        var thrown = assertThrows(IllegalArgumentException.class, () -> new TopicDetector(List.of("de", "fr")));

        assertEquals("language 'fr': no data file dev/promptly/topics/fr.txt on the classpath", thrown.getMessage());
    }

    @Test
    void unknownTopicIsNamedWithItsLine() {
        var thrown = assertThrows(IllegalArgumentException.class, () -> new TopicDetector(List.of("xa")));

        assertEquals("dev/promptly/topics/xa.txt line 4: unknown topic 'shiping' (known: shipping, returns, payment)", thrown.getMessage());
    }

    @Test
    void ruleWithoutColonIsNamedWithItsLine() {
        var thrown = assertThrows(IllegalArgumentException.class, () -> new TopicDetector(List.of("xb")));

        assertEquals("dev/promptly/topics/xb.txt line 2: expected '<topic>: <phrase>, <phrase>, ...'", thrown.getMessage());
    }

    @Test
    void fileWithoutPhrasesIsRejected() {
        var thrown = assertThrows(IllegalArgumentException.class, () -> new TopicDetector(List.of("xc")));

        assertEquals("language 'xc': dev/promptly/topics/xc.txt lists no phrase", thrown.getMessage());
    }

    @Test
    void starInsideAPhraseIsRejected() {
        var thrown = assertThrows(IllegalArgumentException.class, () -> new TopicDetector(List.of("xd")));

        assertEquals("dev/promptly/topics/xd.txt line 2: '*' may only end a phrase", thrown.getMessage());
    }
}
