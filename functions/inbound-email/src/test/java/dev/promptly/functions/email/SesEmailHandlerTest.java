package dev.promptly.functions.email;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.sun.net.httpserver.HttpServer;
import dev.promptly.app.inbound.EmailIntake;
import dev.promptly.app.inbound.MessageIntake;
import dev.promptly.app.outbox.OutboxSender;
import dev.promptly.aws.dynamodb.DynamoConversationStore;
import dev.promptly.aws.dynamodb.DynamoOrderStore;
import dev.promptly.aws.dynamodb.DynamoOutboxStore;
import dev.promptly.aws.dynamodb.PromptlyTable;
import dev.promptly.aws.http.SignedHttp;
import dev.promptly.aws.s3.S3ObjectDeleter;
import dev.promptly.aws.s3.S3ObjectReader;
import dev.promptly.aws.s3.S3RawMailEraser;
import dev.promptly.app.webhook.WebhookDelivery;
import dev.promptly.app.webhook.WebhookIntake;
import dev.promptly.aws.dynamodb.DynamoDataExportStore;
import dev.promptly.config.ConfigParser;
import dev.promptly.config.PromptlyConfig;
import dev.promptly.core.ShopDomain;
import dev.promptly.dynamodblocal.EmbeddedDynamoDb;
import dev.promptly.log.JsonLog;
import dev.promptly.mail.MailComposer;
import dev.promptly.mail.MimeMailParser;
import dev.promptly.mail.smtp.SmtpMailTransport;
import jakarta.mail.Multipart;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The SES receipt path end to end: the handler reads the stored mail over signed HTTP from a local
 * stand-in for S3, parses it, records it in DynamoDB Local and the acknowledgement reaches GreenMail.
 */
class SesEmailHandlerTest {
    private static final String TABLE = "promptly-test";
    private static final EmbeddedDynamoDb DYNAMO = EmbeddedDynamoDb.inMemory(List.of(PromptlyTable.createTableRequest(TABLE)));
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ShopDomain shop = new ShopDomain("shop-" + UUID.randomUUID().toString().substring(0, 8) + ".myshopify.com");
    private final String support = "support@" + shop.value().replace(".myshopify.com", ".example");
    private final Map<String, byte[]> bucket = new ConcurrentHashMap<>();
    private final Map<String, String> authorizations = new ConcurrentHashMap<>();
    private final List<String> deletes = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final java.util.Set<String> refuseDeletes = ConcurrentHashMap.newKeySet();
    private final DynamoDbClient client = DYNAMO.newClient();
    private final GreenMail smtp = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    private final ByteArrayOutputStream logs = new ByteArrayOutputStream();
    private final Clock clock = Clock.fixed(Instant.parse("2026-11-27T17:00:00Z"), ZoneOffset.UTC);
    private final HttpServer s3;
    private final SesEmailHandler handler;
    private final OutboxSender sender;
    private final WebhookIntake webhooks;
    private final DynamoConversationStore conversations;

