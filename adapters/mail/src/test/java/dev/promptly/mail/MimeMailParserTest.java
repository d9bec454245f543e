package dev.promptly.mail;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.promptly.app.inbound.ParsedMail;
import dev.promptly.core.error.InvalidInputException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Each fixture in {@code src/test/resources/mime} is a realistic mail as SES stores it (CRLF line ends). */
class MimeMailParserTest {
    private final MimeMailParser parser = new MimeMailParser();

    private ParsedMail parseFixture(String name) throws IOException {
        try (InputStream in = MimeMailParserTest.class.getResourceAsStream("/mime/" + name)) {
            if (in == null) {
                throw new IllegalStateException("missing fixture " + name);
            }
            return parser.parse(in.readAllBytes());
        }
    }

    private static byte[] crlf(String message, Charset charset) {
        return message.replace("\n", "\r\n").getBytes(charset);
    }

    @Test
    void plainUtf8MailKeepsItsUmlautsAndLineBreaks() throws IOException {
        var mail = parseFixture("plain-utf8.eml");

        assertEquals("Wo bleibt meine Bestellung #1042?", mail.subject());
        assertEquals("""
                Hallo liebes Support-Team,

                ich habe am Freitag die Bestellung #1042 aufgegeben (die Jacke „Föhn“ in Größe L).
                Leider ist bis heute nichts angekommen. Könnt ihr mir sagen, wann das Paket
                kommt? Die Adresse ist Müllerstraße 12, 80331 München.

                Viele Grüße
                Anna Müller
                """, mail.text());
        assertFalse(mail.htmlOnly());
        assertNull(mail.html());
        assertEquals("text/plain", mail.contentType());
        assertFalse(mail.deliveryReport());
        assertEquals(List.of(), mail.attachments());
    }

    @Test
    void plainUtf8MailNamesItsSenderRecipientIdAndDate() throws IOException {
        var mail = parseFixture("plain-utf8.eml");

        assertEquals("Anna Mueller", mail.fromName());
        assertEquals("anna.mueller@example.de", mail.fromAddress());
        assertEquals(List.of("support@demo-shop.example"), mail.to());
        assertEquals("20251103101512.4711@mail.example.de", mail.messageId());
        assertEquals(Instant.parse("2025-11-03T09:15:12Z"), mail.date());
        assertNull(mail.inReplyTo());
        assertEquals(List.of(), mail.references());
    }

    @Test
    void headersKeepEveryFieldInOrderUnfoldedUnderLowerCaseNames() throws IOException {
        var mail = parseFixture("plain-utf8.eml");

        assertEquals(List.of("return-path", "received", "x-ses-spam-verdict", "x-ses-virus-verdict", "message-id",
                "date", "from", "to", "subject", "mime-version", "content-type", "content-transfer-encoding"),
                List.copyOf(mail.headers().keySet()));
        assertEquals(List.of(
                "from mail.example.de (mail.example.de [192.0.2.10]) by inbound-smtp.eu-west-1.amazonaws.com with"
                        + " SMTP id 7q1v2m8kf3 for support@demo-shop.example; Mon, 03 Nov 2025 09:15:14 +0000 (UTC)",
                "from [10.0.0.23] by mail.example.de; Mon, 3 Nov 2025 10:15:12 +0100"),
                mail.headers().get("received"));
        assertEquals(Optional.of("PASS"), mail.header("X-SES-Spam-Verdict"));
        assertEquals(Optional.empty(), mail.header("Auto-Submitted"));
        assertThrows(UnsupportedOperationException.class, () -> mail.headers().put("x", List.of()));
        assertThrows(UnsupportedOperationException.class, () -> mail.headers().get("received").add("x"));
    }

