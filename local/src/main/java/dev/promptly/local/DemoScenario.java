package dev.promptly.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.promptly.config.HelpdeskSettings;
import dev.promptly.config.SecretRef;
import dev.promptly.config.ShopConfig;
import dev.promptly.core.message.MessageSignature;
import dev.promptly.core.shopify.ShopifyHmac;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/**
 * {@code --demo}: plays a short scenario through the local runner's real HTTP routes, as a shop and its
 * customers would, and prints what Promptly did. Four orders arrive; Anna asks where hers is during
 * opening hours; Ben asks at night in English about a parcel on its way; Carla's order is late and she
 * asks; a returns question gets the plain acknowledgement with a help link; an out-of-office reply gets
 * none. Then the delay scan runs: Felix, whose order is late too, is told before he asks, and the team
 * gets a note on Carla's open conversation instead of a second message to her. At 12:10 Dora's question
 * nears its SLA: the monitor warns the team, and a reply recorded through the agent endpoint meets the
 * clock. Greta writes in the shop's Zendesk: her ticket is linked and noted, and an agent's reply there meets
 * the clock too.
 * Ids carry the start time, so replaying it on kept data ({@code --data-dir}) adds a fresh round.
 */
final class DemoScenario {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI base;
    private final ShopConfig shop;
    private final String webhookSecret;
    private final String messagesSecret;
    private final String agentToken;
    private final PrintStream out;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String run = Long.toString(System.currentTimeMillis() % 1_000_000);

    DemoScenario(URI base, ShopConfig shop, PrintStream out) {
        this.base = Objects.requireNonNull(base, "base");
        this.shop = Objects.requireNonNull(shop, "shop");
        this.out = Objects.requireNonNull(out, "out");
        this.webhookSecret = literal(shop.secrets().shopifyWebhook(), "secrets.shopify_webhook");
        this.messagesSecret = literal(shop.secrets().messages(), "secrets.messages");
        this.agentToken = literal(shop.secrets().agentToken(), "secrets.agent_token");
    }

    /** @throws IllegalArgumentException when the shop's secrets are not {@code literal:}, so the demo cannot sign */
    private static String literal(SecretRef ref, String field) {
        if (ref.scheme() != SecretRef.Scheme.LITERAL) {
            throw new IllegalArgumentException("--demo signs its requests itself and needs literal: secrets (" + field
                    + "); the shipped example configuration has them");
        }
        return ref.name();
    }

