package dev.promptly.functions.email;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import dev.promptly.app.inbound.EmailIntake;
import dev.promptly.app.inbound.MessageIntake;
import dev.promptly.app.inbound.TeamReplies;
import dev.promptly.app.outbox.OutboxSender;
import dev.promptly.app.sla.AgentActivity;
import dev.promptly.aws.dynamodb.DynamoConversationStore;
import dev.promptly.aws.dynamodb.DynamoOrderStore;
import dev.promptly.aws.dynamodb.DynamoOutboxStore;
import dev.promptly.aws.dynamodb.DynamoSlaStore;
import dev.promptly.aws.dynamodb.PromptlyTable;
import dev.promptly.config.ConfigParser;
import dev.promptly.config.PromptlyConfig;
import dev.promptly.core.ShopDomain;
import dev.promptly.core.message.ConversationId;
import dev.promptly.core.outbox.OutboxKind;
import dev.promptly.core.sla.SlaEventType;
import dev.promptly.dynamodblocal.EmbeddedDynamoDb;
import dev.promptly.log.JsonLog;
import dev.promptly.mail.MailComposer;
import dev.promptly.mail.MimeMailParser;
import dev.promptly.mail.smtp.SmtpMailTransport;
import dev.promptly.testing.MovableClock;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Mailbox mode through the SES function's handler: the team's copy of a customer's mail carries its files,
 * and a BCC copy of the team's reply stops the response clock. DynamoDB Local, GreenMail, the raw mail kept
 * as the receipt rule's bucket keeps it (reading it over S3's API is {@link SesEmailHandlerTest}'s).
 */
class MailboxModeTest {
    private static final String TABLE = "promptly-test";
    private static final EmbeddedDynamoDb DYNAMO = EmbeddedDynamoDb.inMemory(List.of(PromptlyTable.createTableRequest(TABLE)));
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final byte[] PDF = "%PDF-1.4 a receipt\n".repeat(60).getBytes(StandardCharsets.US_ASCII);

    private final ShopDomain shop = new ShopDomain("shop-" + UUID.randomUUID().toString().substring(0, 8) + ".myshopify.com");
    private final String support = "support@" + shop.value().replace(".myshopify.com", ".example");
    private final Map<String, byte[]> bucket = new ConcurrentHashMap<>();
    private final DynamoDbClient client = DYNAMO.newClient();
    private final GreenMail smtp = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    private final ByteArrayOutputStream logs = new ByteArrayOutputStream();
    private final MovableClock clock = new MovableClock(Instant.parse("2026-11-27T17:00:00Z"));
    private final DynamoSlaStore slas = new DynamoSlaStore(client, TABLE);
    private final DynamoOutboxStore outbox = new DynamoOutboxStore(client, TABLE);
    private final AgentActivity agents;
    private final SesEmailHandler handler;
    private final OutboxSender sender;

    MailboxModeTest() {
        smtp.start();
        PromptlyConfig config = ConfigParser.parse("""
                {"shops": {"%s": {
                  "name": "Demo Shop", "languages": ["de", "en"], "time_zone": "Europe/Berlin", "support_email": "%s",
                  "secrets": {"shopify_webhook": "literal:w", "messages": "literal:m", "agent_token": "literal:t"},
                  "business_hours": {"weekly": {"monday": ["09:00-18:00"], "tuesday": ["09:00-18:00"],
                     "wednesday": ["09:00-18:00"], "thursday": ["09:00-18:00"], "friday": ["09:00-18:00"]}},
                  "sla": {"first_response": "PT4H"}, "handling_time_business_days": 2,
                  "team": {"copy_to": "team@demo-shop.example", "addresses": ["%s"]}
                }}}""".formatted(shop.value(), support, support), "test", true);
        var log = new JsonLog("inbound-email", new PrintStream(logs, true, StandardCharsets.UTF_8), clock);
        var conversations = new DynamoConversationStore(client, TABLE);
        agents = new AgentActivity(config, ref -> ref.name(), conversations, slas, clock);
        var intake = MessageIntake.standard(config, conversations, new DynamoOrderStore(client, TABLE), clock, log);
        handler = new SesEmailHandler(new EmailIntake(intake, bucket::get, new MimeMailParser(), log,
                Optional.of(new TeamReplies(config, conversations, agents, log))), log);
        sender = new OutboxSender(outbox, Optional.of(new SmtpMailTransport("127.0.0.1", smtp.getSmtp().getPort())),
                new MailComposer(bucket::get), clock, log);
    }

