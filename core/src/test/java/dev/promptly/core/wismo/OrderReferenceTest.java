package dev.promptly.core.wismo;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Order numbers as customers give them in mail, and the numbers that must never be taken for one (issue 18). */
class OrderReferenceTest {
    private static final WismoDetector DETECTOR = new WismoDetector(List.of("de", "en"));
    private static final String QUESTION = "Wo bleibt meine Bestellung? ";

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            hash                        | Wo bleibt meine Bestellung #100234?
            hash with a space           | Wo bleibt meine Bestellung # 100234?
            Bestell-Nr.                 | Wo bleibt meine Bestellung? Bestell-Nr. 100234
            Bestellnr. with a colon     | Wo bleibt meine Bestellung? Bestellnr.: 100234
            Auftragsnr.                 | Wo bleibt meine Bestellung? Auftragsnr. 100234
            Auftragsnummer on its line  | Wo bleibt meine Bestellung?\\n\\nAuftragsnummer: 100234
            order no.                   | Where is my order? Order no. 100234
            order number is             | Where is my order? My order number is 100234.
            Auftragsnr. not WISMO       | Bitte stornieren Sie alles.\\n\\nAuftragsnr. 100234
            Bestellnr.: not WISMO       | Ich brauche eine Rechnung. Bestellnr.: 100234
            """)
    void anOrderNumberIsFoundInTheTextWithOrWithoutItsWord(String form, String text) {
        var signal = DETECTOR.detect(null, text.replace("\\n", "\n"), OrderNameFormat.SHOPIFY_DEFAULT);

        assertEquals(List.of("100234"), signal.orderReferences(), form);
    }

    @ParameterizedTest(name = "{2}")
    @CsvSource(delimiter = '|', textBlock = """
            ''    | ''    | Where is order 100234?
            ''    | ''    | Where is order #100234?
            DS-   | ''    | Wo bleibt DS-100234?
            DS-   | -X    | Wo bleibt DS-100234-X?
            ''    | -SHOP | Where is 100234-SHOP?
            """)
    void theShopsOrderNameFormatIsRecognised(String prefix, String suffix, String text) {
        var signal = DETECTOR.detect(null, text, new OrderNameFormat(prefix, suffix));

        assertEquals(List.of("100234"), signal.orderReferences(), text);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            phone number            | Rückruf bitte unter Tel. 0711 123456 oder +49 171 2345678.
            mobile in a signature   | \\n\\nViele Grüße\\nKlaus Berger\\nMobil: 0171 2345678
            postal code             | Lieferadresse: Hauptstraße 5, 80331 München.
            date                    | Bestellt am 12.03.2026 um 10:30.
            amount                  | Ich habe 149,90 € bezahlt, also 149 Euro.
            IBAN                    | IBAN: DE89 3704 0044 0532 0130 00
            customer number         | Meine Kundennummer ist 48213.
            customer no. abbreviated| Kd.-Nr. 300417
            customer number English | Customer number: 48213
            tracking number         | Sendungsnummer 00340434161094042557
            UPS tracking number     | Tracking: 1Z999AA10123456784
            """)
    void otherNumbersAreNeverTakenForAnOrderNumber(String what, String tail) {
        var signal = DETECTOR.detect(null, QUESTION + tail.replace("\\n", "\n"), OrderNameFormat.SHOPIFY_DEFAULT);

        assertEquals(List.of(), signal.orderReferences(), what + ": " + signal);
    }
}