    SesEmailHandlerTest() throws Exception {
        smtp.start();
        s3 = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 8);
        s3.createContext("/", exchange -> {
            String path = exchange.getRequestURI().getPath();
            authorizations.put(path, String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
            if (exchange.getRequestMethod().equals("DELETE")) {
                // DeleteObject: 204 whether or not the key exists (unversioned bucket); 403 where the test refuses.
                boolean refused = refuseDeletes.contains(path);
                deletes.add("DELETE " + path + " " + exchange.getRequestHeaders().getFirst("Authorization"));
                if (!refused) {
                    bucket.remove(path);
                }
                exchange.sendResponseHeaders(refused ? 403 : 204, -1);
                exchange.close();
                return;
            }
            byte[] object = bucket.get(path);
            exchange.sendResponseHeaders(object == null ? 404 : 200, object == null ? -1 : object.length);
            if (object != null) {
                exchange.getResponseBody().write(object);
            }
            exchange.close();
        });
        s3.start();
        PromptlyConfig config = ConfigParser.parse("""
                {"shops": {"%s": {
                  "name": "Demo Shop", "languages": ["de", "en"], "time_zone": "Europe/Berlin", "support_email": "%s",
                  "secrets": {"shopify_webhook": "literal:w", "messages": "literal:m", "agent_token": "literal:t"},
                  "business_hours": {"holidays": {"country": "DE"}, "weekly": {"monday": ["09:00-18:00"], "tuesday": ["09:00-18:00"],
                     "wednesday": ["09:00-18:00"], "thursday": ["09:00-18:00"], "friday": ["09:00-18:00"]}},
                  "sla": {"first_response": "PT4H"}, "handling_time_business_days": 2
                }}}""".formatted(shop.value(), support), "test", true);
        var log = new JsonLog("inbound-email", new PrintStream(logs, true, StandardCharsets.UTF_8), clock);
        var signed = new SignedHttp(UrlConnectionHttpClient.create(),
                StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDEXAMPLE", "test-secret")), Region.EU_CENTRAL_1);
        var reader = new S3ObjectReader(signed, Map.of("AWS_ENDPOINT_URL_S3", "http://127.0.0.1:" + s3.getAddress().getPort()));
        conversations = new DynamoConversationStore(client, TABLE);
        var intake = MessageIntake.standard(config, conversations, new DynamoOrderStore(client, TABLE), clock, log);
        var deleter = new S3ObjectDeleter(signed, Map.of("AWS_ENDPOINT_URL_S3", "http://127.0.0.1:" + s3.getAddress().getPort()));
        webhooks = new WebhookIntake(config, ref -> ref.name(), new DynamoOrderStore(client, TABLE), new DynamoDataExportStore(client, TABLE),
                conversations, new S3RawMailEraser(deleter, "promptly-mail", "inbound/"), clock);
        handler = new SesEmailHandler(new EmailIntake(intake, id -> reader.read("promptly-mail", "inbound/" + id), new MimeMailParser(), log), log);
        sender = new OutboxSender(new DynamoOutboxStore(client, TABLE), Optional.of(new SmtpMailTransport("127.0.0.1", smtp.getSmtp().getPort())),
                new MailComposer(), clock, log);
    }

    @AfterEach
    void close() {
        s3.stop(0);
        smtp.stop();
        client.close();
    }

    private static final String LATIN1_MAIL = String.join("\r\n",
            "Return-Path: <anna.beispiel@example.com>",
            "From: =?ISO-8859-1?Q?Anna_M=FCller?= <Anna.Beispiel@example.com>",
            "To: %s",
            "Subject: =?ISO-8859-1?Q?Frage_zur_R=FCcksendung?=",
            "Message-ID: <latin1-0001@mail.example.com>",
            "Date: Fri, 27 Nov 2026 17:59:00 +0100",
            "MIME-Version: 1.0",
            "Content-Type: text/plain; charset=ISO-8859-1",
            "Content-Transfer-Encoding: quoted-printable",
            "",
            "Guten Tag, ich m=F6chte meine Jacke zur=FCckschicken. Wie geht das?",
            "Gr=FC=DFe, Anna",
            "");

    private ObjectNode event(String sesId, String recipient, String spam, String virus) throws Exception {
        ObjectNode event = (ObjectNode) JSON.readTree(Files.readString(Path.of("..", "..", "events", "ses-inbound", "receipt.json")));
        ObjectNode ses = (ObjectNode) event.get("Records").get(0).get("ses");
        ((ObjectNode) ses.get("mail")).put("messageId", sesId);
        ((ObjectNode) ses.get("receipt")).putArray("recipients").add(recipient);
        ((ObjectNode) ses.get("receipt").get("spamVerdict")).put("status", spam);
        ((ObjectNode) ses.get("receipt").get("virusVerdict")).put("status", virus);
        return event;
    }

    private void handle(ObjectNode event) throws Exception {
        handler.handleRequest(new ByteArrayInputStream(JSON.writeValueAsBytes(event)), new ByteArrayOutputStream(), null);
        sender.sweep(50);
    }

    private int storedItems() {
        return client.query(q -> q.tableName(TABLE).keyConditionExpression("pk = :s")
                .expressionAttributeValues(Map.of(":s", AttributeValue.fromS(shop.value())))).count();
    }

    @Test
    void aLatin1MailIsReadFromS3AndAcknowledgedInGerman() throws Exception {
        bucket.put("/promptly-mail/inbound/ses-1", LATIN1_MAIL.formatted(support).getBytes(StandardCharsets.ISO_8859_1));

        handle(event("ses-1", support, "PASS", "PASS"));

        assertTrue(authorizations.get("/promptly-mail/inbound/ses-1").startsWith("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/"),
                authorizations.toString());
        MimeMessage[] received = smtp.getReceivedMessages();
        assertEquals(1, received.length);
        assertEquals("anna.beispiel@example.com", received[0].getAllRecipients()[0].toString());
        assertEquals("<latin1-0001@mail.example.com>", received[0].getHeader("In-Reply-To")[0]);
        String text = (String) ((Multipart) received[0].getContent()).getBodyPart(0).getContent();
        // Her first mail and no order: the acknowledgement greets no one by name (the From could be anyone's).
        assertTrue(text.startsWith("Hallo,"), text);
    }

    @Test
    void aMailFromTheCustomersAddressContinuesTheirConversationByItsTicket() throws Exception {
        bucket.put("/promptly-mail/inbound/ses-t1", LATIN1_MAIL.formatted(support).getBytes(StandardCharsets.ISO_8859_1));
        handle(event("ses-t1", support, "PASS", "PASS"));
        var first = dev.promptly.core.message.ConversationId.derive(shop.value(), "latin1-0001@mail.example.com");
        String reply = LATIN1_MAIL.formatted(support)
                .replace("Message-ID: <latin1-0001@mail.example.com>", "Message-ID: <latin1-0002@mail.example.com>")
                .replace("Subject: =?ISO-8859-1?Q?Frage_zur_R=FCcksendung?=", "Subject: Re: [" + first.ticket() + "] Ihre Nachricht");
        bucket.put("/promptly-mail/inbound/ses-t2", reply.getBytes(StandardCharsets.ISO_8859_1));

        handle(event("ses-t2", support, "PASS", "PASS"));

        assertEquals(1, smtp.getReceivedMessages().length, "a follow-up is not acknowledged again");
        assertEquals(2, new DynamoConversationStore(client, TABLE).load(shop, first).orElseThrow().conversation().messageCount());
    }

    @Test
    void theSameSesEventTwiceSendsOneAcknowledgement() throws Exception {
        bucket.put("/promptly-mail/inbound/ses-2", LATIN1_MAIL.formatted(support).getBytes(StandardCharsets.ISO_8859_1));

        handle(event("ses-2", support, "PASS", "PASS"));
        handle(event("ses-2", support, "PASS", "PASS"));

        assertEquals(1, smtp.getReceivedMessages().length);
    }

    @Test
    void spamIsRecordedButNotAnswered() throws Exception {
        bucket.put("/promptly-mail/inbound/ses-3", LATIN1_MAIL.formatted(support).getBytes(StandardCharsets.ISO_8859_1));

        handle(event("ses-3", support, "FAIL", "PASS"));

        assertEquals(0, smtp.getReceivedMessages().length);
        assertTrue(storedItems() > 0);
    }

    @Test
    void mailWithAVirusIsDroppedUnread() throws Exception {
        bucket.put("/promptly-mail/inbound/ses-4", LATIN1_MAIL.formatted(support).getBytes(StandardCharsets.ISO_8859_1));

        handle(event("ses-4", support, "PASS", "FAIL"));

        assertEquals(0, smtp.getReceivedMessages().length);
        assertEquals(0, storedItems());
        assertEquals(null, authorizations.get("/promptly-mail/inbound/ses-4"));
    }

    @Test
    void aDeliveryReportIsNeverAnswered() throws Exception {
        String bounce = String.join("\r\n",
                "Return-Path: <>",
                "From: Mail Delivery System <MAILER-DAEMON@mail.example.com>",
                "To: " + support,
                "Subject: Undelivered Mail Returned to Sender",
                "Message-ID: <bounce-1@mail.example.com>",
                "MIME-Version: 1.0",
                "Content-Type: multipart/report; report-type=delivery-status; boundary=\"b1\"",
                "",
                "--b1",
                "Content-Type: text/plain",
                "",
                "Your message could not be delivered.",
                "--b1",
                "Content-Type: message/delivery-status",
                "",
                "Reporting-MTA: dns; mail.example.com",
                "",
                "Final-Recipient: rfc822; nobody@example.com",
                "Action: failed",
                "Status: 5.1.1",
                "--b1--",
                "");
        bucket.put("/promptly-mail/inbound/ses-5", bounce.getBytes(StandardCharsets.US_ASCII));

        handle(event("ses-5", support, "PASS", "PASS"));

        assertEquals(0, smtp.getReceivedMessages().length);
        assertTrue(storedItems() > 0, "the team still sees it");
    }

    @Test
    void mailForAnAddressNoShopUsesIsDropped() throws Exception {
        bucket.put("/promptly-mail/inbound/ses-6", LATIN1_MAIL.formatted("info@elsewhere.example").getBytes(StandardCharsets.ISO_8859_1));

        handle(event("ses-6", "info@elsewhere.example", "PASS", "PASS"));

        assertEquals(0, smtp.getReceivedMessages().length);
        assertEquals(0, storedItems());
    }

    @Test
    void aMalformedEventIsLoggedAndDropped() throws Exception {
        handler.handleRequest(new ByteArrayInputStream("{\"Records\": []}".getBytes(StandardCharsets.UTF_8)), new ByteArrayOutputStream(), null);

        assertTrue(logs.toString(StandardCharsets.UTF_8).contains("email.bad_event"));
    }

    @Test
    void aMailTooLargeToReadIsRecordedFromSesHeadersAndAcknowledged() throws Exception {
        byte[] huge = new byte[MimeMailParser.MAX_BYTES + 1];
        java.util.Arrays.fill(huge, (byte) 'a');
        bucket.put("/promptly-mail/inbound/ses-7", huge);
        ObjectNode event = event("ses-7", support, "PASS", "PASS");
        ObjectNode common = (ObjectNode) event.get("Records").get(0).get("ses").get("mail").get("commonHeaders");
        common.putArray("from").add("Anna Beispiel <anna.beispiel@example.com>");
        common.put("subject", "Fotos vom beschädigten Paket");
        common.put("messageId", "<huge-1@mail.example.com>");

        handle(event);

        assertEquals(1, smtp.getReceivedMessages().length);
        assertEquals("anna.beispiel@example.com", smtp.getReceivedMessages()[0].getAllRecipients()[0].toString());
        var conversations = new DynamoConversationStore(client, TABLE);
        var id = conversations.conversationOfMessage(shop, "huge-1@mail.example.com").orElseThrow();
        String text = conversations.messages(shop, id).get(0).get("text").asText();
        assertTrue(text.contains("too large to read automatically") && text.contains("ses-7"), text);
    }

    /** A signed-through-AWS {@code customers/redact} for Anna (e-mail only), as EventBridge delivers it. */
    private void redactAnna() {
        byte[] body = ("{\"shop_domain\": \"" + shop.value() + "\", \"customer\": {\"id\": 7001, \"email\": \"anna.beispiel@example.com\"},"
                + " \"orders_to_redact\": []}").getBytes(StandardCharsets.UTF_8);
        webhooks.accept(new WebhookDelivery(WebhookDelivery.Source.EVENTBRIDGE, shop.value(), "customers/redact", "redact-1", null, body));
    }

    @Test
    void aRedactionDeletesTheCustomersStoredMailFromTheBucketAndKeepsOtherCustomersMail() throws Exception {
        bucket.put("/promptly-mail/inbound/ses-20", LATIN1_MAIL.formatted(support).getBytes(StandardCharsets.ISO_8859_1));
        bucket.put("/promptly-mail/inbound/ses-21", LATIN1_MAIL.formatted(support).replace("Anna.Beispiel@example.com", "bea@example.org")
                .replace("latin1-0001", "latin1-0002").getBytes(StandardCharsets.ISO_8859_1));
        handle(event("ses-20", support, "PASS", "PASS"));
        handle(event("ses-21", support, "PASS", "PASS"));

        redactAnna();

        assertEquals(1, deletes.size(), deletes.toString());
        assertTrue(deletes.get(0).startsWith("DELETE /promptly-mail/inbound/ses-20 AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/"), deletes.toString());
        assertFalse(bucket.containsKey("/promptly-mail/inbound/ses-20"), "Anna's mail is gone from S3");
        assertTrue(bucket.containsKey("/promptly-mail/inbound/ses-21"), "another customer's mail stays");
        assertTrue(conversations.customerConversations(shop, c -> "anna.beispiel@example.com".equals(c.customer().email())).isEmpty());
        assertEquals(1, conversations.customerConversations(shop, c -> "bea@example.org".equals(c.customer().email())).size());
    }

    @Test
    void aRefusedMailDeletionFailsTheRedactionAndTheRedeliveryFinishesIt() throws Exception {
        bucket.put("/promptly-mail/inbound/ses-22", LATIN1_MAIL.formatted(support).getBytes(StandardCharsets.ISO_8859_1));
        handle(event("ses-22", support, "PASS", "PASS"));
        refuseDeletes.add("/promptly-mail/inbound/ses-22");

        var refused = org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class, this::redactAnna);
        int conversationsAfterFailure = conversations.customerConversations(shop, c -> "anna.beispiel@example.com".equals(c.customer().email())).size();
        refuseDeletes.clear();
        redactAnna();

        assertTrue(refused.getMessage().contains("HTTP 403") && !refused.getMessage().contains("anna"), refused.getMessage());
        assertEquals(1, conversationsAfterFailure, "nothing was erased yet, so the redelivery still finds the mail to delete");
        assertFalse(bucket.containsKey("/promptly-mail/inbound/ses-22"));
        assertTrue(conversations.customerConversations(shop, c -> "anna.beispiel@example.com".equals(c.customer().email())).isEmpty());
    }

