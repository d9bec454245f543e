package dev.promptly.app.inbound;

import dev.promptly.config.ShopConfig;
import dev.promptly.core.message.AttachmentNote;
import dev.promptly.core.message.Channel;
import dev.promptly.core.message.InboundMessage;
import dev.promptly.core.message.Sender;
import dev.promptly.core.message.VerifiedContact;
import dev.promptly.log.JsonLog;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * Mail received by Amazon SES: reads the raw message SES stored, parses it, finds the shop by the
 * address it was sent to and hands it to {@link MessageIntake}. Mail with a virus is dropped unread
 * beyond its headers; spam is recorded for the team but never answered. A Microsoft 365 journal report
 * counts as the message it carries (the parser unwraps it, {@link ParsedMail#journalReport()}).
 */
public final class EmailIntake {
    private final MessageIntake intake;
    private final Function<String, byte[]> rawMail;
    private final MailParser parser;
    private final JsonLog log;
    private final Optional<TeamReplies> teamReplies;

    /** {@code rawMail} returns the stored MIME bytes of an SES message id. */
    public EmailIntake(MessageIntake intake, Function<String, byte[]> rawMail, MailParser parser, JsonLog log) {
        this(intake, rawMail, parser, log, Optional.empty());
    }

    /** With {@code teamReplies} recognising copies of the team's own mail (BCC or journaling rules) before the intake sees them. */
    public EmailIntake(MessageIntake intake, Function<String, byte[]> rawMail, MailParser parser, JsonLog log,
                       Optional<TeamReplies> teamReplies) {
        this.teamReplies = Objects.requireNonNull(teamReplies, "teamReplies");
        this.intake = Objects.requireNonNull(intake, "intake");
        this.rawMail = Objects.requireNonNull(rawMail, "rawMail");
        this.parser = Objects.requireNonNull(parser, "parser");
        this.log = Objects.requireNonNull(log, "log");
    }

    /** SnapStart priming: parses a small mail and primes the intake; nothing is written. */
    public void prime() {
        parser.parse(("From: priming@example.invalid\r\nSubject: =?UTF-8?Q?Pr=C3=BCfung?=\r\nMessage-ID: <priming@promptly.invalid>\r\n"
                + "Content-Type: text/html; charset=UTF-8\r\n\r\n<p>priming</p>\r\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
        intake.prime();
    }

    /** What became of the mail; empty when it was dropped (virus, no known shop, no sender). */
    public Optional<IntakeResult> accept(SesNotification notification) {
        Optional<ShopConfig> shop = shopFor(notification.recipients());
        if (shop.isEmpty()) {
            log.warn("email.unknown_recipient", Map.of("correlationId", notification.sesMessageId()));
            return Optional.empty();
        }
        if (notification.virus()) {
            log.warn("email.virus_dropped", Map.of("correlationId", notification.sesMessageId(), "shop", shop.get().domain()));
            return Optional.empty();
        }
        byte[] raw = rawMail.apply(notification.sesMessageId());
        if (raw.length > parser.maxBytes()) {
            return tooLargeToRead(notification, shop.get(), raw.length);
        }
        ParsedMail mail = parser.parse(raw);
        if (mail.fromAddress() == null) {
            log.warn("email.no_sender", Map.of("correlationId", notification.sesMessageId(), "shop", shop.get().domain()));
            return Optional.empty();
        }
        List<String> references = new ArrayList<>(mail.references());
        if (mail.inReplyTo() != null && !references.contains(mail.inReplyTo())) {
            references.add(mail.inReplyTo());
        }
        List<AttachmentNote> attachments = mail.attachments().stream()
                .map(a -> new AttachmentNote(a.filename(), a.contentType(), a.sizeBytes())).toList();
        var message = new InboundMessage(shop.get().domain(), Channel.EMAIL,
                mail.messageId() != null ? mail.messageId() : notification.sesMessageId() + "@ses",
                new Sender(mail.fromName(), mail.fromAddress(), null), mail.subject(), mail.text(), references, null,
                notification.receivedAt(), mail.headers(), null, attachments, notification.spam(), VerifiedContact.EMAIL,
                notification.sesMessageId());
        // SES's verdicts are about the mail it received: for a journal report, the report's sender.
        boolean senderAuthenticated = notification.senderAuthenticated()
                && mail.journalReport().map(journal -> vouchesForSender(journal, mail.fromAddress())).orElse(true);
        Optional<IntakeResult> team = teamReplies.flatMap(t -> t.recognise(message, mail.to(), mail.messageId() != null,
                senderAuthenticated));
        if (team.isPresent()) {
            log.info("email.team_mail", Map.of("correlationId", notification.sesMessageId(), "shop", shop.get().domain(),
                    "outcome", team.get().conversation() == null ? team.get().noReplyReason() : team.get().duplicate() ? "duplicate" : "recorded"));
            return team;
        }
        IntakeResult result = intake.accept(message);
        log.info("email.accepted", Map.of("correlationId", notification.sesMessageId(), "shop", shop.get().domain(),
                "conversationId", result.conversation(), "duplicate", result.duplicate(), "attachments", attachments.size(),
                "htmlOnly", mail.htmlOnly(), "spam", notification.spam(), "journalReport", mail.journalReport().isPresent()));
        return Optional.of(result);
    }

    /**
     * Whether a journal report vouches for the sender of the message it carries: only when the report
     * comes from that sender's own domain (an organisation journals its own mail, from its own Microsoft
     * Exchange address). Anyone can wrap a mail "from" the shop's team in a report of their own domain.
     */
    private static boolean vouchesForSender(ParsedMail.Journal journal, String originalFrom) {
        return journal.reportFrom() != null && originalFrom != null && domain(journal.reportFrom()).equals(domain(originalFrom));
    }

    private static String domain(String address) {
        return address.substring(address.lastIndexOf('@') + 1).toLowerCase(Locale.ROOT);
    }

    /**
     * A mail larger than the parser reads (SES accepts up to 40 MB, e.g. a complaint with photos) is not
     * lost: it is recorded from SES's parsed headers with a note for the team, and acknowledged.
     */
    private Optional<IntakeResult> tooLargeToRead(SesNotification notification, ShopConfig shop, int bytes) {
        Optional<MailParser.Mailbox> from = parser.mailbox(notification.from());
        String fromAddress = from.map(MailParser.Mailbox::address).orElse(null);
        String fromName = from.map(MailParser.Mailbox::name).orElse(null);
        if (fromAddress == null || fromAddress.isBlank()) {
            log.warn("email.no_sender", Map.of("correlationId", notification.sesMessageId(), "shop", shop.domain()));
            return Optional.empty();
        }
        String note = "[This mail is " + (bytes / (1024 * 1024)) + " MB, too large to read automatically. Find it in the inbound mail "
                + "bucket under the SES message id " + notification.sesMessageId() + ".]";
        var message = new InboundMessage(shop.domain(), Channel.EMAIL,
                notification.messageId() != null ? notification.messageId().replaceAll("^<|>$", "") : notification.sesMessageId() + "@ses",
                new Sender(fromName, fromAddress, null), parser.boundedSubject(notification.subject()), note, List.of(), null,
                notification.receivedAt(), Map.of(), null, List.of(new AttachmentNote(null, "message/rfc822", bytes)), notification.spam(),
                VerifiedContact.EMAIL, notification.sesMessageId());
        IntakeResult result = intake.accept(message);
        log.warn("email.too_large", Map.of("correlationId", notification.sesMessageId(), "shop", shop.domain(),
                "conversationId", result.conversation(), "bytes", bytes));
        return Optional.of(result);
    }

    /** The shop whose inbound addresses include a recipient ({@code +tag} sub-addresses count). */
    private Optional<ShopConfig> shopFor(List<String> recipients) {
        for (String recipient : recipients) {
            String plain = recipient.toLowerCase(Locale.ROOT).replaceFirst("\\+[^@]*@", "@");
            for (ShopConfig shop : intake.config().shops().values()) {
                if (shop.autoReply().inboundAddresses().contains(plain)) {
                    return Optional.of(shop);
                }
            }
        }
        return Optional.empty();
    }
}
