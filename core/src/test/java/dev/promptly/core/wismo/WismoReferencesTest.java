package dev.promptly.core.wismo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Which order and tracking numbers a customer message gives, and which numbers are something else. */
class WismoReferencesTest {
    private static final WismoDetector DETECTOR = new WismoDetector(List.of("de", "en"));

    private static WismoSignal read(String text) {
        return DETECTOR.detect(null, text, OrderNameFormat.SHOPIFY_DEFAULT);
    }

    // Order numbers

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            Wo bleibt meine Bestellung #1001?                                  | 1001
            Wo bleibt meine Bestellung # 1001?                                 | 1001
            Meine Bestellnummer 1001 ist noch nicht angekommen.                | 1001
            Bestell-Nr. 1001 ist noch nicht angekommen.                        | 1001
            Wir warten auf die Scharniere, Best.-Nr. 58812, wo sind die?        | 58812
            Bestellnr.:1001 ist noch nicht da                                  | 1001
            Der Auftrag 1001 ist noch nicht angekommen.                        | 1001
            Wie ist der Stand von Auftragsnummer 20456?                        | 20456
            Meine Bestellung mit der Nummer 1001 ist noch nicht angekommen.    | 1001
            Meine Bestellnummer lautet: 1001. Wo bleibt das Paket?             | 1001
            Where is order no. 1001?                                           | 1001
            Order number: 1001 - where is it?                                  | 1001
            My order number is 1001 and it has not arrived.                    | 1001
            Where is my order 1001? It still has not arrived.                  | 1001
            """)
    void announcedOrderNumbersAreFound(String text, String number) {
        var signal = read(text);

        assertEquals(List.of(number), signal.orderReferences());
    }

    @Test
    void theOneNumberInTheSubjectOfALongNewMailIsTheOrderNumber() {
        // given a long mail whose order number stands, without an order word, only in its subject
        String text = """
                Sehr geehrte Damen und Herren,

                vor zwei Wochen habe ich bei Ihnen einen Gartenschlauch und zwei Regner bestellt und gleich bezahlt.
                Bis heute ist nichts angekommen, und auf meine letzte Nachricht kam keine Antwort. Ich wohne in
                der Lindenstraße 12, der Paketbote kennt das Haus. Wann kann ich mit der Lieferung rechnen?