    void play() throws IOException, InterruptedException {
        // A Tuesday morning in the shop's zone, so opening hours and the late order read naturally.
        ZonedDateTime tuesday = ZonedDateTime.of(2026, 12, 1, 10, 15, 0, 0, shop.timeZone());
        clock(tuesday.toInstant());
        out.println("Demo for " + shop.domain() + " (clock set to " + tuesday + "):");

        order(1, "Anna", "anna.beispiel@example.com", "de", tuesday.minusDays(1), null);
        order(2, "Ben", "ben.sample@example.org", "en", tuesday.minusDays(4), "in_transit");
        order(3, "Carla", "carla.muster@example.net", "de", tuesday.minusDays(8), null);
        order(4, "Felix", "felix.fruh@example.com", "de", tuesday.minusDays(6), null);
        fulfillmentEvent(2, tuesday.minusDays(1).toInstant(), tuesday.plusDays(1).withHour(18).toInstant());
        out.println("  4 orders arrived through POST /webhooks/shopify (#D" + run + "1, #D" + run + "2 shipped with DHL, #D" + run
                + "3 and #D" + run + "4 not shipped yet)");

        message("Anna Beispiel", "anna.beispiel@example.com", "Wo bleibt meine Bestellung?",
                "Hallo, wo bleibt meine Bestellung #D" + run + "1? Viele Grüße, Anna", null);
        clock(tuesday.withHour(23).withMinute(10).toInstant());
        message("Ben Sample", "ben.sample@example.org", "Where is my parcel?",
                "Hi, where is my order #D" + run + "2? I need it by the weekend. Thanks, Ben", null);
        clock(tuesday.plusDays(1).withHour(9).withMinute(5).toInstant());
        message("Carla Muster", "carla.muster@example.net", "Bestellung immer noch nicht da",
                "Guten Morgen, meine Bestellung #D" + run + "3 ist immer noch nicht angekommen. Was ist da los?", null);
        JsonNode dora = message("Dora Kunde", "dora.kunde@example.com", "Rücksendung",
                "Hallo, wie kann ich eine Jacke zurückschicken? Sie ist zu groß.", null);
        ObjectNode outOfOffice = JSON.createObjectNode().put("Auto-Submitted", "auto-replied");
        message(null, "erik.urlaub@example.com", "Abwesenheitsnotiz", "Ich bin bis zum 7. Dezember nicht im Büro.", outOfOffice);

        JsonNode scan = JSON.readTree(post("/local/jobs/delay-scan/run", "", "", "").body());
        out.println("  The delay scan ran (POST /local/jobs/delay-scan/run): " + scan.path("notices").asInt() + " delay notice(s), "
                + scan.path("notes").asInt() + " note(s) for the team on open conversations");

        clock(tuesday.plusDays(1).withHour(12).withMinute(10).toInstant());
        JsonNode monitor = JSON.readTree(post("/local/jobs/sla-monitor/run", "", "", "").body());
        out.println("  12:10, the SLA monitor ran (POST /local/jobs/sla-monitor/run): " + monitor.path("alerts").asInt()
                + " alert(s) to the team; Dora's first reply is due by 13:05");
        HttpResponse<String> replied = send(HttpRequest.newBuilder(base.resolve("/conversations/" + dora.path("conversation_id").asText() + "/events"))
                .header("Content-Type", "application/json").header("Authorization", "Bearer " + agentToken)
                .POST(HttpRequest.BodyPublishers.ofString("{\"type\": \"agent_replied\"}")));
        JsonNode clocks = JSON.readTree(replied.body()).path("clocks");
        out.println("  The team answered Dora (POST /conversations/{id}/events, agent_replied): " + replied.statusCode()
                + ", first response " + (clocks.isEmpty() ? "?" : clocks.get(0).path("state").asText()));
        helpdesk(tuesday.plusDays(1).withHour(12).withMinute(20));
        post("/local/jobs/outbox-send/run", "", "", "");
        JsonNode outbox = JSON.readTree(send(HttpRequest.newBuilder(base.resolve("/local/outbox")).GET()).body());
        out.println("  Outbox (" + outbox.size() + " messages, see the dashboard for the full text):");
        for (JsonNode m : outbox) {
            out.println("    " + m.path("kind").asText() + " to " + m.path("to").asText() + " [" + m.path("status").asText() + "]: "
                    + m.path("subject").asText());
        }
    }

