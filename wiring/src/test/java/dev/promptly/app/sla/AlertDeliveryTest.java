package dev.promptly.app.sla;

import static dev.promptly.app.sla.SlaTestSystem.berlin;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.promptly.alert.slack.SlackWebhook;
import dev.promptly.app.outbox.AlertChannel;
import dev.promptly.app.outbox.MailTransport;
import dev.promptly.app.outbox.OutboxSender;
import dev.promptly.aws.http.SignedHttp;
import dev.promptly.aws.sns.SnsPublisher;
import dev.promptly.core.outbox.OutboxMessage;
import dev.promptly.core.outbox.OutboxStatus;
import dev.promptly.log.JsonLog;
import dev.promptly.mail.MailComposer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;

/**
 * SLA alerts from the monitor through the outbox sender to a Slack incoming webhook and an SNS endpoint,
 * both real HTTP servers on this machine, and to e-mail through a mail transport: what each receives.
 */
class AlertDeliveryTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TOPIC = "arn:aws:sns:eu-central-1:123456789012:promptly-alerts";

    private HttpServer server;
    private final List<String> slackBodies = new CopyOnWriteArrayList<>();
    private final List<Map<String, String>> snsRequests = new CopyOnWriteArrayList<>();
    private final AtomicInteger slackFailuresLeft = new AtomicInteger();
    private final List<byte[]> mails = new CopyOnWriteArrayList<>();

    @BeforeEach
    void startServers() throws Exception {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 8);
        server.createContext("/services/T000/B000/hook", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            boolean fail = slackFailuresLeft.getAndDecrement() > 0;
            if (!fail) {
                slackBodies.add(body);
            }
            byte[] answer = (fail ? "server_error" : "ok").getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(fail ? 503 : 200, answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        server.createContext("/", exchange -> {
            Map<String, String> request = new HashMap<>();
            request.put("authorization", exchange.getRequestHeaders().getFirst("Authorization"));
            request.put("content-type", exchange.getRequestHeaders().getFirst("Content-Type"));
            for (String pair : new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8).split("&")) {
                int eq = pair.indexOf('=');
                request.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
            snsRequests.add(request);
            byte[] answer = ("<PublishResponse xmlns=\"https://sns.amazonaws.com/doc/2010-03-31/\"><PublishResult>"
                    + "<MessageId>94f20ce6-13c5-43a0-9a9e-ca52d816e90b</MessageId></PublishResult></PublishResponse>").getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stopServers() {
        server.stop(0);
    }

    private String base() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private SlaTestSystem systemAlertingEverywhere() {
        return new SlaTestSystem("""
                {"first_response": "PT4H",
                 "alerts": {"targets": {"team": {"slack": "literal:%s/services/T000/B000/hook"}, "ops": {"sns": "%s"},
                                        "lead": {"email": "lead@demo-shop.example"}},
                            "stages": [{"stage": "warning", "before": "PT60M", "notify": ["team"]},
                                       {"stage": "breach", "notify": ["team", "ops", "lead"]}],
                            "conversation_url": "https://helpdesk.demo-shop.example/tickets/{ticket}"}}""".formatted(base(), TOPIC));
    }

    private OutboxSender sender(SlaTestSystem system) {
        var signed = new SignedHttp(UrlConnectionHttpClient.create(),
                StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDEXAMPLE", "secret-for-tests")), Region.EU_CENTRAL_1);
        Map<String, AlertChannel> channels = Map.of(SlackWebhook.CHANNEL, new SlackWebhook(ref -> ref.name()),
                SnsPublisher.CHANNEL, new SnsPublisher(signed, Map.of("AWS_ENDPOINT_URL_SNS", base())));
        MailTransport mail = (from, to, mime) -> {
            mails.add(mime);
            return "mail-1";
        };
        return new OutboxSender(system.outbox, Optional.of(mail), new MailComposer(), channels, system.clock,
                new JsonLog("outbox", new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8), system.clock));
    }

    private static void deliverAll(OutboxSender sender, SlaTestSystem system) {
        system.alerts().forEach(m -> sender.deliver(m.shop(), m.id()));
    }

    @Test
    void slackReceivesAReadableBlockMessageWithLinkCustomerClockAndTimeLeft() throws Exception {
        var system = systemAlertingEverywhere();
        var id = system.message("m1");
        system.clock.set(berlin("2026-11-25T13:20"));
        system.monitor().run(100);

        deliverAll(sender(system), system);

        assertEquals(1, slackBodies.size());
        JsonNode payload = JSON.readTree(slackBodies.get(0));
        assertEquals("SLA warning: First response for PR-" + id.value() + " due in 40 min", payload.get("text").asText());
        assertEquals("header", payload.get("blocks").get(0).get("type").asText());
        List<String> fields = new ArrayList<>();
        payload.get("blocks").get(1).get("fields").forEach(f -> fields.add(f.get("text").asText()));
        assertTrue(fields.contains("*Ticket*\n<https://helpdesk.demo-shop.example/tickets/PR-" + id.value() + "|PR-" + id.value() + ">"), fields.toString());
        assertTrue(fields.contains("Customer\nAnna Beispiel"), fields.toString());
        assertTrue(fields.contains("*Clock*\nFirst response"), fields.toString());
        assertTrue(fields.contains("*Due*\nWed 25 Nov 14:00 (Europe/Berlin)"), fields.toString());
        assertTrue(fields.contains("*Time left*\n40 min"), fields.toString());
        assertTrue(payload.get("blocks").get(2).get("elements").get(0).get("text").asText().startsWith("Policy default (matches every conversation)"));
        assertEquals("https://helpdesk.demo-shop.example/tickets/PR-" + id.value(), payload.get("blocks").get(3).get("elements").get(0).get("url").asText());
        assertEquals(OutboxStatus.SENT, system.alerts().get(0).status());
        assertFalse(system.alerts().get(0).to().contains("hook") && !system.alerts().get(0).to().startsWith("literal:"),
                "the record keeps the secret reference");
    }

    @Test
    void aCustomerNameWithSlackMarkupReachesTheWebhookAsPlainTextThatMentionsNoOne() throws Exception {
        var system = systemAlertingEverywhere();
        String name = "*URGENT* _refund_ ~x~ `rm` <!channel> <https://evil.example|Open ticket> & co";
        system.intake.accept(new dev.promptly.core.message.InboundMessage(system.shop, dev.promptly.core.message.Channel.CHAT, "m-markup",
                new dev.promptly.core.message.Sender(name, "markup@example.com", null), null, "Hallo, eine Frage.", List.of(), "session-markup",
                system.clock.instant(), Map.of(), null, List.of(), false));
        system.clock.set(berlin("2026-11-25T13:20"));
        system.monitor().run(100);

        deliverAll(sender(system), system);

        assertEquals(1, slackBodies.size());
        JsonNode payload = JSON.readTree(slackBodies.get(0));
        JsonNode customer = null;
        for (JsonNode field : payload.get("blocks").get(1).get("fields")) {
            if (field.get("text").asText().startsWith("Customer")) {
                customer = field;
            }
        }
        assertEquals("plain_text", customer.get("type").asText(), payload.toString());
        assertEquals("Customer\n" + name, customer.get("text").asText());
        List<String> mrkdwn = new ArrayList<>();
        payload.findParents("type").forEach(node -> {
            if (node.get("type").asText().equals("mrkdwn")) {
                mrkdwn.add(node.get("text").asText());
            }
        });
        assertTrue(mrkdwn.stream().noneMatch(text -> text.contains("channel") || text.contains("URGENT") || text.contains("evil")), mrkdwn.toString());
    }

    @Test
    void theBreachGoesToSlackSnsAndEMailAndSnsGetsASignedPublish() throws Exception {
        var system = systemAlertingEverywhere();
        var id = system.message("m1");
        system.clock.set(berlin("2026-11-25T14:10"));
        system.monitor().run(100);

        deliverAll(sender(system), system);

        assertEquals(1, slackBodies.size(), "the warning is superseded by the breach");
        assertTrue(JSON.readTree(slackBodies.get(0)).get("text").asText().startsWith("SLA breached: First response for PR-" + id.value()));
        assertEquals(1, snsRequests.size());
        Map<String, String> publish = snsRequests.get(0);
        assertEquals("Publish", publish.get("Action"));
        assertEquals(TOPIC, publish.get("TopicArn"));
        assertEquals("SLA breached: First response for PR-" + id.value(), publish.get("Subject"));
        assertTrue(publish.get("Message").contains("Overdue by: 10 min"), publish.get("Message"));
        assertTrue(publish.get("authorization").startsWith("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/"), publish.get("authorization"));
        assertTrue(publish.get("authorization").contains("/eu-central-1/sns/aws4_request"), publish.get("authorization"));
        assertTrue(publish.get("content-type").startsWith("application/x-www-form-urlencoded"));
        assertEquals(1, mails.size());
        String mime = new String(mails.get(0), StandardCharsets.UTF_8);
        assertTrue(mime.contains("To: lead@demo-shop.example"), mime);
        assertTrue(mime.contains("Auto-Submitted: auto-generated"), mime);
        assertTrue(system.alerts().stream().allMatch(m -> m.status() == OutboxStatus.SENT), system.alerts().toString());
        OutboxMessage sns = system.alerts().stream().filter(m -> m.channel().equals("sns")).findFirst().orElseThrow();
        assertEquals("94f20ce6-13c5-43a0-9a9e-ca52d816e90b", sns.providerMessageId());
    }

    @Test
    void aSlackOutageIsRetriedWithBackOff() {
        var system = systemAlertingEverywhere();
        system.message("m1");
        system.clock.set(berlin("2026-11-25T13:20"));
        system.monitor().run(100);
        slackFailuresLeft.set(1);
        var sender = sender(system);

        var first = sender.deliver(system.shop, system.alerts().get(0).id());
        var pending = system.alerts().get(0);
        system.clock.advance(Duration.ofMinutes(1));
        var second = sender.deliver(system.shop, pending.id());

        assertEquals(OutboxSender.Result.RETRY_LATER, first);
        assertEquals(OutboxStatus.PENDING, pending.status());
        assertTrue(pending.lastError().startsWith("Slack refused the alert: HTTP 503"), pending.lastError());
        assertEquals(OutboxSender.Result.SENT, second);
        assertEquals(1, slackBodies.size());
    }
}