    @Test
    void alternativeMailTakesThePlainPartWithSoftLineBreaksJoined() throws IOException {
        var mail = parseFixture("alternative-qp.eml");

        assertEquals("Rücksendung Bestellung #1043", mail.subject());
        assertEquals("""
                Guten Tag,

                ich möchte die Schuhe aus Bestellung #1043 zurückschicken, sie sind mir leider zu groß. \
                Bitte schicken Sie mir ein Rücksendeetikett.

                Mit freundlichen Grüßen
                Jonas Becker
                """, mail.text());
        assertFalse(mail.htmlOnly());
        assertTrue(mail.html().startsWith("<div dir=\"ltr\"><div>Guten Tag,</div>"), mail.html());
        assertTrue(mail.html().contains("zur&uuml;ckschicken"), mail.html());
        assertEquals("multipart/alternative", mail.contentType());
    }

    @Test
    void alternativeMailListsToAndCcRecipientsLowerCased() throws IOException {
        var mail = parseFixture("alternative-qp.eml");

        assertEquals("Jonas Becker", mail.fromName());
        assertEquals("jonas.becker@example.com", mail.fromAddress());
        assertEquals(List.of("support@demo-shop.example", "lisa.becker@example.com"), mail.to());
        assertEquals("CAF3x9Qm+1043rueck@mail.example.com", mail.messageId());
    }

    @Test
    void bccKeptOnASendersCopyCountsAmongTheRecipients() {
        byte[] raw = crlf("""
                From: Demo Shop <support@demo-shop.example>
                To: Demo Shop <support@demo-shop.example>
                Cc: lager@demo-shop.example
                Bcc: Anna Beispiel <Anna.Beispiel@example.com>
                Subject: Re: Rechnung fehlt

                Hallo Anna
                """, StandardCharsets.UTF_8);

        var mail = parser.parse(raw);

        assertEquals(List.of("support@demo-shop.example", "lager@demo-shop.example", "anna.beispiel@example.com"), mail.to());
    }

    @Test
    void journalReportIsReadAsTheMessageItCarriesWithItsEnvelopeRecipients() throws IOException {
        // Given a Microsoft 365 journal report of a team member's reply, the customer only a Bcc recipient

        var mail = parseFixture("journal-report.eml");

        // Then the mail is the journaled original: its sender, ids, threading, subject and text
        assertEquals("lisa.team@demo-shop.example", mail.fromAddress());
        assertEquals("Lisa Team", mail.fromName());
        assertEquals("AM7PR03MB65431F2C0A9E@AM7PR03MB6543.eurprd03.prod.outlook.com", mail.messageId());
        assertEquals("CAF3x9Qm+1043rueck@mail.example.com", mail.inReplyTo());
        assertEquals("Re: Rücksendung Bestellung #1043", mail.subject());
        assertEquals("Hallo Herr Becker,\n\ndas Rücksendeetikett ist unterwegs.\n\nViele Grüße\nLisa\n", mail.text());
        assertTrue(mail.attachments().isEmpty(), mail.attachments().toString());
        assertFalse(mail.headers().containsKey("x-ms-journal-report"), "the original's headers, not the report's");
        // and its recipients are its headers' and then the envelope's, Bcc and forwarding sources included
        assertEquals(List.of("support@demo-shop.example", "jonas.becker@example.com", "replies@help.demo-shop.example",
                "journal@demo-shop.example"), mail.to());
        var journal = mail.journalReport().orElseThrow();
        assertEquals("microsoftexchange329e71ec88ae4615bbc36ab6ce41109e@demo-shop.example", journal.reportFrom());
        assertEquals("lisa.team@demo-shop.example", journal.sender());
    }

    @Test
    void mailWithTheJournalHeaderButNoAttachedMessageIsReadAsItself() {
        byte[] raw = crlf("""
                From: Someone <someone@example.com>
                To: support@demo-shop.example
                X-MS-Journal-Report:
                Subject: Frage

                Sender: boss@demo-shop.example
                To: anna@example.com
                """, StandardCharsets.UTF_8);

        var mail = parser.parse(raw);

        assertEquals("someone@example.com", mail.fromAddress());
        assertEquals(List.of("support@demo-shop.example"), mail.to());
        assertTrue(mail.journalReport().isEmpty());
    }