                Mit freundlichen Grüßen
                Paul Berger
                """;

        // when it is read with the number alone in the subject, or after another word there
        var alone = DETECTOR.detect("52044", text, OrderNameFormat.SHOPIFY_DEFAULT);
        var afterAWord = DETECTOR.detect("Lieferzeit 52044", text, OrderNameFormat.SHOPIFY_DEFAULT);
        // and when the subject is a reply's, which the shop wrote, or holds two numbers
        var reply = DETECTOR.detect("AW: 52044", text, OrderNameFormat.SHOPIFY_DEFAULT);
        var two = DETECTOR.detect("52044 und 52045", text, OrderNameFormat.SHOPIFY_DEFAULT);

        // then the subject's one number of a new mail is the order number; the others are not guessed
        assertTrue(alone.wismo());
        assertEquals(List.of("52044"), alone.orderReferences());
        assertEquals(List.of("52044"), afterAWord.orderReferences());
        assertEquals(List.of(), reply.orderReferences());
        assertEquals(List.of(), two.orderReferences());
    }

    @Test
    void everyOrderNumberIsFoundOnceInOrderOfAppearance() {
        var signal = DETECTOR.detect("Bestellung 1002", "Hallo, wo bleiben #1001 und #1003? Und #1002 natürlich auch.", OrderNameFormat.SHOPIFY_DEFAULT);

        assertEquals(List.of("1002", "1001", "1003"), signal.orderReferences());
    }

    @Test
    void theShopsOwnOrderNameFormatGivesTheNumberPart() {
        var format = new OrderNameFormat("DS-", "-X");

        var full = DETECTOR.detect(null, "Hallo, meine Bestellung DS-1001-X ist noch nicht da.", format);
        var lowerCase = DETECTOR.detect(null, "where is ds-1002-x?", format);
        var withoutSuffix = DETECTOR.detect(null, "where is DS-1003, it has not arrived", format);

        assertEquals(List.of("1001"), full.orderReferences());
        assertEquals(List.of("1002"), lowerCase.orderReferences());
        assertEquals(List.of("1003"), withoutSuffix.orderReferences());
        assertEquals("DS-1001-X", format.nameOf(full.orderReferences().get(0)));
    }

    @Test
    void aShopFormatDoesNotTakeNumbersThatMerelyEndLikeIt() {
        var format = new OrderNameFormat("DS-", "-X");

        var signal = DETECTOR.detect(null, "Wo bleibt meine Bestellung? Artikel ADS-1001-X7 in Größe 42.", format);

        assertEquals(List.of(), signal.orderReferences());
    }

    @Test
    void aBareNumberIsTakenFromAShortWismoMessage() {
        var german = read("Hallo, wo ist mein Paket? 1001");
        var english = read("where is my stuff?? 4711");

        assertEquals(List.of("1001"), german.orderReferences());
        assertEquals(List.of("4711"), english.orderReferences());
    }

    @Test
    void aBareNumberIsNotTakenFromALongMessage() {
        String text = """
                Hallo, ich habe vor zwei Wochen bei Ihnen eine Jacke und zwei Paar Socken bestellt, und bisher ist
                leider nichts angekommen. Können Sie bitte nachsehen, wo meine Bestellung bleibt? Ich bin ab
                Freitag für 14 Tage im Urlaub, deshalb wäre es schön, wenn sie vorher käme. 1001
                """;

        var signal = read(text);

        assertTrue(signal.wismo());
        assertEquals(List.of(), signal.orderReferences());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            cancellation          | Please cancel 40190                                       | 40190
            German cancellation   | Bitte stornieren Sie 1001.                                | 1001
            invoice               | Rechnung für 22390 bitte als PDF                          | 22390
            refund                | erstattung für 61502 noch nicht da                        | 61502
            address change        | Kann ich bei 27155 noch die Adresse ändern? Bin umgezogen | 27155
            return                | I want to return 50417, the shoes are too small           | 50417
            """)
    void aBareNumberIsTakenFromAShortRequestAboutAnOrderTheCustomerHas(String what, String text, String number) {
        var signal = read(text);

        assertEquals(List.of(number), signal.orderReferences(), what + ": " + signal);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            article number before buying | Habt ihr den Artikel 4711 auch in Größe L?
            anything else                | Mein Gutscheincode 4711 funktioniert nicht
            """)
    void aBareNumberIsNotTakenFromAMessageAboutNoOrder(String what, String text) {
        var signal = read(text);

        assertEquals(List.of(), signal.orderReferences(), what + ": " + signal);
    }

    @Test
    void theOneBareNumberInTheSubjectOfALongRefundRequestIsTheOrderNumber() {
        String text = """
                Guten Tag,

                Sie hatten mir eine Erstattung von 20 Prozent zugesagt, weil die Jacke einen kleinen Fleck hatte.
                Auf meinem Konto ist bis heute nichts angekommen. Wurde die Rückerstattung schon veranlasst?
                Vielen Dank im Voraus für Ihre Mühe.

                Mit freundlichen Grüßen
                Tim Kraft
                """;

        var signal = DETECTOR.detect("Rückerstattung 49962", text, OrderNameFormat.SHOPIFY_DEFAULT);

        assertEquals(Intent.REFUND, signal.intent());
        assertEquals(List.of("49962"), signal.orderReferences());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            postcode before a city        | Wo ist mein Paket? Lieferadresse: Hauptstraße 5, 10115 Berlin
            postcode after PLZ            | Wo ist mein Paket? PLZ 10115
            zip code                      | Where is my order? My zip code is 90210.
            price in euros                | Wo bleibt mein Paket? Ich habe 149 Euro bezahlt.
            price with a comma            | Wo bleibt mein Paket? Ich habe 49,99 € bezahlt.
            price in dollars              | Where is my order? I paid $159 for it.
            price with EUR before         | Where is my order? I paid EUR 159.
            phone with country code       | Wo bleibt mein Paket? Rufen Sie mich an: +49 171 1234567
            phone with area code          | Wo bleibt mein Paket? Tel. 030 1234567
            phone with dashes             | Where is my order? Call me at 555-123-4567
            phone in one piece            | Wo bleibt mein Paket? Meine Handynummer: 01711234567
            date                          | Wo bleibt mein Paket? Bestellt am 12.03.2026.
            ISO date                      | Where is my order? I ordered on 2026-03-12.
            year after order words        | Wo bleibt meine Bestellung vom März 2026?
            time                          | Wo bleibt mein Paket? Ich bin ab 10:30 zu Hause.
            customer number               | Wo bleibt mein Paket? Kundennummer 55123
            customer number in English    | Where is my order? My customer number is 55123.
            house number                  | Where is my parcel? I live at 1201 Main Street
            """)
    void numbersThatAreNoOrderNumbersAreNotTaken(String what, String text) {
        var signal = read(text);

        assertTrue(signal.wismo(), what);
        assertEquals(List.of(), signal.orderReferences(), what);
    }

    @Test
    void anOrderNumberIsTakenBesideNumbersThatAreSomethingElse() {
        String text = """
                Hallo, ich habe am 12.03.2026 die Bestellung 2291 aufgegeben und 49,99 € bezahlt.
                Ist die Ware schon verschickt?

                Viele Grüße
                Peter Müller
                Hauptstraße 5, 10115 Berlin
                Tel. 030 1234567
                """;

        var signal = read(text);

        assertTrue(signal.wismo());
        assertEquals(List.of("2291"), signal.orderReferences());
    }

    @Test
    void anOrderNumberInTheSignatureIsStillFound() {
        String text = """
                Hallo, wo bleibt mein Paket?

                Viele Grüße
                Anna Schmidt
                Bestellnummer 1001
                """;

        var signal = read(text);

        assertEquals(List.of("1001"), signal.orderReferences());
    }

    // Tracking numbers

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            DHL 20 digits by shape        | Meine Sendung 00340434161094042557 ist nicht angekommen.          | 00340434161094042557
            DHL JJD by shape              | Where is parcel JJD000390007827763456?                            | JJD000390007827763456
            UPS by shape                  | My parcel 1z999aa10123456784 has not arrived.                     | 1Z999AA10123456784
            postal S10 by shape           | Mein Päckchen RR123456789DE ist immer noch nicht da.              | RR123456789DE
            DPD 14 digits after DPD       | Laut DPD ist die Sendung 01234567890123 unterwegs, wo bleibt sie? | 01234567890123
            GLS after a tracking word     | Paketnummer 123456789012, wo bleibt mein Paket?                   | 123456789012
            Hermes code after Hermes      | Hermes Sendungsnummer H1001234567890123456 hängt fest.            | H1001234567890123456
            USPS in groups after USPS     | USPS tracking 9400 1118 9922 3344 5566 77 shows no update.        | 9400111899223344556677
            FedEx 12 digits               | FedEx tracking number: 123456789012. Where is my order?           | 123456789012
            """)
    void trackingNumbersAreFoundByShapeOrAfterATrackingWord(String what, String text, String tracking) {
        var signal = read(text);

        assertEquals(List.of(tracking), signal.trackingNumbers(), what);
        assertEquals(List.of(), signal.orderReferences(), what);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            long number without context   | Wo bleibt mein Paket? Referenz 12345678901234
            IBAN                           | Wo bleibt mein Geld? IBAN DE89 3704 0044 0532 0130 00
            phone after a carrier          | DHL hat mich angerufen: 0171 1234567
            our own ticket reference       | Re: [PR-7K3M9QX2AB] Wo bleibt mein Paket?
            """)
    void otherCodesAreNoTrackingNumbers(String what, String text) {
        var signal = read(text);

        assertEquals(List.of(), signal.trackingNumbers(), what);
    }

    @Test
    void aTrackingNumberMakesAVagueQuestionWismo() {
        var vague = read("Hallo, gibt es Neuigkeiten?");
        var withTracking = read("Hallo, gibt es Neuigkeiten? Sendungsnummer 00340434161094042557");

        assertFalse(vague.wismo());
        assertTrue(withTracking.wismo());
    }

    // Bounds: whatever a message's size, detection reads a bounded part of it

    @Test
    void onlyTheFirstTenThousandCharactersOfTheOwnTextAreRead() {
        String filler = "Ich warte noch. ".repeat(MessageBody.MAX_OWN_CHARS / 16 + 10);
        var signal = read("Wo bleibt meine Bestellung #1001?\n" + filler + "Und wo bleibt #1002?");

        assertTrue(signal.wismo());
        assertEquals(List.of("1001"), signal.orderReferences());
    }

    @Test
    void theReadLimitNeverCutsANumberShort() {
        String question = "Wo bleibt meine Bestellung?\n";
        // The limit falls right after "#1001" of "#1001234".
        String filler = "x".repeat(MessageBody.MAX_OWN_CHARS - question.length() - " #1001".length());
        var signal = read(question + filler + " #1001234 ist die Nummer");

        assertFalse(signal.orderReferences().contains("1001"), signal.orderReferences().toString());
    }

    @Test
    void quotedLinesDoNotUseUpTheReadLimitSoAnAnswerBelowThemIsRead() {
        String quoted = "> Ihre Bestellung ist unterwegs.\n".repeat(10_000);
        var signal = read(quoted + "Wo bleibt meine Bestellung #1001?");

        assertTrue(signal.wismo());
        assertEquals(List.of("1001"), signal.orderReferences());
    }

    @Test
    void aMegabyteOfCandidateCodesAfterTheQuestionStillGivesTheQuestionsReference() {
        String codes = "ABC12345X DEF67890Y 1234 5678 9012 ".repeat(30_000);
        var signal = read("Wo bleibt meine Bestellung #1001? Sendungsnummer " + codes);

        assertEquals(List.of("1001"), signal.orderReferences());
        assertTrue(signal.wismo());
    }

    @Test
    void aRunOfDotsIsOneSentenceEnd() {
        var signal = read("Wo bleibt meine Bestellung #1001" + ".".repeat(9_000) + " Danke");

        assertTrue(signal.wismo());
        assertEquals(List.of("1001"), signal.orderReferences());
    }

    // English business mail and addresses (issue 18): numbers around the order that are the customer's own

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            Where is our order 31875? Our purchase order 8841 is attached.         | 31875
            Purchase order 8841, your order 31875: where are the goods?            | 31875
            Where is my order 4471? PO number 4500019921.                          | 4471
            Where is my order 4471? Please deliver to PO Box 1172.                 | 4471
            Where is my order 4471? 22 Smith St, Fitzroy VIC 3065                  | 4471
            Where is my order 4471? 1450 Market Street, San Francisco, CA 94103    | 4471
            PO / order ref: 4471 - where is it?                                    | 4471
            """)
    void aBusinessesPurchaseOrderAPoBoxAndAPostcodeAfterAStateAreNoOrderNumbers(String text, String number) {
        var signal = read(text);

        assertEquals(List.of(number), signal.orderReferences(), text);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            Where is my order? Please deliver to PO Box 1172.
            Where is my order? 22 Smith St, Fitzroy VIC 3065
            Where is my order? Our PO number is 4500019921.
            """)
    void aShortQuestionWithOnlySuchNumbersGivesNoOrderNumber(String text) {
        var signal = read(text);

        assertTrue(signal.wismo(), text);
        assertEquals(List.of(), signal.orderReferences(), text);
    }
}