    @AfterEach
    void close() {
        smtp.stop();
        client.close();
    }

    private String customerMail(String messageId) {
        return String.join("\r\n",
                "From: Anna Beispiel <anna.beispiel@example.com>",
                "To: " + support,
                "Subject: Rechnung fehlt",
                "Message-ID: <" + messageId + ">",
                "References: <older@mail.example.com>",
                "In-Reply-To: <older@mail.example.com>",
                "MIME-Version: 1.0",
                "Content-Type: multipart/mixed; boundary=\"b1\"",
                "",
                "--b1",
                "Content-Type: text/plain; charset=UTF-8",
                "",
                "Guten Tag, anbei der Beleg. Wo ist die Rechnung?",
                "--b1",
                "Content-Type: application/pdf; name=\"beleg.pdf\"",
                "Content-Disposition: attachment; filename=\"beleg.pdf\"",
                "Content-Transfer-Encoding: base64",
                "",
                Base64.getMimeEncoder().encodeToString(PDF),
                "--b1--",
                "");
    }

    private String teamReply(String inReplyTo) {
        return teamReply(inReplyTo, "To: Anna Beispiel <anna.beispiel@example.com>");
    }

    /** @param recipients the reply's recipient header lines, CRLF-separated */
    private String teamReply(String inReplyTo, String recipients) {
        return String.join("\r\n",
                "From: Demo Shop Support <" + support + ">",
                recipients,
                "Subject: Re: Rechnung fehlt",
                "Message-ID: <reply-1@" + shop.value() + ">",
                "In-Reply-To: <" + inReplyTo + ">",
                "References: <older@mail.example.com> <" + inReplyTo + ">",
                "Content-Type: text/plain; charset=UTF-8",
                "",
                "Hallo Anna, die Rechnung kommt heute.",
                "");
    }

    /**
     * {@code original} as a Microsoft 365 journaling rule delivers it: a journal report from the organisation's
     * Microsoft Exchange address at {@code reportDomain}, whose first part lists the envelope ([MS-XJRNL] 2.1)
     * and whose second is the original, unaltered.
     */
    private static String journalReport(String reportDomain, String envelope, String original) {
        return String.join("\r\n",
                "From: Microsoft Outlook <MicrosoftExchange329e71ec88ae4615bbc36ab6ce41109e@" + reportDomain + ">",
                "To: <replies@help.demo-shop.example>",
                "Subject: Journal",
                "Message-ID: <journal-" + UUID.randomUUID() + "@" + reportDomain + ">",
                "MIME-Version: 1.0",
                "X-MS-Journal-Report:",
                "Content-Type: multipart/mixed; boundary=\"_journal_\"",
                "",
                "--_journal_",
                "Content-Type: text/plain; charset=\"us-ascii\"",
                "",
                envelope,
                "",
                "--_journal_",
                "Content-Type: message/rfc822",
                "Content-Transfer-Encoding: binary",
                "",
                original,
                "--_journal_--",
                "");
    }

    private String shopDomain() {
        return support.substring(support.indexOf('@') + 1);
    }

    /** Receives the customer's mail {@code messageId}; its conversation. */
    private ConversationId customerWrote(String sesId, String messageId) throws Exception {
        receive(sesId, customerMail(messageId));
        return ConversationId.derive(shop.value(), messageId);
    }

    /** The team's reply met the first-response clock once, and nothing was mailed since {@code mails} were. */
    private void assertRepliedOnceAndNothingSent(ConversationId conversation, int mails) {
        assertEquals(1, slas.events(shop, conversation).stream().filter(e -> e.type() == SlaEventType.AGENT_REPLIED).count());
        assertEquals("satisfied", agents.view(shop, conversation).orElseThrow().get("clocks").get(0).get("state").asText());
        assertEquals(mails, smtp.getReceivedMessages().length, "neither acknowledged nor copied to the team");
    }

    private void receive(String sesId, String raw) throws Exception {
        receive(sesId, raw, "PASS", "PASS", "PASS");
    }

