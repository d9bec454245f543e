package dev.promptly.functions.helpdesk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.promptly.app.helpdesk.HelpdeskNoteChannel;
import dev.promptly.app.helpdesk.HelpdeskNotes;
import dev.promptly.app.outbox.OutboxSender;
import dev.promptly.aws.AwsClients;
import dev.promptly.aws.dynamodb.PromptlyTable;
import dev.promptly.config.ConfigParser;
import dev.promptly.config.PromptlyConfig;
import dev.promptly.core.ShopDomain;
import dev.promptly.core.message.ConversationId;
import dev.promptly.dynamodblocal.EmbeddedDynamoDb;
import dev.promptly.helpdesk.HelpdeskConnectors;
import dev.promptly.log.JsonLog;
import dev.promptly.testing.MovableClock;
import dev.promptly.wiring.ComplianceWiring;
import dev.promptly.wiring.ConversationWiring;
import dev.promptly.wiring.DelayWiring;
import dev.promptly.wiring.Deployment;
import dev.promptly.wiring.IntakeWiring;
import dev.promptly.wiring.PromptlyEnvironment;
import dev.promptly.wiring.Stores;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * A shop on Zendesk, end to end against DynamoDB Local and a JDK HttpServer standing in for Zendesk's API:
 * a customer's ticket becomes a linked conversation with one internal note on the ticket, an agent's reply
 * stops the first-response clock, and redelivered or reordered webhooks change nothing.
 */
class HelpdeskEventsEndToEndTest {
    private static final String TABLE = "promptly-helpdesk-test";
    private static final Map<String, String> DEPLOYED = Map.of(PromptlyTable.TABLE_NAME_ENV, TABLE, PromptlyEnvironment.CONFIG_FILE, "unused.json");
    private static final EmbeddedDynamoDb DYNAMO = EmbeddedDynamoDb.inMemory(List.of(PromptlyTable.createTableRequest(TABLE)));
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SECRET = "zendesk-signing-secret";

    private final ShopDomain shop = new ShopDomain("hd-" + UUID.randomUUID().toString().substring(0, 8) + ".myshopify.com");
    // A Wednesday inside business hours.
    private final MovableClock clock = new MovableClock(Instant.parse("2026-11-25T09:30:00Z"));
    private final DynamoDbClient client = DYNAMO.newClient();
    private final ByteArrayOutputStream logs = new ByteArrayOutputStream();
    private final List<String> zendeskRequests = new ArrayList<>();
    /** Raw mails as SES stores them in S3, by SES message id. */
    private final Map<String, byte[]> storedMail = new java.util.concurrent.ConcurrentHashMap<>();
    private final HttpServer zendesk = zendesk();
    private final PromptlyConfig config = ConfigParser.parse("""
            {"shops": {"%s": {
              "name": "Demo Shop", "languages": ["en"], "time_zone": "Europe/Berlin", "support_email": "support@demo-shop.example",
              "secrets": {"shopify_webhook": "literal:w", "messages": "literal:m", "agent_token": "literal:a"},
              "business_hours": {"weekly": {"wednesday": ["09:00-18:00"], "thursday": ["09:00-18:00"]}},
              "sla": {"first_response": "PT4H"}, "handling_time_business_days": 2,
              "inbound_addresses": ["support@demo-shop.example", "replies@help.demo-shop.example"],
              "team": {"copy_to": null, "addresses": ["agents@demo-shop.example"]},
              "helpdesk": {"vendor": "zendesk", "base_url": "http://127.0.0.1:%d", "user": "agent@demo-shop.example",
                           "api_token": "literal:zendesk-api-token", "webhook_secret": "literal:%s", "acknowledge_via": "mail"}
            }}}""".formatted(shop.value(), zendesk.getAddress().getPort(), SECRET), "test", true);
    private final Deployment deployment = Deployment.builder().awsAdapters(DEPLOYED, new AwsClients(false)).dynamoDb(client, TABLE)
            .config(config).secrets(ref -> ref.name()).clock(clock).rawMail(() -> storedMail::get).mailTransport(java.util.Optional::empty).alertChannels(Map::of)
            .logs(function -> new JsonLog(function, new PrintStream(logs, true, StandardCharsets.UTF_8), clock)).build();
    private final HelpdeskEventsHandler handler = new HelpdeskEventsHandler(deployment);