    @Test
    void ordinaryMailHasNoJournalReport() throws IOException {
        assertTrue(parseFixture("alternative-qp.eml").journalReport().isEmpty());
    }

    @Test
    void htmlOnlyMailIsTurnedIntoTextWithParagraphsLineBreaksAndLinks() throws IOException {
        var mail = parseFixture("html-only-base64.eml");

        assertEquals("""
                Hallo,

                statt der blauen Tasse kam eine grüne an.
                Bestellnummer: #1044

                Hier ist ein Foto: Foto ansehen (https://photos.example.org/s/abc123)

                Danke & Grüße
                Sophie""", mail.text());
        assertTrue(mail.htmlOnly());
        assertTrue(mail.html().contains("gr&uuml;ne an.<br>Bestellnummer"), mail.html());
        assertEquals("text/html", mail.contentType());
    }

    @Test
    void htmlOnlyMailDecodesTheEncodedDisplayName() throws IOException {
        var mail = parseFixture("html-only-base64.eml");

        assertEquals("Sophie Schröder", mail.fromName());
        assertEquals("sophie.schroeder@example.org", mail.fromAddress());
        assertEquals("Falsche Farbe geliefert", mail.subject());
        assertEquals(Instant.parse("2025-11-05T18:39:58Z"), mail.date());
    }

    @Test
    void attachmentIsNotedWithItsDecodedNameAndSizeButKeptOutOfTheText() throws IOException {
        var mail = parseFixture("mixed-attachment.eml");

        assertEquals(List.of(new ParsedMail.Attachment("Rechnung Müller 1045.pdf", "application/pdf", 142)),
                mail.attachments());
        assertEquals("""
                Hallo,

                anbei die Rechnung zu Bestellung #1045. Der Betrag wurde doppelt abgebucht.
                Bitte erstatten Sie mir 49,90 €.

                Gruß
                Thomas Müller
                """, mail.text());
        assertFalse(mail.text().contains("PDF"));
        assertFalse(mail.htmlOnly());
        assertTrue(mail.html().contains("49,90&nbsp;&euro;"), mail.html());
        assertEquals("multipart/mixed", mail.contentType());
    }

    @Test
    void latin1MailIsReadInItsDeclaredCharset() throws IOException {
        var mail = parseFixture("latin1.eml");

        assertEquals("Lieferung nach Österreich", mail.subject());
        assertEquals("Jürgen Weiß", mail.fromName());
        assertEquals("""
                Grüß Gott,

                liefert ihr auch nach Österreich? Ich würde die Küchenwaage aus Bestellung #1046 gern direkt \
                an meine Tochter in Graz schicken lassen.

                MfG
                Jürgen Weiß
                """, mail.text());
        assertEquals("000601dc4fd2$1a2b3c40$4d5e6f70@example.at", mail.messageId());
        assertEquals(Optional.of("Microsoft Outlook 16.0"), mail.header("x-mailer"));
    }

    @Test
    void subjectSplitOverTwoFoldedEncodedWordsIsJoined() throws IOException {
        var mail = parseFixture("encoded-subject-b.eml");

        assertEquals("Re: Ihre Bestellung #1047 – Lieferverzögerung für Größe M", mail.subject());
        assertEquals(Optional.of("Re: Ihre Bestellung #1047 – Lieferverzögerung für Größe M"), mail.header("Subject"));
        assertEquals("Élodie Lefèvre", mail.fromName());
        assertEquals("elodie.lefevre@example.fr", mail.fromAddress());
    }