    /** As SES delivers it, with its SPF, DKIM and DMARC verdicts as given. */
    private void receive(String sesId, String raw, String spf, String dkim, String dmarc) throws Exception {
        bucket.put(sesId, raw.getBytes(StandardCharsets.UTF_8));
        ObjectNode event = (ObjectNode) JSON.readTree(Files.readString(Path.of("..", "..", "events", "ses-inbound", "receipt.json")));
        ObjectNode ses = (ObjectNode) event.get("Records").get(0).get("ses");
        ObjectNode receipt = (ObjectNode) ses.get("receipt");
        receipt.putObject("spfVerdict").put("status", spf);
        receipt.putObject("dkimVerdict").put("status", dkim);
        receipt.putObject("dmarcVerdict").put("status", dmarc);
        ((ObjectNode) ses.get("mail")).put("messageId", sesId);
        ((ObjectNode) ses.get("receipt")).putArray("recipients").add(support);
        handler.handleRequest(new ByteArrayInputStream(JSON.writeValueAsBytes(event)), new ByteArrayOutputStream(), null);
        sender.sweep(50);
    }

    private List<MimeMessage> toTeam() {
        return Arrays.stream(smtp.getReceivedMessages()).filter(m -> {
            try {
                return m.getAllRecipients()[0].toString().equals("team@demo-shop.example");
            } catch (jakarta.mail.MessagingException e) {
                throw new IllegalStateException(e);
            }
        }).toList();
    }

    @Test
    void theTeamCopyOfAReceivedMailCarriesItsTextFilesAndThreading() throws Exception {
        receive("ses-1", customerMail("anna-1@mail.example.com"));

        List<MimeMessage> copies = toTeam();
        assertEquals(1, copies.size());
        MimeMessage copy = copies.get(0);
        assertEquals("anna.beispiel@example.com", copy.getReplyTo()[0].toString());
        assertEquals("<anna-1@mail.example.com>", copy.getHeader("In-Reply-To")[0]);
        assertEquals("<older@mail.example.com> <anna-1@mail.example.com>", copy.getHeader("References")[0]);
        Multipart parts = (Multipart) copy.getContent();
        assertTrue(copy.isMimeType("multipart/mixed"), copy.getContentType());
        String text = (String) parts.getBodyPart(0).getContent();
        assertTrue(text.contains("Anhänge: beleg.pdf (application/pdf, 1 KB)"), text);
        assertTrue(text.contains("Guten Tag, anbei der Beleg. Wo ist die Rechnung?"), text);
        assertEquals(2, parts.getCount());
        var file = parts.getBodyPart(1);
        assertEquals("beleg.pdf", file.getFileName());
        assertEquals(Part.ATTACHMENT, file.getDisposition());
        assertArrayEquals(PDF, file.getInputStream().readAllBytes());
    }

    @Test
    void aMailWithAMillionCharactersIsRecordedAndItsTeamCopyCutToWhatIsStored() throws Exception {
        // given a mail whose text SES delivers whole: a million characters, two bytes each in UTF-8
        String longText = "Wo ist meine Bestellung? " + "ü".repeat(1_000_000 - 25);
        String raw = customerMail("anna-long@mail.example.com").replace("Guten Tag, anbei der Beleg. Wo ist die Rechnung?", longText);

        // when it is received
        receive("ses-long", raw);

        // then the message is recorded, and the team's copy carries the text the conversation stores, marked as cut
        var copy = outbox.list(shop).stream().filter(m -> m.kind() == OutboxKind.TEAM_COPY).findFirst().orElseThrow();
        assertTrue(copy.text().length() < 51_000, "copy text " + copy.text().length());
        assertTrue(copy.text().contains("Wo ist meine Bestellung? üüü"), copy.text().substring(0, 500));
        assertTrue(copy.text().strip().endsWith("[… gekürzt: die Nachricht ist länger als 50.000 Zeichen]"),
                copy.text().substring(copy.text().length() - 200));
        assertEquals(1, toTeam().size());
    }

    @Test
    void theSameMailDeliveredTwiceIsCopiedOnce() throws Exception {
        receive("ses-2", customerMail("anna-2@mail.example.com"));

        receive("ses-2", customerMail("anna-2@mail.example.com"));

        assertEquals(1, toTeam().size());
        assertEquals(1, outbox.list(shop).stream().filter(m -> m.kind() == OutboxKind.TEAM_COPY).count());
    }