    @Test
    void aMailOfFiveThousandNestedMultipartsIsRecordedAndAcknowledged() throws Exception {
        var mail = new StringBuilder("From: anna.beispiel@example.com\r\nTo: " + support + "\r\nSubject: Verschachtelt\r\n"
                + "Message-ID: <nested-1@mail.example.com>\r\nMIME-Version: 1.0\r\n");
        for (int level = 0; level < 5_000; level++) {
            mail.append("Content-Type: multipart/mixed; boundary=\"b").append(level).append("\"\r\n\r\n--b").append(level).append("\r\n");
        }
        mail.append("Content-Type: text/plain\r\n\r\nWo bleibt meine Bestellung?\r\n");
        for (int level = 4_999; level >= 0; level--) {
            mail.append("--b").append(level).append("--\r\n");
        }
        bucket.put("/promptly-mail/inbound/ses-8", mail.toString().getBytes(StandardCharsets.US_ASCII));

        handle(event("ses-8", support, "PASS", "PASS"));

        assertEquals(1, smtp.getReceivedMessages().length);
        var conversations = new DynamoConversationStore(client, TABLE);
        var id = conversations.conversationOfMessage(shop, "nested-1@mail.example.com").orElseThrow();
        var stored = conversations.messages(shop, id).get(0);
        assertEquals("multipart/mixed", stored.get("attachments").get(0).get("content_type").asText(), stored.toString());
    }

