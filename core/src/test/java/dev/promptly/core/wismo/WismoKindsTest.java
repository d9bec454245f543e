package dev.promptly.core.wismo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The ways of asking where an order is that the phrase books alone used to miss (issue 18), one or two
 * examples per kind, written for this test (none is from the corpus), and the near-misses beside them.
 */
class WismoKindsTest {
    private static final WismoDetector DETECTOR = new WismoDetector(List.of("de", "en"));

    private static WismoSignal read(String subject, String text) {
        return DETECTOR.detect(subject, text, OrderNameFormat.SHOPIFY_DEFAULT);
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', textBlock = """
            question without wo         | Hallo, wann werden die Sachen denn verschickt?
            question without wo         | Wann kann ich ungefähr mit dem Paket rechnen? Gruß Tom
            question without wo         | Moin, ist die Bestellung schon unterwegs?
            question without wo         | Wo bleibt es? Ich hab vor 12 Tagen bezahlt.
            state as a noun             | Stand?
            state as a noun             | Ich bitte um Auskunft über den Verbleib der Sendung.
            state as a noun             | Bitte um kurze Rückmeldung zum Liefertermin.
            implied by a complaint      | Das Paket ist seit 9 Tagen unterwegs, was ist da los?
            implied by a complaint      | Ich habe bis heute nichts bekommen, langsam nervt das.
            missing umlauts             | habe noch keine versandbestaetigung bekommen, passt alles?
            typo                        | Wo bliebt meine Bestellunng??
            informal with emoji         | heyy wann kommt mein zeug endlich 😩📦
            formal B2B                  | Sehr geehrte Damen und Herren, die mit Auftragsnummer 45012 bestellte Ware ist in unserem Lager noch nicht eingegangen. Wir bitten um Mitteilung des Liefertermins.
            question without where      | When are you shipping my stuff?
            question without where      | hey is it on its way yet?
            state as a noun             | ETA?
            state as a noun             | Could you confirm the expected delivery date please?
            implied by a complaint      | Tracking has not moved for a week now. What is going on?
            implied by a complaint      | Still haven't received anything, this is getting ridiculous.
            typo                        | wheres my pakage?? ordered 2 weeks ago
            formal B2B                  | Dear Sir or Madam, the goods ordered under our PO have not yet been received at our warehouse. Kindly advise the delivery date.
            """)
    void waysOfAskingWhereAnOrderIsAreWismo(String kind, String text) {
        var signal = read(null, text);

        assertEquals(Intent.WISMO, signal.intent(), kind + ": " + signal);
        assertTrue(signal.wismo(), kind + ": " + signal);
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', textBlock = """
            PRE_PURCHASE   | Wie lange dauert der Versand nach Österreich?
            PRE_PURCHASE   | How long does shipping to Canada usually take?
            RETURN         | Ich habe die Schuhe zurückgeschickt, sind sie schon bei euch angekommen?
            REFUND         | Wann bekomme ich mein Geld für die Retoure zurück?
            CANCELLATION   | Ist meine Bestellung schon raus? Sonst bitte stornieren.
            ADDRESS_CHANGE | Has it shipped yet? I need to change the delivery address.
            INVOICE        | Bitte schicken Sie mir die Rechnung zu meiner Bestellung.
            COMPLAINT      | The parcel arrived today but the vase inside is broken.
            OTHER          | Vielen Dank, das Paket ist heute gut angekommen!
            OTHER          | Thanks, the parcel arrived safely.
            """)
    void nearMissesAreNotWismo(Intent expected, String text) {
        var signal = read(null, text);

        assertEquals(expected, signal.intent(), signal.toString());
        assertFalse(signal.wismo(), signal.toString());
    }

    @Test
    void anOrderNumberOnlyInTheSubjectIsFoundAndTheQuestionStillRecognised() {
        // given a mail whose subject alone names the order
        var signal = read("Auftragsnr. 100234", "Guten Tag,\n\nwann ist mit der Lieferung zu rechnen?\n\nMit freundlichen Grüßen\nKlaus Berger\nTel. 0711 123456");

        // then it is WISMO with that order
        assertTrue(signal.wismo());
        assertEquals(List.of("100234"), signal.orderReferences());
    }

    @Test
    void theExplanationNamesWhatDroveTheDecision() {
        // when a WISMO question is read
        var signal = read(null, "Wo bleibt meine Bestellung?");

        // then its drivers name the phrase matched first and the message's own words after it
        assertEquals("wo bleibt ... @item", signal.drivers().get(0));
        assertTrue(signal.drivers().contains("bleibt"), signal.drivers().toString());
    }

    @Test
    void anUnrecognisedMessageHasNoDrivers() {
        var signal = read(null, null);

        assertEquals(List.of(), signal.drivers());
    }
}