    @Test
    void aBccCopyOfTheTeamsReplyStopsTheFirstResponseClockAndIsNotAnswered() throws Exception {
        receive("ses-3", customerMail("anna-3@mail.example.com"));
        ConversationId conversation = ConversationId.derive(shop.value(), "anna-3@mail.example.com");
        int mails = smtp.getReceivedMessages().length;
        clock.advance(Duration.ofMinutes(30));

        receive("ses-4", teamReply("anna-3@mail.example.com"));
        receive("ses-4", teamReply("anna-3@mail.example.com"));

        assertRepliedOnceAndNothingSent(conversation, mails);
    }

    /** Each case is the reply's recipient lines, separated by " / ". */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "Cc: Anna Beispiel <anna.beispiel@example.com>",
            "To: Demo Shop Support <SUPPORT> / Cc: Anna Beispiel <anna.beispiel@example.com>",
            "To: Demo Shop Support <SUPPORT> / Bcc: anna.beispiel@example.com"})
    void aTeamReplyWithTheCustomerInCcOrInTheSendersBccStopsTheFirstResponseClock(String recipients) throws Exception {
        // Given a customer's mail, and the team's answer with the customer not in To
        ConversationId conversation = customerWrote("ses-cc-1", "anna-cc@mail.example.com");
        int mails = smtp.getReceivedMessages().length;
        clock.advance(Duration.ofMinutes(30));

        // When its copy arrives
        receive("ses-cc-2", teamReply("anna-cc@mail.example.com", recipients.replace(" / ", "\r\n").replace("SUPPORT", support)));

        // Then it is the team's reply to the customer: the clock is met and nothing is sent
        assertRepliedOnceAndNothingSent(conversation, mails);
    }

    @Test
    void aJournalReportOfTheTeamsReplyStopsTheFirstResponseClock() throws Exception {
        // Given a customer's mail, and the team's reply addressed to the team, the customer in Bcc
        ConversationId conversation = customerWrote("ses-j-1", "anna-j1@mail.example.com");
        int mails = smtp.getReceivedMessages().length;
        clock.advance(Duration.ofMinutes(30));
        String reply = teamReply("anna-j1@mail.example.com", "To: Demo Shop Support <" + support + ">");

        // When the journaling rule's report of it arrives, the envelope naming the Bcc recipient, and then a BCC copy too
        receive("ses-j-2", journalReport(shopDomain(), "Sender: " + support + "\r\nSubject: Re: Rechnung fehlt\r\n"
                + "Message-Id: <reply-1@" + shop.value() + ">\r\nTo: " + support + "\r\nBcc: anna.beispiel@example.com", reply));
        receive("ses-j-3", teamReply("anna-j1@mail.example.com"));

        // Then it is the team's reply, counted once, and nothing is sent
        assertRepliedOnceAndNothingSent(conversation, mails);
    }

    @Test
    void aJournalReportFromAnotherDomainDoesNotVouchForATeamSender() throws Exception {
        // Given a customer's mail
        ConversationId conversation = customerWrote("ses-j-4", "anna-j4@mail.example.com");
        int mails = smtp.getReceivedMessages().length;

        // When a report that SES authenticated for another domain carries a "team reply"
        receive("ses-j-5", journalReport("attacker.example", "Sender: " + support + "\r\nTo: anna.beispiel@example.com",
                teamReply("anna-j4@mail.example.com")));

        // Then it is neither the team's reply nor a customer's message
        assertEquals(0, slas.events(shop, conversation).stream().filter(e -> e.type() == SlaEventType.AGENT_REPLIED).count());
        assertEquals(mails, smtp.getReceivedMessages().length);
        assertTrue(logs.toString(StandardCharsets.UTF_8).contains("\"reason\":\"unauthenticated_sender\""));
    }

    @Test
    void aJournaledCustomerMailIsTheCustomersMessage() throws Exception {
        // When the shop's journaling rule reports a customer's mail to the support address
        receive("ses-j-6", journalReport(shopDomain(), "Sender: anna.beispiel@example.com\r\nTo: " + support,
                customerMail("anna-j6@mail.example.com")));

        // Then it opens Anna's conversation (by her message's id) and the acknowledgement goes to her, not to the report's sender
        ConversationId conversation = ConversationId.derive(shop.value(), "anna-j6@mail.example.com");
        assertTrue(agents.view(shop, conversation).isPresent());
        List<String> recipients = Arrays.stream(smtp.getReceivedMessages()).map(m -> {
            try {
                return m.getAllRecipients()[0].toString();
            } catch (jakarta.mail.MessagingException e) {
                throw new IllegalStateException(e);
            }
        }).toList();
        assertTrue(recipients.contains("anna.beispiel@example.com"), recipients.toString());
        assertTrue(recipients.stream().noneMatch(r -> r.toLowerCase(java.util.Locale.ROOT).startsWith("microsoftexchange")), recipients.toString());
    }

    @Test
    void aTeamMailToTheTeamAloneIsNoReplyToTheCustomer() throws Exception {
        ConversationId conversation = customerWrote("ses-cc-3", "anna-cc3@mail.example.com");

        receive("ses-cc-4", teamReply("anna-cc3@mail.example.com", "To: Demo Shop Support <" + support + ">"));

        assertEquals(0, slas.events(shop, conversation).stream().filter(e -> e.type() == SlaEventType.AGENT_REPLIED).count());
        assertTrue(logs.toString(StandardCharsets.UTF_8).contains("\"reason\":\"not_to_customer\""));
    }

    @Test
    void aBccCopyOfAReplyToAnUnknownConversationIsIgnoredAndCounted() throws Exception {
        receive("ses-5", teamReply("unknown@mail.example.com"));

        assertEquals(0, smtp.getReceivedMessages().length);
        assertTrue(outbox.list(shop).isEmpty());
        String text = logs.toString(StandardCharsets.UTF_8);
        assertTrue(text.contains("\"event\":\"team_reply.ignored\"") && text.contains("\"unknownConversationsTotal\":1"), text);
    }

    @ParameterizedTest(name = "spf {0}, dkim {1}, dmarc {2}")
    @CsvSource({"FAIL, FAIL, GRAY", "GRAY, PROCESSING_FAILED, PASS", "PASS, PASS, FAIL"})
    void aMailClaimingATeamAddressThatSesCouldNotAuthenticateIsNeitherAReplyNorACustomerMessage(String spf, String dkim, String dmarc)
            throws Exception {
        // Given a customer's conversation whose first-response clock runs
        receive("ses-6", customerMail("anna-6@mail.example.com"));
        ConversationId conversation = ConversationId.derive(shop.value(), "anna-6@mail.example.com");
        int mails = smtp.getReceivedMessages().length;
        int outboxRecords = outbox.list(shop).size();
        clock.advance(Duration.ofMinutes(30));

        // When a mail "from" the team's address arrives that SES's verdicts do not vouch for
        receive("ses-7", teamReply("anna-6@mail.example.com"), spf, dkim, dmarc);

        // Then no reply is recorded, the clock runs on, nothing is sent or queued, and it is counted without personal data
        assertEquals(0, slas.events(shop, conversation).stream().filter(e -> e.type() == SlaEventType.AGENT_REPLIED).count());
        assertEquals("running", agents.view(shop, conversation).orElseThrow().get("clocks").get(0).get("state").asText());
        assertEquals(mails, smtp.getReceivedMessages().length);
        assertEquals(outboxRecords, outbox.list(shop).size());
        String text = logs.toString(StandardCharsets.UTF_8);
        assertTrue(text.contains("\"reason\":\"unauthenticated_sender\"") && text.contains("\"unauthenticatedTotal\":1"), text);
        assertFalse(text.contains(support) || text.contains("anna.beispiel"), "no addresses in the logs");
    }

    @Test
    void aTeamReplyWhoseSpfPassesCountsThoughDkimDoesNot() throws Exception {
        receive("ses-8", customerMail("anna-8@mail.example.com"));
        ConversationId conversation = ConversationId.derive(shop.value(), "anna-8@mail.example.com");
        clock.advance(Duration.ofMinutes(30));

        receive("ses-9", teamReply("anna-8@mail.example.com"), "PASS", "FAIL", "GRAY");

        assertEquals(1, slas.events(shop, conversation).stream().filter(e -> e.type() == SlaEventType.AGENT_REPLIED).count());
    }
}