    /**
     * The shop's Zendesk (the example configuration's helpdesk block): Greta writes in Zendesk, the trigger's
     * webhook opens a linked conversation and Promptly notes its acknowledgement on the ticket (through the
     * local runner's stand-in of Zendesk's API); an agent answers in Zendesk and the first-response clock is
     * met; Zendesk's redelivery of that webhook changes nothing.
     */
    private void helpdesk(ZonedDateTime at) throws IOException, InterruptedException {
        var settings = shop.helpdeskSettings().filter(s -> s.vendor() == HelpdeskSettings.Vendor.ZENDESK
                && s.webhookSecret().scheme() == SecretRef.Scheme.LITERAL);
        if (settings.isEmpty()) {
            return;
        }
        String secret = settings.get().webhookSecret().name();
        clock(at.toInstant());
        String ticket = "9" + run;
        JsonNode opened = zendesk(secret, "customer_message", ticket, at, "Hallo, kann ich bei meiner Bestellung noch die Größe ändern?");
        String conversation = opened.path("conversation_ids").path(0).asText();
        post("/local/jobs/outbox-send/run", "", "", "");
        long notes = 0;
        for (JsonNode note : JSON.readTree(send(HttpRequest.newBuilder(base.resolve("/local/helpdesk/notes")).GET()).body())) {
            notes += note.path("ticket_id").asText().equals(ticket) ? 1 : 0;
        }
        out.println("  greta.gross@example.com wrote in Zendesk (POST /helpdesks/zendesk/{shop}, ticket " + ticket + "): "
                + opened.path("events") + ", " + notes + " internal note(s) on the ticket (GET /local/helpdesk/notes)");
        clock(at.plusMinutes(15).toInstant());
        String reply = "Hallo Greta, ja, das geht noch. Wir tauschen die Jacke gegen Größe M.";
        JsonNode replied = zendesk(secret, "agent_reply", ticket, at.plusMinutes(15), reply);
        JsonNode sla = JSON.readTree(send(HttpRequest.newBuilder(base.resolve("/local/conversations/" + conversation)).GET()).body()).path("sla");
        String firstResponse = "?";
        for (JsonNode clock : sla.path("clocks")) {
            if (clock.path("kind").asText().equals("first_response")) {
                firstResponse = clock.path("state").asText();
            }
        }
        out.println("  An agent answered in Zendesk (agent_reply webhook): " + replied.path("events") + ", first response " + firstResponse);
        JsonNode again = zendesk(secret, "agent_reply", ticket, at.plusMinutes(15), reply);
        out.println("  Zendesk redelivered that webhook: " + again.path("events") + " (nothing changed)");
    }

    /** A Zendesk trigger's webhook as docs/helpdesks.md configures it, signed as Zendesk signs. */
    private JsonNode zendesk(String secret, String event, String ticket, ZonedDateTime at, String comment)
            throws IOException, InterruptedException {
        ObjectNode body = JSON.createObjectNode().put("event", event).put("ticket_id", ticket)
                .put("updated_at", at.toOffsetDateTime().toString()).put("status", "open").put("priority", "normal").put("tags", "")
                .put("subject", "Größe ändern").put("requester_email", "greta.gross@example.com").put("requester_name", "Greta Groß")
                .put("comment", comment);
        String raw = body.toString();
        String timestamp = at.toInstant().toString();
        HttpResponse<String> response = send(HttpRequest.newBuilder(base.resolve("/helpdesks/zendesk/" + shop.domain().value()))
                .header("Content-Type", "application/json")
                .header("X-Zendesk-Webhook-Signature-Timestamp", timestamp)
                .header("X-Zendesk-Webhook-Signature", zendeskSignature(secret, timestamp, raw))
                .POST(HttpRequest.BodyPublishers.ofString(raw)));
        if (response.statusCode() != 200) {
            throw new IllegalStateException("demo helpdesk webhook answered " + response.statusCode() + ": " + response.body());
        }
        return JSON.readTree(response.body());
    }

