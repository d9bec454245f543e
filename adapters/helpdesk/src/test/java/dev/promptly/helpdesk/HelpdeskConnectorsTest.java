package dev.promptly.helpdesk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.promptly.app.helpdesk.HelpdeskEvent;
import dev.promptly.app.helpdesk.HelpdeskEvent.Author;
import dev.promptly.app.helpdesk.HelpdeskEvent.TicketStatus;
import dev.promptly.app.outbox.MailDeliveryException;
import dev.promptly.app.port.HelpdeskConnector.Account;
import dev.promptly.app.port.HelpdeskConnector.TicketUpdate;
import dev.promptly.config.HelpdeskSettings;
import dev.promptly.config.HelpdeskSettings.AckDelivery;
import dev.promptly.config.HelpdeskSettings.Vendor;
import dev.promptly.config.SecretRef;
import dev.promptly.core.error.WebhookSignatureException;
import dev.promptly.core.sla.Priority;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Each vendor's webhook verification with vectors computed outside Java from the documented schemes
 * (Python's hmac module), its webhook reading, and its writes against a stand-in of its API checking
 * method, path, authentication and JSON body as the vendor documents them.
 */
class HelpdeskConnectorsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final Instant NOW = Instant.parse("2026-11-25T09:30:00Z");
    private static final SecretRef REF = new SecretRef(SecretRef.Scheme.LITERAL, "x");

    private static Account account(Vendor vendor, String baseUrl, String user, String token, String webhookSecret) {
        return new Account(new HelpdeskSettings(vendor, URI.create(baseUrl), user, REF, REF, AckDelivery.MAIL), token, webhookSecret);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String basic(String credentials) {
        return "Basic " + Base64.getEncoder().encodeToString(bytes(credentials));
    }

    private static final TicketUpdate BREACH_NOTE = new TicketUpdate("4711", "SLA breached: first response overdue.", false,
            Set.of("promptly-sla-breach"), Optional.of(Priority.URGENT));

    // --- Zendesk ---------------------------------------------------------------------------------

    @Test
    void zendeskSignatureOverTimestampAndBodyIsAccepted() {
        // base64(HMAC-SHA256("zd-secret", timestamp + body)), computed with Python's hmac
        byte[] body = bytes("{\"event\":\"agent_reply\",\"ticket_id\":\"4711\"}");
        var headers = Map.of("x-zendesk-webhook-signature", "chRU4htZmm9fCmrh/NNfO25LWXYGUV6hxgas1DfYyMA=",
                "x-zendesk-webhook-signature-timestamp", "2026-11-25T09:30:00Z");

        new ZendeskConnector(HTTP).verify(account(Vendor.ZENDESK, "https://a.zendesk.com", "a@b.c", "t", "zd-secret"), headers, body, NOW);
    }

    @Test
    void zendeskSignatureOfAnotherTimestampIsRefused() {
        byte[] body = bytes("{\"event\":\"agent_reply\",\"ticket_id\":\"4711\"}");
        var headers = Map.of("x-zendesk-webhook-signature", "chRU4htZmm9fCmrh/NNfO25LWXYGUV6hxgas1DfYyMA=",
                "x-zendesk-webhook-signature-timestamp", "2026-11-25T09:31:00Z");

        assertThrows(WebhookSignatureException.class, () -> new ZendeskConnector(HTTP)
                .verify(account(Vendor.ZENDESK, "https://a.zendesk.com", "a@b.c", "t", "zd-secret"), headers, body, NOW));
    }

    /** The delivery of {@link #zendeskSignatureOverTimestampAndBodyIsAccepted}, signed at 09:30:00. */
    private static final byte[] ZENDESK_BODY = bytes("{\"event\":\"agent_reply\",\"ticket_id\":\"4711\"}");
    private static final Map<String, String> ZENDESK_SIGNED_AT_0930 = Map.of(
            "x-zendesk-webhook-signature", "chRU4htZmm9fCmrh/NNfO25LWXYGUV6hxgas1DfYyMA=",
            "x-zendesk-webhook-signature-timestamp", "2026-11-25T09:30:00Z");
    private static final Account ZENDESK = account(Vendor.ZENDESK, "https://a.zendesk.com", "a@b.c", "t", "zd-secret");

    @Test
    void zendeskSignatureWithinFiveMinutesEitherWayIsAccepted() {
        // When the delivery signed at 09:30 arrives five minutes late, or with the sender's clock five minutes ahead
        // Then both are accepted
        new ZendeskConnector(HTTP).verify(ZENDESK, ZENDESK_SIGNED_AT_0930, ZENDESK_BODY, NOW.plusSeconds(300));
        new ZendeskConnector(HTTP).verify(ZENDESK, ZENDESK_SIGNED_AT_0930, ZENDESK_BODY, NOW.minusSeconds(300));
    }

    @Test
    void zendeskCorrectlySignedDeliveryOlderThanTheToleranceIsRefusedAsAReplay() {
        var late = assertThrows(WebhookSignatureException.class,
                () -> new ZendeskConnector(HTTP).verify(ZENDESK, ZENDESK_SIGNED_AT_0930, ZENDESK_BODY, NOW.plusSeconds(301)));
        var early = assertThrows(WebhookSignatureException.class,
                () -> new ZendeskConnector(HTTP).verify(ZENDESK, ZENDESK_SIGNED_AT_0930, ZENDESK_BODY, NOW.minusSeconds(301)));

        assertTrue(late.getMessage().startsWith("X-Zendesk-Webhook-Signature-Timestamp: more than 300 s from now"), late.getMessage());
        assertTrue(early.getMessage().startsWith("X-Zendesk-Webhook-Signature-Timestamp: more than 300 s from now"), early.getMessage());
    }

    @Test
    void zendeskToleranceIsConfigurable() {
        new ZendeskConnector(HTTP, java.time.Duration.ofMinutes(10)).verify(ZENDESK, ZENDESK_SIGNED_AT_0930, ZENDESK_BODY, NOW.plusSeconds(540));

        assertThrows(WebhookSignatureException.class, () -> new ZendeskConnector(HTTP, java.time.Duration.ofSeconds(30))
                .verify(ZENDESK, ZENDESK_SIGNED_AT_0930, ZENDESK_BODY, NOW.plusSeconds(31)));
    }

    @Test
    void zendeskShopsSignatureMaxAgeOverridesTheConnectorsTolerance() {
        Account narrowed = new Account(new HelpdeskSettings(Vendor.ZENDESK, URI.create("https://a.zendesk.com"), "a@b.c", REF, REF,
                AckDelivery.MAIL, java.time.Duration.ofMinutes(1)), "t", "zd-secret");

        new ZendeskConnector(HTTP).verify(narrowed, ZENDESK_SIGNED_AT_0930, ZENDESK_BODY, NOW.plusSeconds(60));

        assertThrows(WebhookSignatureException.class,
                () -> new ZendeskConnector(HTTP).verify(narrowed, ZENDESK_SIGNED_AT_0930, ZENDESK_BODY, NOW.plusSeconds(61)));
    }

    @Test
    void zendeskCorrectlySignedTimestampThatIsNoInstantIsRefused() {
        // base64(HMAC-SHA256("zd-secret", "yesterday" + body)), computed with Python's hmac
        var headers = Map.of("x-zendesk-webhook-signature", "UeObKjDHfRGi4R1yW4TiwCwbQSYcUeNoxDlb5g8Y9b8=",
                "x-zendesk-webhook-signature-timestamp", "yesterday");

        var refused = assertThrows(WebhookSignatureException.class, () -> new ZendeskConnector(HTTP).verify(ZENDESK, headers, ZENDESK_BODY, NOW));

        assertEquals("X-Zendesk-Webhook-Signature-Timestamp: must be an ISO-8601 instant", refused.getMessage());
    }

    @Test
    void zendeskNoteIsAnUpdateWithAPrivateCommentTagsAndPriorityAsEmailSlashToken() throws Exception {
        try (var api = new VendorApi(Map.of("PUT /api/v2/tickets/4711.json", "{\"audit\":{\"id\":5}}"))) {
            String result = new ZendeskConnector(HTTP).write(account(Vendor.ZENDESK, api.baseUrl(), "agent@shop.example", "tok", "s"), BREACH_NOTE);

            assertEquals(1, api.requests.size());
            var request = api.requests.get(0);
            assertEquals("PUT", request.method());
            assertEquals(basic("agent@shop.example/token:tok"), request.authorization());
            assertEquals("application/json", request.contentType());
            assertEquals(JSON.readTree("""
                    {"ticket": {"comment": {"body": "SLA breached: first response overdue.", "public": false},
                                "additional_tags": ["promptly-sla-breach"], "priority": "urgent"}}"""), JSON.readTree(request.body()));
            assertTrue(result.contains("audit 5"));
        }
    }

    @Test
    void zendeskTriggerBodyReadsAsAnAgentReplyWithTicketState() {
        byte[] body = bytes("""
                {"event": "agent_reply", "ticket_id": "4711", "updated_at": "2026-11-25T09:50:00Z", "status": "Pending",
                 "priority": "high", "tags": "vip shipping", "comment": "Hi Anna", "comment_id": "c-9"}""");

        List<HelpdeskEvent> events = new ZendeskConnector(HTTP).read(Map.of("x-zendesk-webhook-invocation-id", "inv-1"), body);

        HelpdeskEvent event = events.get(0);
        assertEquals("inv-1", event.eventId());
        assertEquals(Optional.of(TicketStatus.WAITING_ON_CUSTOMER), event.status());
        assertEquals(Optional.of(Priority.HIGH), event.priority());
        assertEquals(Optional.of(Set.of("vip", "shipping")), event.tags());
        assertEquals(Author.AGENT, event.message().orElseThrow().author());
        assertEquals("c-9", event.message().orElseThrow().id());
    }

    @Test
    void writeTheApiRefusesIsPermanent() throws Exception {
        try (var api = new VendorApi(Map.of())) {
            var refused = assertThrows(MailDeliveryException.class, () -> new ZendeskConnector(HTTP)
                    .write(account(Vendor.ZENDESK, api.baseUrl(), "a@b.c", "t", "s"), BREACH_NOTE));
            assertTrue(refused.permanent(), "a 404 (deleted ticket) cannot succeed later");
        }
    }

    // --- Help Scout ------------------------------------------------------------------------------

    @Test
    void helpScoutSha1SignatureOfTheBodyIsAcceptedAndAnotherRefused() {
        // base64(HMAC-SHA1("hs-secret", body)), computed with Python's hmac
        byte[] body = bytes("{\"id\":123,\"status\":\"active\"}");
        var connector = new HelpScoutConnector(HTTP);
        Account account = account(Vendor.HELPSCOUT, "https://api.helpscout.net", "app", "secret", "hs-secret");

        connector.verify(account, Map.of("x-helpscout-signature", "7wC7wZFv+aI5WfYvyJFZljV2F6Y="), body, NOW);
        assertThrows(WebhookSignatureException.class,
                () -> connector.verify(account, Map.of("x-helpscout-signature", "7wC7wZFv+aI5WfYvyJFZljV2F6Y="), bytes("{\"id\":124}"), NOW));
    }

    @Test
    void helpScoutCustomerReplyReadsTheNewestThread() {
        byte[] body = bytes("""
                {"id": 123, "number": 42, "status": "active", "subject": "Parcel?", "userUpdatedAt": "2026-11-25T09:29:00Z",
                 "primaryCustomer": {"id": 7, "first": "Anna", "last": "Example", "email": "anna@example.com"},
                 "tags": [{"id": 1, "tag": "vip"}],
                 "_embedded": {"threads": [
                   {"id": 9002, "type": "customer", "body": "Any news?", "createdAt": "2026-11-25T09:29:00Z"},
                   {"id": 9001, "type": "customer", "body": "Where is it?", "createdAt": "2026-11-24T09:00:00Z"}]}}""");

        HelpdeskEvent event = new HelpScoutConnector(HTTP).read(Map.of("x-helpscout-event", "convo.customer.reply.created"), body).get(0);

        assertEquals("123", event.ticketId());
        var message = event.message().orElseThrow();
        assertEquals(Author.CUSTOMER, message.author());
        assertEquals("9002", message.id());
        assertEquals("Any news?", message.text());
        assertEquals("anna@example.com", message.customerEmail());
        assertEquals(Optional.of(TicketStatus.OPEN), event.status());
        assertEquals(Optional.of(Set.of("vip")), event.tags());
    }

    @Test
    void helpScoutNoteUsesABearerTokenFromClientCredentialsAndKeepsExistingTags() throws Exception {
        try (var api = new VendorApi(Map.of(
                "POST /v2/oauth2/token", "{\"access_token\":\"at-1\",\"expires_in\":172800}",
                "GET /v2/conversations/4711", "{\"id\":4711,\"primaryCustomer\":{\"id\":7},\"tags\":[{\"id\":1,\"tag\":\"vip\"}]}",
                "POST /v2/conversations/4711/notes", "",
                "PUT /v2/conversations/4711/tags", ""))) {
            new HelpScoutConnector(HTTP).write(account(Vendor.HELPSCOUT, api.baseUrl(), "app-id", "app-secret", "s"), BREACH_NOTE);

            var token = api.requests.get(0);
            assertEquals("POST /v2/oauth2/token", token.method() + " " + token.path());
            assertEquals("grant_type=client_credentials&client_id=app-id&client_secret=app-secret", token.body());
            var note = api.requests.stream().filter(r -> r.path().endsWith("/notes")).findFirst().orElseThrow();
            assertEquals("Bearer at-1", note.authorization());
            assertEquals(JSON.readTree("{\"text\":\"SLA breached: first response overdue.\"}"), JSON.readTree(note.body()));
            var tags = api.requests.stream().filter(r -> r.path().endsWith("/tags")).findFirst().orElseThrow();
            assertEquals("PUT", tags.method());
            assertEquals(JSON.readTree("{\"tags\":[\"promptly-priority-urgent\",\"promptly-sla-breach\",\"vip\"]}"), JSON.readTree(tags.body()));
        }
    }

    @Test
    void helpScoutAccessTokenIsReusedUntilAMinuteBeforeItExpiresByTheConnectorsClock() throws Exception {
        // given a connector on a clock the test moves, and tokens valid for an hour
        var now = new java.util.concurrent.atomic.AtomicReference<>(Instant.parse("2026-12-07T10:00:00Z"));
        var clock = new java.time.Clock() {
            @Override
            public java.time.ZoneId getZone() {
                return java.time.ZoneOffset.UTC;
            }

            @Override
            public java.time.Clock withZone(java.time.ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return now.get();
            }
        };
        try (var api = new VendorApi(Map.of(
                "POST /v2/oauth2/token", "{\"access_token\":\"at-3\",\"expires_in\":3600}",
                "GET /v2/conversations/4711", "{\"id\":4711,\"tags\":[]}",
                "POST /v2/conversations/4711/notes", "",
                "PUT /v2/conversations/4711/tags", ""))) {
            var connector = new HelpScoutConnector(HTTP, clock);
            var account = account(Vendor.HELPSCOUT, api.baseUrl(), "app-id", "app-secret", "s");

            // when it writes now, 58 minutes later, and 59 minutes later
            connector.write(account, BREACH_NOTE);
            now.set(Instant.parse("2026-12-07T10:58:00Z"));
            connector.write(account, BREACH_NOTE);
            now.set(Instant.parse("2026-12-07T10:59:00Z"));
            connector.write(account, BREACH_NOTE);

            // then the token was asked for twice: once at first, again when a minute of it was left
            assertEquals(2, api.requests.stream().filter(r -> r.path().equals("/v2/oauth2/token")).count());
        }
    }

    @Test
    void helpScoutPriorityIsATagThatReplacesTheConversationsEarlierPriorityTag() throws Exception {
        // Given a conversation Promptly marked high before, and a priority-only update (no other tags)
        try (var api = new VendorApi(Map.of(
                "POST /v2/oauth2/token", "{\"access_token\":\"at-2\",\"expires_in\":172800}",
                "GET /v2/conversations/4712", "{\"id\":4712,\"tags\":[{\"id\":1,\"tag\":\"vip\"},{\"id\":2,\"tag\":\"promptly-priority-high\"}]}",
                "POST /v2/conversations/4712/notes", "",
                "PUT /v2/conversations/4712/tags", ""))) {
            TicketUpdate urgent = new TicketUpdate("4712", "SLA breached.", false, Set.of(), Optional.of(Priority.URGENT));

            // When it is written
            new HelpScoutConnector(HTTP).write(account(Vendor.HELPSCOUT, api.baseUrl(), "app-id", "app-secret", "s"), urgent);

            // Then the tags are replaced, as documented, by the list with the new priority's tag instead of the old one's
            var tags = api.requests.stream().filter(r -> r.path().endsWith("/tags")).findFirst().orElseThrow();
            assertEquals("PUT", tags.method());
            assertEquals("Bearer at-2", tags.authorization());
            assertEquals(JSON.readTree("{\"tags\":[\"promptly-priority-urgent\",\"vip\"]}"), JSON.readTree(tags.body()));
        }
    }

    @Test
    void helpScoutNoteWithoutTagsOrPriorityLeavesTheTagsAlone() throws Exception {
        try (var api = new VendorApi(Map.of(
                "POST /v2/oauth2/token", "{\"access_token\":\"at-3\",\"expires_in\":172800}",
                "POST /v2/conversations/4713/notes", ""))) {
            new HelpScoutConnector(HTTP).write(account(Vendor.HELPSCOUT, api.baseUrl(), "app-id", "app-secret", "s"),
                    new TicketUpdate("4713", "Acknowledged.", false, Set.of(), Optional.empty()));

            assertEquals(List.of("POST /v2/oauth2/token", "POST /v2/conversations/4713/notes"),
                    api.requests.stream().map(r -> r.method() + " " + r.path()).toList());
        }
    }

    @Test
    void helpScoutPriorityTagReadsBackAsTheConversationsPriority() {
        byte[] body = bytes("{\"id\":4711,\"status\":\"active\",\"userUpdatedAt\":\"2026-11-25T09:29:00Z\","
                + "\"tags\":[{\"id\":1,\"tag\":\"vip\"},{\"id\":2,\"tag\":\"promptly-priority-urgent\"}]}");
        byte[] untagged = bytes("{\"id\":4711,\"status\":\"active\",\"tags\":[{\"id\":1,\"tag\":\"vip\"}]}");

        HelpdeskEvent event = new HelpScoutConnector(HTTP).read(Map.of("x-helpscout-event", "convo.tags"), body).get(0);
        HelpdeskEvent none = new HelpScoutConnector(HTTP).read(Map.of("x-helpscout-event", "convo.tags"), untagged).get(0);

        assertEquals(Optional.of(Priority.URGENT), event.priority());
        assertEquals(Optional.empty(), none.priority());
    }

    // --- Freshdesk -------------------------------------------------------------------------------

    @Test
    void freshdeskNeedsTheSecretHeaderOfItsWebhookAction() {
        var connector = new FreshdeskConnector(HTTP);
        Account account = account(Vendor.FRESHDESK, "https://a.freshdesk.com", null, "key", "fd-secret");

        connector.verify(account, Map.of("x-promptly-helpdesk-secret", "fd-secret"), bytes("{}"), NOW);
        assertThrows(WebhookSignatureException.class, () -> connector.verify(account, Map.of(), bytes("{}"), NOW));
        assertThrows(WebhookSignatureException.class,
                () -> connector.verify(account, Map.of("x-promptly-helpdesk-secret", "fd-secreT"), bytes("{}"), NOW));
    }

    @Test
    void freshdeskNoteIsPrivateAndTagsAreMergedIntoTheTicketsOwn() throws Exception {
        try (var api = new VendorApi(Map.of(
                "POST /api/v2/tickets/4711/notes", "{\"id\":31}",
                "GET /api/v2/tickets/4711", "{\"id\":4711,\"tags\":[\"vip\"]}",
                "PUT /api/v2/tickets/4711", "{\"id\":4711}"))) {
            new FreshdeskConnector(HTTP).write(account(Vendor.FRESHDESK, api.baseUrl(), null, "api-key", "s"), BREACH_NOTE);

            assertEquals(List.of("POST /api/v2/tickets/4711/notes", "GET /api/v2/tickets/4711", "PUT /api/v2/tickets/4711"),
                    api.requests.stream().map(r -> r.method() + " " + r.path()).toList());
            assertTrue(api.requests.stream().allMatch(r -> basic("api-key:X").equals(r.authorization())));
            JsonNode note = JSON.readTree(api.requests.get(0).body());
            assertTrue(note.path("private").asBoolean());
            assertEquals("<p>SLA breached: first response overdue.</p>", note.path("body").asText());
            assertEquals(JSON.readTree("{\"tags\":[\"promptly-sla-breach\",\"vip\"],\"priority\":4}"), JSON.readTree(api.requests.get(2).body()));
        }
    }

    @Test
    void freshdeskStatusWordsMapToOurs() {
        byte[] body = bytes("""
                {"event": "ticket_updated", "ticket_id": "88", "updated_at": "2026-11-25T09:50:00+01:00", "status": "Resolved",
                 "priority": "Medium", "tags": "a, b"}""");

        HelpdeskEvent event = new FreshdeskConnector(HTTP).read(Map.of(), body).get(0);

        assertEquals(Optional.of(TicketStatus.SOLVED), event.status());
        assertEquals(Optional.of(Priority.NORMAL), event.priority());
        assertFalse(event.message().isPresent());
        assertEquals(Instant.parse("2026-11-25T08:50:00Z"), event.at());
    }

    @Test
    void freshdeskBodyWithoutAnUpdateTimeChangedWhenItArrivedWhileOtherVendorsStillNeedOne() {
        byte[] body = bytes("""
                {"event": "ticket_updated", "ticket_id": "88", "status": "Resolved"}""");
        Instant arrived = Instant.parse("2026-12-07T10:20:00Z");

        HelpdeskEvent event = new FreshdeskConnector(HTTP).read(Map.of(), body, arrived).get(0);

        assertEquals(arrived, event.at());
        assertEquals(Optional.of(TicketStatus.SOLVED), event.status());
        var e = org.junit.jupiter.api.Assertions.assertThrows(dev.promptly.core.error.InvalidInputException.class,
                () -> new GorgiasConnector(HTTP).read(Map.of(), body, arrived));
        assertTrue(e.getMessage().contains("updated_at"), e.getMessage());
    }

    // --- Gorgias ---------------------------------------------------------------------------------

    @Test
    void gorgiasNeedsTheSecretHeaderOfItsHttpIntegration() {
        var connector = new GorgiasConnector(HTTP);
        Account account = account(Vendor.GORGIAS, "https://a.gorgias.com", "ops@shop.example", "key", "gg-secret");

        connector.verify(account, Map.of("x-promptly-helpdesk-secret", "gg-secret"), bytes("{}"), NOW);
        assertThrows(WebhookSignatureException.class,
                () -> connector.verify(account, Map.of("x-promptly-helpdesk-secret", "nope"), bytes("{}"), NOW));
    }

    @Test
    void gorgiasNoteIsAnInternalNoteMessageThenTagsThenPriority() throws Exception {
        try (var api = new VendorApi(Map.of(
                "POST /api/tickets/4711/messages", "{\"id\":555}",
                "POST /api/tickets/4711/tags", "{}",
                "PUT /api/tickets/4711", "{\"id\":4711}"))) {
            String result = new GorgiasConnector(HTTP).write(account(Vendor.GORGIAS, api.baseUrl(), "ops@shop.example", "api-key", "s"),
                    BREACH_NOTE);

            assertTrue(api.requests.stream().allMatch(r -> basic("ops@shop.example:api-key").equals(r.authorization())));
            JsonNode message = JSON.readTree(api.requests.get(0).body());
            assertEquals("internal-note", message.path("channel").asText());
            assertEquals("api", message.path("via").asText());
            assertTrue(message.path("from_agent").asBoolean());
            assertEquals("SLA breached: first response overdue.", message.path("body_text").asText());
            assertEquals(JSON.readTree("{\"names\":[\"promptly-sla-breach\"]}"), JSON.readTree(api.requests.get(1).body()));
            assertEquals(JSON.readTree("{\"priority\":\"critical\"}"), JSON.readTree(api.requests.get(2).body()));
            assertTrue(result.contains("message 555"));
        }
    }

    @Test
    void gorgiasPublicReplyIsAnOutgoingEmailMessageFromTheShopToTheCustomer() throws Exception {
        try (var api = new VendorApi(Map.of("POST /api/tickets/4711/messages", "{\"id\":556}", "POST /api/tickets/4711/tags", "{}"))) {
            var reply = new TicketUpdate("4711", "Thanks, we received your message.", true, Set.of("promptly-ack"), Optional.empty(),
                    Optional.of("anna@example.com"), Optional.of("support@shop.example"));

            String result = new GorgiasConnector(HTTP).write(account(Vendor.GORGIAS, api.baseUrl(), "ops@shop.example", "api-key", "s"), reply);

            assertEquals("POST /api/tickets/4711/messages", api.requests.get(0).method() + " " + api.requests.get(0).path());
            assertEquals(basic("ops@shop.example:api-key"), api.requests.get(0).authorization());
            JsonNode message = JSON.readTree(api.requests.get(0).body());
            assertEquals("email", message.path("channel").asText());
            assertEquals("api", message.path("via").asText());
            assertTrue(message.path("from_agent").asBoolean());
            assertEquals("ops@shop.example", message.path("sender").path("email").asText());
            assertEquals("anna@example.com", message.path("receiver").path("email").asText());
            assertEquals("email", message.path("source").path("type").asText());
            assertEquals("support@shop.example", message.path("source").path("from").path("address").asText());
            assertEquals("anna@example.com", message.path("source").path("to").get(0).path("address").asText());
            assertEquals("Thanks, we received your message.", message.path("body_text").asText());
            assertTrue(result.contains("message 556"));
        }
    }

    @Test
    void gorgiasPublicReplyWithoutTheCustomersAddressIsAPermanentError() {
        var reply = new TicketUpdate("4711", "Thanks.", true, Set.of(), Optional.empty());

        var error = org.junit.jupiter.api.Assertions.assertThrows(dev.promptly.app.outbox.MailDeliveryException.class,
                () -> new GorgiasConnector(HTTP).write(account(Vendor.GORGIAS, "http://127.0.0.1:9", "ops@shop.example", "k", "s"), reply));
        assertTrue(error.permanent());
    }
}