    private HttpServer zendesk() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext("/", exchange -> {
                String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
                synchronized (zendeskRequests) {
                    zendeskRequests.add(exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath() + " "
                            + exchange.getRequestHeaders().getFirst("Authorization") + " " + body);
                }
                byte[] answer = "{\"ticket\":{\"id\":4711},\"audit\":{\"id\":99}}".getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, answer.length);
                exchange.getResponseBody().write(answer);
                exchange.close();
            });
            server.start();
            return server;
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @AfterEach
    void stop() {
        zendesk.stop(0);
    }

    /** A trigger body as docs/helpdesks.md has the shop configure it, filled as Zendesk would. */
    private static String body(String event, String updatedAt, String status, String comment) {
        return """
                {"event": "%s", "ticket_id": "4711", "updated_at": "%s", "status": "%s", "priority": "normal", "tags": "shipping",
                 "subject": "Where is my parcel?", "requester_email": "anna@example.com", "requester_name": "Anna Example",
                 "comment": %s}""".formatted(event, updatedAt, status, comment == null ? "null" : JSON.valueToTree(comment).toString());
    }

    /** Signed as https://developer.zendesk.com/documentation/webhooks/verifying/ says: base64(HMAC-SHA256(timestamp + body)). */
    private APIGatewayV2HTTPResponse post(String shopName, String body, String secret) throws Exception {
        return post(handler, shopName, body, secret, clock.instant().toString());
    }

    private APIGatewayV2HTTPResponse post(HelpdeskEventsHandler handler, String shopName, String body, String secret) throws Exception {
        return post(handler, shopName, body, secret, clock.instant().toString());
    }

    private APIGatewayV2HTTPResponse post(String shopName, String body, String secret, String timestamp) throws Exception {
        return post(handler, shopName, body, secret, timestamp);
    }

    private static APIGatewayV2HTTPResponse post(HelpdeskEventsHandler handler, String shopName, String body, String secret, String timestamp)
            throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        String signature = Base64.getEncoder().encodeToString(mac.doFinal((timestamp + body).getBytes(StandardCharsets.UTF_8)));
        Map<String, String> headers = new HashMap<>(Map.of("X-Zendesk-Webhook-Signature", signature,
                "X-Zendesk-Webhook-Signature-Timestamp", timestamp, "Content-Type", "application/json"));
        return handler.handleRequest(APIGatewayV2HTTPEvent.builder().withPathParameters(Map.of("vendor", "zendesk", "shop", shopName))
                .withHeaders(headers).withBody(body).withIsBase64Encoded(false).build(), null);
    }

    /**
     * The shop without mailbox settings, its helpdesk at the stand-in with {@code helpdeskExtra} members, and
     * {@code shopExtra} members (each string empty or starting with a comma).
     */
    private PromptlyConfig variant(String helpdeskExtra, String shopExtra) {
        return ConfigParser.parse(config.shops().values().iterator().next().helpdeskSettings().map(h -> """
                {"shops": {"%s": {
                  "name": "Demo Shop", "languages": ["en"], "time_zone": "Europe/Berlin", "support_email": "support@demo-shop.example",
                  "secrets": {"shopify_webhook": "literal:w", "messages": "literal:m", "agent_token": "literal:a"},
                  "business_hours": {"weekly": {"wednesday": ["09:00-18:00"], "thursday": ["09:00-18:00"]}},
                  "sla": {"first_response": "PT4H"}, "handling_time_business_days": 2,
                  "helpdesk": {"vendor": "zendesk", "base_url": "%s", "user": "agent@demo-shop.example",
                               "api_token": "literal:zendesk-api-token", "webhook_secret": "literal:%s"%s}%s
                }}}""".formatted(shop.value(), h.baseUrl(), SECRET, helpdeskExtra, shopExtra)).orElseThrow(), "test", true);
    }

    private JsonNode answer(APIGatewayV2HTTPResponse response) throws Exception {
        return JSON.readTree(response.getBody());
    }

    private ConversationId linkedConversation() {
        return Stores.of(deployment).helpdeskLinks().byTicket(shop, dev.promptly.config.HelpdeskSettings.Vendor.ZENDESK, "4711").orElseThrow().conversation();
    }

    private JsonNode firstResponseClock(ConversationId conversation) {
        for (JsonNode clock : ConversationWiring.agentActivity(deployment).view(shop, conversation).orElseThrow().path("clocks")) {
            if (clock.path("kind").asText().equals("first_response")) {
                return clock;
            }
        }
        throw new AssertionError("no first-response clock");
    }

    /** The outbox sender as the outbox-sender function wires it, with the helpdesk channel (this module carries no mail adapter). */
    private OutboxSender helpdeskSender() {
        return new OutboxSender(Stores.of(deployment).outbox(), java.util.Optional.empty(), message -> {
            throw new AssertionError("no mail in this test");
        }, Map.of(HelpdeskNotes.CHANNEL, new HelpdeskNoteChannel(config, ref -> ref.name(), HelpdeskConnectors.standard())), clock,
                deployment.log("outbox"));
    }

    private int slaEvents(ConversationId conversation) {
        return Stores.of(deployment).slas().events(shop, conversation).size();
    }

    @Test
    void customerTicketGetsOneNoteAndAgentReplyStopsTheFirstResponseClock() throws Exception {
        // Given a customer's new ticket in Zendesk
        APIGatewayV2HTTPResponse opened = post(shop.value(), body("customer_message", "2026-11-25T09:29:00Z", "new",
                "Hello, I have a question about your return policy."), SECRET);

        // Then it opens a linked conversation, acknowledged by mail, and one internal note waits in the outbox
        assertEquals(200, opened.getStatusCode(), opened.getBody());
        // (the ticket's tag "shipping" is recorded too: tags choose the SLA policy)
        assertEquals("customer_message+tags_changed", answer(opened).path("events").get(0).asText());
        ConversationId conversation = linkedConversation();
        assertEquals("running", firstResponseClock(conversation).path("state").asText());
        OutboxSender sender = helpdeskSender();
        assertEquals(OutboxSender.Result.SENT, sender.deliver(shop, "HDNOTE-ack-" + conversation.value()));
        assertEquals(OutboxSender.Result.NOT_DUE, sender.deliver(shop, "HDNOTE-ack-" + conversation.value()), "a note is written once");
        assertEquals(1, zendeskRequests.size());
        String request = zendeskRequests.get(0);
        String basic = "Basic " + Base64.getEncoder().encodeToString("agent@demo-shop.example/token:zendesk-api-token".getBytes(StandardCharsets.UTF_8));
        assertTrue(request.startsWith("PUT /api/v2/tickets/4711.json " + basic + " "), request);
        JsonNode note = JSON.readTree(request.substring(request.indexOf(' ', request.indexOf(basic) + basic.length())));
        assertEquals(false, note.path("ticket").path("comment").path("public").asBoolean(true));
        assertTrue(note.path("ticket").path("comment").path("body").asText().contains(conversation.ticket()));
        assertEquals("promptly-ack", note.path("ticket").path("additional_tags").get(0).asText());

        // When an agent answers publicly twenty minutes later
        clock.advance(Duration.ofMinutes(20));
        String reply = body("agent_reply", "2026-11-25T09:50:00Z", "open", "Hi Anna, returns are free within 30 days.");
        APIGatewayV2HTTPResponse replied = post(shop.value(), reply, SECRET);

        // Then the first-response clock is met
        assertEquals("agent_replied", answer(replied).path("events").get(0).asText(), replied.getBody());
        assertEquals("satisfied", firstResponseClock(conversation).path("state").asText());

        // And Zendesk's redelivery of the same webhook changes nothing
        int before = slaEvents(conversation);
        APIGatewayV2HTTPResponse again = post(shop.value(), reply, SECRET);
        assertEquals(200, again.getStatusCode());
        assertEquals("duplicate", answer(again).path("events").get(0).asText());
        assertEquals(before, slaEvents(conversation));
    }

    @Test
    void sameReplyInASecondDeliveryCountsOnce() throws Exception {
        post(shop.value(), body("customer_message", "2026-11-25T09:29:00Z", "new", "Can I change my address?"), SECRET);
        ConversationId conversation = linkedConversation();
        clock.advance(Duration.ofMinutes(5));
        post(shop.value(), body("agent_reply", "2026-11-25T09:34:00Z", "open", "Yes, done."), SECRET);
        int before = slaEvents(conversation);

        // A second trigger (another invocation, later updated_at) shows the same reply again
        APIGatewayV2HTTPResponse again = post(shop.value(), body("agent_reply", "2026-11-25T09:35:00Z", "open", "Yes,  DONE."), SECRET);

        assertEquals("duplicate_reply", answer(again).path("events").get(0).asText(), again.getBody());
        assertEquals(before, slaEvents(conversation));
    }

    @Test
    void promptlysOwnAcknowledgementShownBackIsNoResponse() throws Exception {
        // A plain acknowledgement (not an answer that waits on the customer): under the fixture's subject "Where is my
        // parcel?" a later pre-purchase question is now read as a side request of a WISMO question, so ask to cancel.
        post(shop.value(), body("customer_message", "2026-11-25T09:29:00Z", "new", "Please cancel my order."), SECRET);
        ConversationId conversation = linkedConversation();
        String ackId = Stores.of(deployment).conversations().ackDecision(shop, conversation).orElseThrow().outboxId();
        String ackText = Stores.of(deployment).conversations().outboxMessage(shop, ackId).orElseThrow().text();

        APIGatewayV2HTTPResponse shownBack = post(shop.value(), body("agent_reply", "2026-11-25T09:31:00Z", "open", ackText), SECRET);

        assertEquals("own_reply", answer(shownBack).path("events").get(0).asText(), shownBack.getBody());
        assertEquals("running", firstResponseClock(conversation).path("state").asText());
    }

    @Test
    void olderTicketStateDeliveredLateChangesNothing() throws Exception {
        post(shop.value(), body("customer_message", "2026-11-25T09:29:00Z", "new", "Please cancel my order."), SECRET);
        ConversationId conversation = linkedConversation();
        clock.advance(Duration.ofMinutes(30));
        APIGatewayV2HTTPResponse solved = post(shop.value(), body("ticket_updated", "2026-11-25T09:58:00Z", "solved", null), SECRET);
        assertEquals("solved", answer(solved).path("events").get(0).asText(), solved.getBody());
        int before = slaEvents(conversation);

        // The "pending" update of 09:45 arrives after the "solved" one of 09:58
        APIGatewayV2HTTPResponse late = post(shop.value(), body("ticket_updated", "2026-11-25T09:45:00Z", "pending", null), SECRET);

        assertEquals("stale", answer(late).path("events").get(0).asText(), late.getBody());
        assertEquals(before, slaEvents(conversation));
        assertEquals("solved", ConversationWiring.agentActivity(deployment).view(shop, conversation).orElseThrow().path("status").asText());
    }

    @Test
    void pendingStatusAndPriorityBecomeTeamEvents() throws Exception {
        post(shop.value(), body("customer_message", "2026-11-25T09:29:00Z", "new", "Where is my refund?"), SECRET);
        ConversationId conversation = linkedConversation();
        clock.advance(Duration.ofMinutes(10));

        APIGatewayV2HTTPResponse changed = post(shop.value(), body("ticket_updated", "2026-11-25T09:39:00Z", "pending", null)
                .replace("\"priority\": \"normal\"", "\"priority\": \"urgent\""), SECRET);

        assertEquals("waiting_on_customer+priority_changed", answer(changed).path("events").get(0).asText(), changed.getBody());
        JsonNode view = ConversationWiring.agentActivity(deployment).view(shop, conversation).orElseThrow();
        assertEquals("waiting_on_customer", view.path("status").asText());
        assertEquals("urgent", view.path("explain").path("facts").path("priority").asText());
    }

    @Test
    void slaBreachOfALinkedTicketIsNotedOnItOnceWithTagAndUrgentPriority() throws Exception {
        post(shop.value(), body("customer_message", "2026-11-25T09:29:00Z", "new", "Can I pay by invoice next time?"), SECRET);
        ConversationId conversation = linkedConversation();
        // The monitor as SlaMonitorHandler runs it, with a plain alert format (this module carries no Slack adapter).
        var monitor = new dev.promptly.app.sla.SlaMonitor(config, Stores.of(deployment).conversations(), Stores.of(deployment).slas(),
                new dev.promptly.app.sla.AlertFormat() {
                    public String slackPayload(dev.promptly.core.sla.AlertText alert) {
                        return alert.title();
                    }

                    public String slackDigest(String title, List<String> lines) {
                        return title;
                    }
                }, clock, deployment.log("sla-monitor"), Stores.of(deployment).helpdeskLinks());

        // Four business hours later nobody has answered: the first response is breached
        clock.set(Instant.parse("2026-11-25T14:00:00Z"));
        monitor.run(100);
        monitor.run(100);

        List<dev.promptly.core.outbox.OutboxMessage> notes = Stores.of(deployment).outbox().list(shop).stream()
                .filter(m -> m.id().startsWith("HDNOTE-sla-") && m.id().endsWith("-breach")).toList();
        assertEquals(1, notes.size(), "one breach note, however often the monitor runs: "
                + Stores.of(deployment).outbox().list(shop).stream().map(m -> m.id()).toList() + " " + firstResponseClock(conversation));
        var note = notes.get(0);
        assertEquals("zendesk:4711", note.to());
        assertEquals("promptly-sla-breach", note.headers().get("tags"));
        assertEquals("urgent", note.headers().get("priority"));
        assertTrue(note.text().contains("Why: "), note.text());
        assertEquals(conversation.value(), note.conversationId());
    }

    @Test
    void shopThatAcknowledgesInItsHelpdeskGetsAPublicReplyAndNoMail() throws Exception {
        // Given the shop acknowledges through Zendesk
        PromptlyConfig viaHelpdesk = variant(", \"acknowledge_via\": \"helpdesk\"", "");
        Deployment d = Deployment.builder().awsAdapters(DEPLOYED, new AwsClients(false)).dynamoDb(client, TABLE)
                .config(viaHelpdesk).secrets(ref -> ref.name()).clock(clock)
                .logs(function -> new JsonLog(function, new PrintStream(logs, true, StandardCharsets.UTF_8), clock)).build();
        String body = body("customer_message", "2026-11-25T09:29:00Z", "new", "Do you offer gift wrapping?");
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        String timestamp = clock.instant().toString();
        String signature = Base64.getEncoder().encodeToString(mac.doFinal((timestamp + body).getBytes(StandardCharsets.UTF_8)));

        // When a customer writes in Zendesk
        APIGatewayV2HTTPResponse response = new HelpdeskEventsHandler(d).handleRequest(APIGatewayV2HTTPEvent.builder()
                .withPathParameters(Map.of("vendor", "zendesk", "shop", shop.value()))
                .withHeaders(Map.of("x-zendesk-webhook-signature", signature, "x-zendesk-webhook-signature-timestamp", timestamp))
                .withBody(body).withIsBase64Encoded(false).build(), null);

        // Then the acknowledgement goes as a public reply on the ticket, and its mail is withdrawn
        assertEquals(200, response.getStatusCode(), response.getBody());
        ConversationId conversation = Stores.of(d).helpdeskLinks().byTicket(shop, dev.promptly.config.HelpdeskSettings.Vendor.ZENDESK, "4711")
                .orElseThrow().conversation();
        String mailId = Stores.of(d).conversations().ackDecision(shop, conversation).orElseThrow().outboxId();
        OutboxSender sender = new OutboxSender(Stores.of(d).outbox(), java.util.Optional.empty(), message -> {
            throw new AssertionError("the acknowledgement must not be mailed");
        }, Map.of(HelpdeskNotes.CHANNEL, new HelpdeskNoteChannel(viaHelpdesk, ref -> ref.name(), HelpdeskConnectors.standard())), clock,
                d.log("outbox"), new dev.promptly.app.helpdesk.HelpdeskAckCheck(viaHelpdesk));
        assertEquals(OutboxSender.Result.WITHDRAWN, sender.deliver(shop, mailId));
        assertEquals(OutboxSender.Result.SENT, sender.deliver(shop, "HDREPLY-ack-" + conversation.value()));
        String ackText = Stores.of(d).conversations().outboxMessage(shop, mailId).orElseThrow().text();
        JsonNode reply = zendeskRequests.stream().map(r -> r.substring(r.indexOf(" {") + 1)).map(json -> {
            try {
                return JSON.readTree(json);
            } catch (java.io.IOException e) {
                throw new AssertionError(e);
            }
        }).filter(n -> n.path("ticket").path("comment").path("public").asBoolean(false)).findFirst().orElseThrow();
        assertEquals(ackText, reply.path("ticket").path("comment").path("body").asText());
    }

    @Test
    void aTicketSolvedInTheHelpdeskAfterAnAgentsReplyQueuesOneSatisfactionSurvey() throws Exception {
        // Given the shop sends satisfaction surveys
        PromptlyConfig withCsat = variant("", ", \"csat\": {\"enabled\": true, \"delay\": \"PT1H\", \"token_secret\": \"literal:csat\","
                + " \"link_base_url\": \"https://api.example.com\"}");
        Deployment d = Deployment.builder().awsAdapters(DEPLOYED, new AwsClients(false)).dynamoDb(client, TABLE)
                .config(withCsat).secrets(ref -> ref.name()).clock(clock)
                .logs(function -> new JsonLog(function, new PrintStream(logs, true, StandardCharsets.UTF_8), clock)).build();
        HelpdeskEventsHandler withSurveys = new HelpdeskEventsHandler(d);
        post(withSurveys, shop.value(), body("customer_message", "2026-11-25T09:29:00Z", "new", "Can I pay by invoice?"), SECRET);
        clock.advance(Duration.ofMinutes(10));
        post(withSurveys, shop.value(), body("agent_reply", "2026-11-25T09:39:00Z", "open", "Yes, you can."), SECRET);
        clock.advance(Duration.ofMinutes(10));

        // When the agent solves the ticket, and Zendesk delivers that update twice
        String solve = body("ticket_updated", "2026-11-25T09:49:00Z", "solved", null);
        APIGatewayV2HTTPResponse solved = post(withSurveys, shop.value(), solve, SECRET);
        post(withSurveys, shop.value(), solve, SECRET);

        // Then one survey to the ticket's requester waits an hour after the solve
        assertEquals("solved", answer(solved).path("events").get(0).asText(), solved.getBody());
        var surveys = Stores.of(d).outbox().list(shop).stream().filter(m -> m.kind() == dev.promptly.core.outbox.OutboxKind.CSAT_SURVEY).toList();
        assertEquals(1, surveys.size());
        assertEquals("anna@example.com", surveys.get(0).to());
        assertEquals(java.time.Instant.parse("2026-11-25T10:49:00Z"), surveys.get(0).notBefore());
    }

    @Test
    void agentReplyOnATicketPromptlyNeverSawIsIgnored() throws Exception {
        APIGatewayV2HTTPResponse response = post(shop.value(), body("agent_reply", "2026-11-25T09:29:00Z", "open", "Hi!"), SECRET);

        assertEquals(200, response.getStatusCode());
        assertEquals("unknown_ticket", answer(response).path("events").get(0).asText());
        assertTrue(Stores.of(deployment).helpdeskLinks().byTicket(shop, dev.promptly.config.HelpdeskSettings.Vendor.ZENDESK, "4711").isEmpty());
    }

    @Test
    void wrongSignatureIsRefusedAndChangesNothing() throws Exception {
        APIGatewayV2HTTPResponse response = post(shop.value(), body("customer_message", "2026-11-25T09:29:00Z", "new", "Hi"), "not-the-secret");

        assertEquals(401, response.getStatusCode());
        assertTrue(Stores.of(deployment).helpdeskLinks().byTicket(shop, dev.promptly.config.HelpdeskSettings.Vendor.ZENDESK, "4711").isEmpty());
    }

    @Test
    void correctlySignedDeliveryReplayedAfterTheToleranceIsRefusedAndChangesNothing() throws Exception {
        // Given a delivery Zendesk signed six minutes ago
        String signedAt = clock.instant().minus(Duration.ofMinutes(6)).toString();

        // When it arrives now
        APIGatewayV2HTTPResponse response = post(shop.value(), body("customer_message", "2026-11-25T09:23:00Z", "new", "Hi"), SECRET, signedAt);

        // Then it is refused as a replay and no ticket is linked
        assertEquals(401, response.getStatusCode());
        assertTrue(Stores.of(deployment).helpdeskLinks().byTicket(shop, dev.promptly.config.HelpdeskSettings.Vendor.ZENDESK, "4711").isEmpty());
        assertTrue(zendeskRequests.isEmpty(), zendeskRequests.toString());
    }

    @Test
    void unknownShopGetsTheWrongSignaturesAnswerAndUnknownVendorA404() throws Exception {
        APIGatewayV2HTTPResponse wrongShop = post("other-shop.myshopify.com", body("customer_message", "2026-11-25T09:29:00Z", "new", "Hi"), SECRET);
        APIGatewayV2HTTPResponse wrongVendor = handler.handleRequest(APIGatewayV2HTTPEvent.builder()
                .withPathParameters(Map.of("vendor", "kayako", "shop", shop.value())).withHeaders(Map.of()).withBody("{}")
                .withIsBase64Encoded(false).build(), null);

        assertEquals(401, wrongShop.getStatusCode());
        assertEquals(404, wrongVendor.getStatusCode());
    }

    /**
     * The BCC copy of an agent's reply, as SES receives it at the shop's BCC address: from the team, to the
     * customer, the ticket in its subject, the quoted original and a signature below the reply.
     */
    private void receiveMailCopy(String sesId, ConversationId conversation, String reply) throws Exception {
        String raw = String.join("\r\n",
                "From: Tom at Demo Shop <agents@demo-shop.example>",
                "To: Anna Example <anna@example.com>",
                "Bcc: replies@help.demo-shop.example",
                "Subject: Re: Where is my parcel? [" + conversation.ticket() + "]",
                "Message-ID: <" + sesId + "@mail.demo-shop.example>",
                "Content-Type: text/plain; charset=UTF-8",
                "",
                reply,
                "",
                "-- ",
                "Tom | Demo Shop",
                "",
                "On Wed, 25 Nov 2026 at 10:29, Anna Example <anna@example.com> wrote:",
                "> Where is my parcel?",
                "");
        storedMail.put(sesId, raw.getBytes(StandardCharsets.UTF_8));
        var notification = new dev.promptly.app.inbound.SesNotification(sesId, clock.instant(), List.of("replies@help.demo-shop.example"),
                "PASS", "PASS", null, null, null, "PASS", "PASS", "PASS");
        var result = IntakeWiring.emailIntake(deployment, deployment.log("inbound-email")).accept(notification).orElseThrow();
        assertEquals(conversation, result.conversation(), "recognised as the team's reply on the ticket's conversation");
    }

    private long agentReplies(ConversationId conversation) {
        return Stores.of(deployment).slas().events(shop, conversation).stream()
                .filter(e -> e.type() == dev.promptly.core.sla.SlaEventType.AGENT_REPLIED).count();
    }

    @Test
    void anAgentReplyByWebhookAndThenItsMailCopyCountsOnce() throws Exception {
        // Given a linked ticket whose agent reply arrived by Zendesk's webhook
        post(shop.value(), body("customer_message", "2026-11-25T09:29:00Z", "new", "Where is my parcel?"), SECRET);
        ConversationId conversation = linkedConversation();
        clock.advance(Duration.ofMinutes(10));
        APIGatewayV2HTTPResponse replied = post(shop.value(), body("agent_reply", "2026-11-25T09:39:00Z", "open",
                "Hi Anna, your parcel left our warehouse today."), SECRET);
        assertEquals("agent_replied", answer(replied).path("events").get(0).asText(), replied.getBody());

        // When the BCC copy of the same reply reaches Promptly by mail
        clock.advance(Duration.ofMinutes(1));
        receiveMailCopy("ses-copy-1", conversation, "Hi Anna,\nyour parcel left our warehouse today.");

        // Then it is one agent reply
        assertEquals(1, agentReplies(conversation));
        assertEquals("satisfied", firstResponseClock(conversation).path("state").asText());
    }

    @Test
    void anAgentReplysMailCopyAndThenItsWebhookCountsOnce() throws Exception {
        // Given a linked ticket whose agent reply reached Promptly first as a BCC mail copy
        post(shop.value(), body("customer_message", "2026-11-25T09:29:00Z", "new", "Where is my parcel?"), SECRET);
        ConversationId conversation = linkedConversation();
        clock.advance(Duration.ofMinutes(10));
        receiveMailCopy("ses-copy-2", conversation, "Hi Anna,\nyour parcel left our warehouse today.");
        assertEquals(1, agentReplies(conversation));

        // When Zendesk's webhook for the same reply arrives
        clock.advance(Duration.ofMinutes(1));
        APIGatewayV2HTTPResponse replied = post(shop.value(), body("agent_reply", "2026-11-25T09:39:00Z", "open",
                "Hi Anna, your parcel left our warehouse today."), SECRET);

        // Then it is a duplicate: still one agent reply
        assertEquals("duplicate_reply", answer(replied).path("events").get(0).asText(), replied.getBody());
        assertEquals(1, agentReplies(conversation));
    }

    @Test
    void aDifferentLaterReplyByMailStillCounts() throws Exception {
        post(shop.value(), body("customer_message", "2026-11-25T09:29:00Z", "new", "Where is my parcel?"), SECRET);
        ConversationId conversation = linkedConversation();
        clock.advance(Duration.ofMinutes(10));
        post(shop.value(), body("agent_reply", "2026-11-25T09:39:00Z", "open", "Hi Anna, I am checking with the carrier."), SECRET);
        clock.advance(Duration.ofMinutes(30));

        receiveMailCopy("ses-copy-3", conversation, "Hi Anna, the carrier confirms delivery tomorrow.");

        assertEquals(2, agentReplies(conversation));
    }

    /** Shopify's orders/create for #1001 (the repository's sample body), as the shopify-webhook function takes it. */
    private void orderCreated() throws Exception {
        com.fasterxml.jackson.databind.node.ObjectNode order = (com.fasterxml.jackson.databind.node.ObjectNode) JSON.readTree(
                java.nio.file.Files.readString(java.nio.file.Path.of("..", "..", "events", "shopify-bodies", "orders-create.json")));
        byte[] raw = order.toString().getBytes(StandardCharsets.UTF_8);
        new dev.promptly.app.webhook.WebhookIntake(config, ref -> ref.name(), Stores.of(deployment).orders(), ComplianceWiring.exports(deployment),
                Stores.of(deployment).conversations(), new dev.promptly.app.compliance.NoRawMailToErase(), clock)
                .accept(new dev.promptly.app.webhook.WebhookDelivery(dev.promptly.app.webhook.WebhookDelivery.Source.HTTPS, shop.value(),
                        "orders/create", UUID.randomUUID().toString(), dev.promptly.core.shopify.ShopifyHmac.sign("w", raw), raw, null));
    }

    private List<dev.promptly.core.outbox.OutboxMessage> delayTicketNotes() {
        return Stores.of(deployment).outbox().list(shop).stream().filter(m -> m.kind() == dev.promptly.core.outbox.OutboxKind.HELPDESK_NOTE
                && m.id().startsWith("HDNOTE-delay-")).toList();
    }

    @Test
    void aLateOrderWithAnOpenLinkedTicketIsNotedOnTheTicketOnce() throws Exception {
        // Given order #1001 (placed Monday; this shop works Wednesdays and Thursdays and ships within two business days)
        // and its customer's open Zendesk ticket about it
        orderCreated();
        post(shop.value(), body("customer_message", "2026-11-25T09:29:00Z", "new", "Where is my order #1001?")
                .replace("anna@example.com", "anna.beispiel@example.com"), SECRET);
        ConversationId conversation = linkedConversation();
        int requestsBefore = zendeskRequests.size();

        // When the delay scan runs after the order's ship-by day has passed (its check is due on 3 December)
        clock.set(Instant.parse("2026-12-03T09:00:00Z"));
        var run = DelayWiring.delayScan(deployment, deployment.log("delay-scan")).run(100, () -> true);

        // Then the ticket gets one internal note with the order and its delay stage, tagged promptly-delay
        assertEquals(1, run.notes(), "the team is told, the customer gets no automatic notice");
        List<dev.promptly.core.outbox.OutboxMessage> notes = delayTicketNotes();
        assertEquals(1, notes.size(), notes.toString());
        assertEquals(conversation.value(), notes.get(0).conversationId());
        OutboxSender sender = helpdeskSender();
        assertEquals(OutboxSender.Result.SENT, sender.deliver(shop, notes.get(0).id()));
        assertEquals(requestsBefore + 1, zendeskRequests.size());
        String request = zendeskRequests.get(requestsBefore);
        assertTrue(request.startsWith("PUT /api/v2/tickets/4711.json Basic "), request);
        JsonNode comment = JSON.readTree(request.substring(request.indexOf('{'))).path("ticket");
        assertEquals(false, comment.path("comment").path("public").asBoolean(true));
        String text = comment.path("comment").path("body").asText();
        assertTrue(text.contains("#1001") && text.contains("not_shipped") && text.contains(conversation.ticket()), text);
        assertEquals("promptly-delay", comment.path("additional_tags").get(0).asText());

        // And a later scan, with the stage decided, notes nothing again
        clock.advance(Duration.ofDays(1));
        DelayWiring.delayScan(deployment, deployment.log("delay-scan")).run(100, () -> true);
        assertEquals(1, delayTicketNotes().size());
    }

    @Test
    void aStreamInvocationOfARecordedDeliveryOpensTheConversationAndARedeliveryAnswersAsTheTypedMethod() throws Exception {
        // Given Zendesk's delivery as recorded, signed now for this shop (base64(HMAC-SHA256(timestamp + body)))
        String recorded = new String(getClass().getResourceAsStream("/http-events/zendesk-customer-message.json").readAllBytes(), StandardCharsets.UTF_8);
        String timestamp = clock.instant().toString();
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        String body = JSON.readTree(recorded).path("body").asText();
        byte[] event = recorded.replace("{{shop}}", shop.value()).replace("{{timestamp}}", timestamp)
                .replace("{{signature}}", Base64.getEncoder().encodeToString(mac.doFinal((timestamp + body).getBytes(StandardCharsets.UTF_8))))
                .getBytes(StandardCharsets.UTF_8);

        // When Lambda invokes the stream method, then the typed method and the stream method get the delivery again
        JsonNode first = stream(event);
        var typed = handler.handleRequest(new ObjectMapper().configure(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
                .readValue(event, APIGatewayV2HTTPEvent.class), null);
        JsonNode again = stream(event);

        // Then the first opened a linked conversation, and both methods answer the redelivery alike
        assertEquals(200, first.path("statusCode").asInt(), first.toString());
        assertEquals("customer_message+tags_changed", JSON.readTree(first.path("body").asText()).path("events").get(0).asText());
        linkedConversation();
        var typedAnswer = new ByteArrayOutputStream();
        dev.promptly.edge.HttpEventCodec.write(typed, typedAnswer);
        assertEquals(JSON.readTree(typedAnswer.toByteArray()), again);
    }

    private JsonNode stream(byte[] event) throws Exception {
        var out = new ByteArrayOutputStream();
        handler.handleRequest(new java.io.ByteArrayInputStream(event), out, null);
        return JSON.readTree(out.toByteArray());
    }
}