    @Test
    void replyKeepsItsThreadIdsWithoutAngleBrackets() throws IOException {
        var mail = parseFixture("encoded-subject-b.eml");

        assertEquals("5b7e2c1d-aa90-4f3e-8c11-1047reply@example.fr", mail.messageId());
        assertEquals("reply-1047.a1b2c3@demo-shop.example", mail.inReplyTo());
        assertEquals(List.of("order-1047.confirm@demo-shop.example", "reply-1047.a1b2c3@demo-shop.example"),
                mail.references());
        assertEquals("""
                Kein Problem, ich warte gern bis zum 20. November.

                Élodie

                > Leider verzögert sich die Lieferung der Größe M um etwa zehn Tage.
                """, mail.text());
    }

    @Test
    void bounceIsADeliveryReportReadFromItsHumanPart() throws IOException {
        var mail = parseFixture("delivery-report.eml");

        assertTrue(mail.deliveryReport());
        assertEquals("multipart/report", mail.contentType());
        assertEquals("""
                An error occurred while trying to deliver the mail to the following recipients:
                kunde-1049@example.net
                """, mail.text());
        assertEquals(List.of(), mail.attachments());
        assertEquals("mailer-daemon@amazonses.com", mail.fromAddress());
        assertNull(mail.fromName());
    }

    @Test
    void autoReplyKeepsItsAutomationHeaders() throws IOException {
        var mail = parseFixture("auto-reply.eml");

        assertEquals(List.of("auto-replied"), mail.headers().get("auto-submitted"));
        assertEquals(Optional.of("All"), mail.header("X-Auto-Response-Suppress"));
        assertEquals(Optional.of("auto_reply"), mail.header("precedence"));
        assertFalse(mail.deliveryReport());
        assertEquals("Automatic reply: Your order #1048 has shipped", mail.subject());
        assertEquals("shipping-1048@demo-shop.example", mail.inReplyTo());
        assertEquals("mark.taylor@example.co.uk", mail.fromAddress());
        assertEquals("""
                Thank you for your message. I am out of the office until Monday 17 November
                with limited access to e-mail.

                For anything urgent, please contact my colleague at office@example.co.uk.

                Kind regards,
                Mark
                """, mail.text());
    }

    @Test
    void streamIsParsedLikeTheSameBytes() throws IOException {
        byte[] raw;
        try (InputStream in = MimeMailParserTest.class.getResourceAsStream("/mime/latin1.eml")) {
            raw = in.readAllBytes();
        }

        var fromStream = parser.parse(new ByteArrayInputStream(raw));

        assertEquals(parser.parse(raw), fromStream);
    }