    @Test
    void aMailWithHundredsOfLongNamedAttachmentsIsStoredWithBoundedNotes() throws Exception {
        String longName = "a".repeat(5_000);
        var mail = new StringBuilder("From: anna.beispiel@example.com\r\nTo: " + support + "\r\nSubject: " + "Fotos ".repeat(1_000) + "\r\n"
                + "Message-ID: <attachments-1@mail.example.com>\r\nMIME-Version: 1.0\r\n"
                + "Content-Type: multipart/mixed; boundary=\"b\"\r\n\r\n--b\r\nContent-Type: text/plain\r\n\r\nAnbei die Fotos.\r\n");
        for (int i = 0; i < 150; i++) {
            mail.append("--b\r\nContent-Type: image/jpeg\r\nContent-Disposition: attachment; filename=\"").append(longName).append(i)
                    .append(".jpg\"\r\n\r\nx\r\n");
        }
        mail.append("--b--\r\n");
        bucket.put("/promptly-mail/inbound/ses-9", mail.toString().getBytes(StandardCharsets.US_ASCII));

        handle(event("ses-9", support, "PASS", "PASS"));

        var conversations = new DynamoConversationStore(client, TABLE);
        var id = conversations.conversationOfMessage(shop, "attachments-1@mail.example.com").orElseThrow();
        var stored = conversations.messages(shop, id).get(0);
        assertEquals(100, stored.get("attachments").size());
        assertEquals(50, stored.get("attachments_omitted").asInt());
        assertEquals(255, stored.get("attachments").get(0).get("filename").asText().length());
        assertEquals(MimeMailParser.MAX_SUBJECT_CHARS, stored.get("subject").asText().length());
        assertEquals(1, smtp.getReceivedMessages().length);
    }
}
