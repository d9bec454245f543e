package dev.promptly.bench.jars;

import dev.promptly.app.inbound.ParsedMail;
import dev.promptly.core.ShopDomain;
import dev.promptly.core.outbox.OutboxKind;
import dev.promptly.core.outbox.OutboxMessage;
import dev.promptly.core.outbox.OutboxStatus;
import dev.promptly.mail.MailComposer;
import dev.promptly.mail.MimeMailParser;
import dev.promptly.mail.smtp.SmtpMailTransport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs in a child JVM whose class path is one function jar and this class alone, so it parses, composes and sends
 * mail with the jar's own Jakarta Mail, Angus and HTML renderer classes: a class, content handler or mail provider the shade
 * filters left out fails it. {@link MailInFunctionJarsTest} starts it.
 *
 * <ul>
 * <li>{@code parse <raw mail file>}: what inbound-email reads from a mail SES stored, printed one field a line.</li>
 * <li>{@code send <smtp port> <raw mail file>}: what outbox-sender sends through an SMTP relay on 127.0.0.1: an
 *     acknowledgement (text and HTML) and a team copy carrying the raw mail's files.</li>
 * </ul>
 */
final class MailProbe {
    static final String ACK_MESSAGE_ID = "<20261125T090000.000Z-ack-7K3M9QX2AB@demo-shop.example>";
    static final String CUSTOMER_MESSAGE_ID = "<CAF=anna-1001@mail.example.com>";

    private MailProbe() {
    }

    public static void main(String[] args) throws Exception {
        switch (args[0]) {
            case "parse" -> parse(Files.readAllBytes(Path.of(args[1])));
            case "send" -> send(Integer.parseInt(args[1]), Files.readAllBytes(Path.of(args[2])));
            default -> throw new IllegalArgumentException("parse or send, not " + args[0]);
        }
    }

    private static void parse(byte[] raw) {
        ParsedMail mail = new MimeMailParser().parse(raw);
        System.out.println("subject=" + mail.subject());
        System.out.println("htmlOnly=" + mail.htmlOnly());
        System.out.println("text=" + mail.text().replace('\n', ' '));
        System.out.println("attachments=" + mail.attachments().stream().map(ParsedMail.Attachment::filename).toList());
    }

    private static void send(int port, byte[] original) {
        var composer = new MailComposer(id -> original);
        var smtp = new SmtpMailTransport("127.0.0.1", port);
        Map<String, String> threading = new LinkedHashMap<>();
        threading.put("Message-ID", ACK_MESSAGE_ID);
        threading.put("In-Reply-To", CUSTOMER_MESSAGE_ID);
        threading.put("References", CUSTOMER_MESSAGE_ID);
        threading.put("Auto-Submitted", "auto-replied");
        var ack = message("20261125T090000.000Z-ack-7K3M9QX2AB", OutboxKind.ACK, "anna.beispiel@example.com", null,
                "Ihre Anfrage zu Bestellung #1001 – wir melden uns", "Grüße aus dem Laden", "<p>Grüße aus dem <b>Laden</b></p>", threading);
        Map<String, String> copyHeaders = new LinkedHashMap<>();
        copyHeaders.put("Message-ID", "<20261125T090000.000Z-team_copy-7K3M9QX2AB-1@demo-shop.example>");
        copyHeaders.put("X-Promptly-Raw-Mail", "o3vrnil0e2ic28trm7dfhrc2v0clambda4nbp0g1");
        var copy = message("20261125T090000.000Z-team_copy-7K3M9QX2AB-1", OutboxKind.TEAM_COPY, "team@demo-shop.example",
                "anna.beispiel@example.com", "[PR-7K3M9QX2AB] Rechnung", "Anbei der Beleg.", null, copyHeaders);
        for (OutboxMessage message : List.of(ack, copy)) {
            var mail = composer.compose(message);
            System.out.println("sent=" + smtp.send(mail.envelopeFrom(), List.of(mail.recipient()), mail.mime()));
        }
    }

    private static OutboxMessage message(String id, OutboxKind kind, String to, String replyTo, String subject, String text, String html,
                                         Map<String, String> headers) {
        return new OutboxMessage(new ShopDomain("demo-shop.myshopify.com"), id, kind, "email", to, "Demo Shop <support@demo-shop.example>",
                replyTo, subject, text, html, headers, null, null, Instant.parse("2026-11-25T09:00:00Z"), OutboxStatus.PENDING, null, 0,
                null, null, null);
    }
}