    /** base64(HMAC-SHA256(secret, timestamp + body)): https://developer.zendesk.com/documentation/webhooks/verifying/ */
    private static String zendeskSignature(String secret, String timestamp, String body) {
        try {
            javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
            mac.init(new javax.crypto.spec.SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return java.util.Base64.getEncoder().encodeToString(mac.doFinal((timestamp + body).getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }

    private void clock(Instant now) throws IOException, InterruptedException {
        send(HttpRequest.newBuilder(base.resolve("/local/clock"))
                .POST(HttpRequest.BodyPublishers.ofString(JSON.createObjectNode().put("now", now.toString()).toString())));
    }

    private void order(int n, String firstName, String email, String locale, ZonedDateTime created, String shipment)
            throws IOException, InterruptedException {
        String id = run + n;
        ObjectNode order = JSON.createObjectNode();
        order.put("id", Long.parseLong(id));
        order.put("name", "#D" + id);
        order.put("email", email);
        order.put("created_at", created.truncatedTo(ChronoUnit.SECONDS).toOffsetDateTime().toString());
        order.put("updated_at", created.plusMinutes(1).truncatedTo(ChronoUnit.SECONDS).toOffsetDateTime().toString());
        order.put("financial_status", "paid");
        order.put("customer_locale", locale);
        order.put("currency", "EUR");
        order.put("total_price", "49.90");
        order.putObject("customer").put("id", Long.parseLong(id)).put("email", email).put("first_name", firstName);
        order.putArray("line_items").addObject().put("id", 1).put("title", "Regenjacke").put("quantity", 1);
        if (shipment != null) {
            order.put("fulfillment_status", "fulfilled");
            order.putArray("fulfillments").addObject()
                    .put("id", Long.parseLong(id)).put("order_id", Long.parseLong(id)).put("status", "success")
                    .put("shipment_status", shipment).put("tracking_company", "DHL")
                    .put("created_at", created.plusDays(1).truncatedTo(ChronoUnit.SECONDS).toOffsetDateTime().toString())
                    .put("updated_at", created.plusDays(1).truncatedTo(ChronoUnit.SECONDS).toOffsetDateTime().toString())
                    .put("tracking_number", "0034043416" + id)
                    .put("tracking_url", "https://www.dhl.de/de/privatkunden/pakete-empfangen/verfolgen.html?piececode=0034043416" + id);
        }
        webhook("orders/create", order, "demo-order-" + id);
    }

    private void fulfillmentEvent(int n, Instant happened, Instant estimate) throws IOException, InterruptedException {
        String id = run + n;
        ObjectNode event = JSON.createObjectNode().put("id", Long.parseLong(id)).put("fulfillment_id", Long.parseLong(id))
                .put("order_id", Long.parseLong(id)).put("status", "in_transit").put("happened_at", happened.toString())
                .put("estimated_delivery_at", estimate.toString());
        webhook("fulfillment_events/create", event, "demo-event-" + id);
    }

    private void webhook(String topic, JsonNode body, String webhookId) throws IOException, InterruptedException {
        String raw = body.toString();
        HttpResponse<String> response = send(HttpRequest.newBuilder(base.resolve("/webhooks/shopify"))
                .header("Content-Type", "application/json")
                .header("X-Shopify-Topic", topic)
                .header("X-Shopify-Shop-Domain", shop.domain().value())
                .header("X-Shopify-Webhook-Id", webhookId + "-" + run)
                .header("X-Shopify-Hmac-Sha256", ShopifyHmac.sign(webhookSecret, raw.getBytes(StandardCharsets.UTF_8)))
                .POST(HttpRequest.BodyPublishers.ofString(raw)));
        if (response.statusCode() != 200) {
            throw new IllegalStateException("demo webhook " + topic + " answered " + response.statusCode() + ": " + response.body());
        }
    }

    private JsonNode message(String name, String email, String subject, String text, ObjectNode headers) throws IOException, InterruptedException {
        ObjectNode body = JSON.createObjectNode();
        body.put("shop", shop.domain().value());
        body.put("channel", "email");
        body.put("message_id", "demo-" + run + "-" + Math.abs(text.hashCode()) + "@mail.example.com");
        ObjectNode from = body.putObject("from").put("email", email);
        if (name != null) {
            from.put("name", name);
        }
        body.put("subject", subject);
        body.put("text", text);
        if (headers != null) {
            body.set("headers", headers);
        }
        HttpResponse<String> response = post("/messages", body.toString(), "X-Promptly-Signature",
                MessageSignature.sign(messagesSecret, body.toString().getBytes(StandardCharsets.UTF_8)));
        JsonNode answer = JSON.readTree(response.body());
        out.println("  " + email + " wrote \"" + subject + "\": " + response.statusCode() + ", ticket " + answer.path("ticket").asText());
        return answer;
    }

    private HttpResponse<String> post(String path, String body, String header, String value) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).header("Content-Type", "application/json")
                .header("X-Promptly-Shop", shop.domain().value());
        if (!header.isEmpty()) {
            request.header(header, value);
        }
        return send(request.POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return http.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }
}