    @Test
    void oneParserServesManyThreadsAlike() throws Exception {
        List<String> fixtures = List.of("plain-utf8.eml", "alternative-qp.eml", "html-only-base64.eml",
                "mixed-attachment.eml", "latin1.eml", "encoded-subject-b.eml", "delivery-report.eml", "auto-reply.eml");
        List<ParsedMail> expected = new ArrayList<>();
        for (String fixture : fixtures) {
            expected.add(parseFixture(fixture));
        }
        ExecutorService pool = Executors.newFixedThreadPool(8);

        List<Future<ParsedMail>> results = new ArrayList<>();
        try {
            for (int round = 0; round < 25; round++) {
                for (String fixture : fixtures) {
                    results.add(pool.submit(() -> parseFixture(fixture)));
                }
            }
            for (int i = 0; i < results.size(); i++) {
                assertEquals(expected.get(i % fixtures.size()), results.get(i).get(30, TimeUnit.SECONDS));
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void emptyInputIsRefusedAsMime() {
        var e = assertThrows(InvalidInputException.class, () -> parser.parse(new byte[0]));

        assertEquals("mime", e.field());
    }

    @Test
    void textWithoutHeadersIsRefusedAsMime() {
        byte[] raw = crlf("Hallo, wo bleibt mein Paket?\n\nDanke\n", StandardCharsets.UTF_8);

        var e = assertThrows(InvalidInputException.class, () -> parser.parse(raw));

        assertEquals("mime", e.field());
    }

    @Test
    void mailOverTenMebibytesIsRefusedWithoutBeingParsed() {
        byte[] raw = new byte[MimeMailParser.MAX_BYTES + 1];
        Arrays.fill(raw, (byte) 'a');
        byte[] header = "Subject: big\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(header, 0, raw, 0, header.length);

        var fromBytes = assertThrows(InvalidInputException.class, () -> parser.parse(raw));
        var fromStream = assertThrows(InvalidInputException.class, () -> parser.parse(new ByteArrayInputStream(raw)));

        assertEquals("mime", fromBytes.field());
        assertEquals("mime", fromStream.field());
        assertTrue(fromBytes.getMessage().contains("10485760"), fromBytes.getMessage());
    }

    @Test
    void mailOfExactlyTenMebibytesIsParsed() {
        byte[] raw = new byte[MimeMailParser.MAX_BYTES];
        Arrays.fill(raw, (byte) 'a');
        byte[] header = "Subject: big\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(header, 0, raw, 0, header.length);

        var mail = parser.parse(raw);

        assertEquals("big", mail.subject());
        assertEquals(MimeMailParser.MAX_READ_TEXT_CHARS, mail.text().length(), "read up to the text bound");
    }

    @Test
    void unknownBodyCharsetFallsBackToIso88591() {
        byte[] raw = crlf("""
                From: kunde@example.net
                Subject: Frage
                Content-Type: text/plain; charset=x-unbekannt-42
                Content-Transfer-Encoding: quoted-printable

                Gr=FC=DFe aus K=F6ln
                """, StandardCharsets.US_ASCII);

        var mail = parser.parse(raw);

        assertEquals("Grüße aus Köln\n", mail.text());
    }

    @Test
    void encodedWordInUnknownCharsetFallsBackToIso88591() {
        byte[] raw = crlf("""
                From: kunde@example.net
                Subject: =?x-unbekannt-42?Q?Gr=FC=DFe?= und Dank

                Text
                """, StandardCharsets.US_ASCII);

        var mail = parser.parse(raw);

        assertEquals("Grüße und Dank", mail.subject());
    }

    @Test
    void windows1252BodyIsReadInItsDeclaredCharset() {
        byte[] raw = crlf("""
                From: kunde@example.net
                Content-Type: text/plain; charset=windows-1252
                Content-Transfer-Encoding: quoted-printable

                Preis: 49,90 =80 =96 =84gut=93
                """, StandardCharsets.US_ASCII);

        var mail = parser.parse(raw);

        assertEquals("Preis: 49,90 € – „gut“\n", mail.text());
    }

    @Test
    void undeclaredCharsetIsReadAsUtf8WhenTheBytesAreUtf8() {
        byte[] raw = crlf("""
                From: kunde@example.net
                Subject: ohne Zeichensatz

                Schöne Grüße
                """, StandardCharsets.UTF_8);

        var mail = parser.parse(raw);

        assertEquals("Schöne Grüße\n", mail.text());
        assertEquals("text/plain", mail.contentType());
    }

    @Test
    void rawUtf8InAHeaderIsReadAsUtf8() {
        byte[] raw = crlf("""
                From: Jürgen Weiß <j.weiss@example.at>
                Subject: Größe passt nicht

                Text
                """, StandardCharsets.UTF_8);

        var mail = parser.parse(raw);

        assertEquals("Jürgen Weiß", mail.fromName());
        assertEquals("Größe passt nicht", mail.subject());
    }

    @Test
    void inlineImageIsNotedAsAnAttachment() {
        byte[] raw = crlf("""
                From: kunde@example.net
                Content-Type: multipart/related; boundary=b1

                --b1
                Content-Type: text/html; charset=UTF-8

                <p>Siehe Bild:</p><img src="cid:foto1">
                --b1
                Content-Type: image/png
                Content-ID: <foto1>
                Content-Transfer-Encoding: base64

                iVBORw0KGgo=
                --b1--
                """, StandardCharsets.US_ASCII);

        var mail = parser.parse(raw);

        assertEquals(List.of(new ParsedMail.Attachment(null, "image/png", 8)), mail.attachments());
        assertEquals("Siehe Bild:", mail.text());
        assertTrue(mail.htmlOnly());
    }

    @Test
    void multipartWithoutItsBoundaryIsReadAsText() {
        byte[] raw = crlf("""
                From: kunde@example.net
                Content-Type: multipart/mixed; boundary=nirgends

                Wo ist mein Paket?
                """, StandardCharsets.US_ASCII);

        var mail = parser.parse(raw);

        assertEquals("Wo ist mein Paket?\n", mail.text());
        assertEquals("multipart/mixed", mail.contentType());
    }

    // Caps: hostile structure is read within bounds and the mail is never lost

    /** {@code levels} multiparts nested in one another, the innermost holding a text part. */
    private static byte[] nestedMultiparts(int levels, String innermostText) {
        var mail = new StringBuilder("From: anna@example.com\r\nSubject: nested\r\nMIME-Version: 1.0\r\n");
        for (int level = 0; level < levels; level++) {
            mail.append("Content-Type: multipart/mixed; boundary=\"b").append(level).append("\"\r\n\r\n--b").append(level).append("\r\n");
        }
        mail.append("Content-Type: text/plain; charset=UTF-8\r\n\r\n").append(innermostText).append("\r\n");
        for (int level = levels - 1; level >= 0; level--) {
            mail.append("--b").append(level).append("--\r\n");
        }
        return mail.toString().getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void fiveThousandNestedMultipartsAreReadToTheDepthCapWithoutOverflowingTheStack() {
        var mail = parser.parse(nestedMultiparts(5_000, "Wo bleibt #1001?"));

        assertEquals("nested", mail.subject());
        assertEquals("", mail.text());
        assertEquals(1, mail.attachments().size(), "the part not descended into is noted");
        assertEquals("multipart/mixed", mail.attachments().get(0).contentType());
    }

    @Test
    void textAtTheDepthCapIsStillRead() {
        var mail = parser.parse(nestedMultiparts(MimeMailParser.MAX_DEPTH, "Wo bleibt #1001?"));

        assertEquals("Wo bleibt #1001?", mail.text());
        assertEquals(List.of(), mail.attachments());
    }

    @Test
    void partsBeyondThePartCapAreNeitherReadNorNoted() {
        var mail = new StringBuilder("From: anna@example.com\r\nSubject: parts\r\nMIME-Version: 1.0\r\n"
                + "Content-Type: multipart/mixed; boundary=\"b\"\r\n\r\n--b\r\nContent-Type: text/plain\r\n\r\nWo bleibt #1001?\r\n");
        for (int i = 0; i < 1_000; i++) {
            mail.append("--b\r\nContent-Type: image/png\r\nContent-Disposition: attachment; filename=\"p").append(i).append(".png\"\r\n\r\nx\r\n");
        }
        mail.append("--b--\r\n");

        var parsed = parser.parse(mail.toString().getBytes(StandardCharsets.UTF_8));

        assertEquals("Wo bleibt #1001?", parsed.text().strip());
        // The top-level multipart and the text part count too.
        assertEquals(MimeMailParser.MAX_PARTS - 2, parsed.attachments().size());
    }

    @Test
    void headerFieldsBeyondTheCapAreDroppedAndLongValuesCut() {
        var mail = new StringBuilder("From: anna@example.com\r\nSubject: " + "Ü".repeat(5_000) + "\r\nX-Long: " + "a".repeat(100_000) + "\r\n");
        for (int i = 0; i < 2_000; i++) {
            mail.append("X-Filler-").append(i).append(": ").append(i).append("\r\n");
        }
        mail.append("\r\nHallo\r\n");

        var parsed = parser.parse(mail.toString().getBytes(StandardCharsets.UTF_8));

        assertEquals(MimeMailParser.MAX_SUBJECT_CHARS, parsed.subject().length());
        assertEquals(MimeMailParser.MAX_HEADER_CHARS, parsed.header("X-Long").orElseThrow().length());
        assertEquals(MimeMailParser.MAX_HEADER_FIELDS, parsed.headers().size());
        assertEquals("anna@example.com", parsed.fromAddress());
        assertEquals("Hallo\n", parsed.text());
    }

    @Test
    void onlyTheFirstHundredThousandCharactersOfAnHtmlOnlyBodyAreReadAndRendered() {
        String page = "<p>Wo bleibt #1001?</p>" + "<p>x</p>".repeat(MimeMailParser.MAX_RENDERED_HTML_CHARS / 8) + "<p>Ende</p>";
        byte[] raw = ("From: anna@example.com\r\nSubject: html\r\nContent-Type: text/html; charset=UTF-8\r\n\r\n" + page)
                .getBytes(StandardCharsets.UTF_8);

        var mail = parser.parse(raw);

        assertTrue(mail.htmlOnly());
        assertTrue(mail.text().startsWith("Wo bleibt #1001?"), mail.text().substring(0, 40));
        assertFalse(mail.text().contains("Ende"));
        assertEquals(MimeMailParser.MAX_RENDERED_HTML_CHARS, mail.html().length(), "the HTML is kept as far as it was read");
        assertFalse(mail.html().contains("Ende"));
    }

    @Test
    void onlyTheFirstMillionCharactersOfAPlainPartAreReadWithTheirLineBreaksAsNewlines() {
        String line = "Wo bleibt #1001?\r\n";
        String body = line.repeat(MimeMailParser.MAX_READ_TEXT_CHARS / line.length() + 1000) + "Ende\r\n";
        byte[] raw = ("From: anna@example.com\r\nSubject: lang\r\nContent-Type: text/plain\r\n\r\n" + body)
                .getBytes(StandardCharsets.US_ASCII);

        var mail = parser.parse(raw);

        String read = body.substring(0, MimeMailParser.MAX_READ_TEXT_CHARS).replace("\r\n", "\n");
        assertEquals(read.length(), mail.text().length());
        assertEquals(read, mail.text());
        assertFalse(mail.text().contains("Ende"));
    }

    @Test
    void loneCarriageReturnsAndCrLfBothBecomeNewlinesAndAByteOrderMarkIsDropped() {
        byte[] raw = "From: anna@example.com\r\nSubject: cr\r\nContent-Type: text/plain; charset=UTF-8\r\n\r\n\uFEFFeins\rzwei\r\ndrei\nvier\r"
                .getBytes(StandardCharsets.UTF_8);

        assertEquals("eins\nzwei\ndrei\nvier\n", parser.parse(raw).text());
    }

    @Test
    void aHeaderBlockBeyondItsByteCapIsCutBeforeAFieldAndTheBodyIsStillRead() {
        var mail = new StringBuilder("From: anna@example.com\r\nSubject: big\r\nMessage-ID: <big-1@example.com>\r\n");
        for (int i = 0; mail.length() < 2 * MimeMailParser.MAX_HEADER_BYTES; i++) {
            mail.append("X-Filler-").append(i).append(": ").append("v".repeat(60)).append("\r\n\tfolded\r\n");
        }
        mail.append("X-After-The-Cut: yes\r\n\r\nWo bleibt #1001?\r\n");

        var parsed = parser.parse(mail.toString().getBytes(StandardCharsets.US_ASCII));

        assertEquals("anna@example.com", parsed.fromAddress());
        assertEquals("big-1@example.com", parsed.messageId());
        assertEquals(Optional.empty(), parsed.header("X-After-The-Cut"));
        assertTrue(parsed.headers().keySet().stream().filter(name -> name.startsWith("x-filler-"))
                .allMatch(name -> parsed.header(name).orElseThrow().endsWith("folded")), "no field is cut inside its folding");
        assertEquals("Wo bleibt #1001?", parsed.text().strip());
    }
}
