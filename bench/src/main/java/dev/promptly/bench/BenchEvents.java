package dev.promptly.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The repository's sample events ({@code events/}), and variants of them with fresh ids (a new order,
 * message or mail per call), signed with the example configuration's local-only secrets like
 * {@code events/generate.py} does.
 */
final class BenchEvents {
    static final String SHOP = "demo-shop.myshopify.com";
    /** Local-only example values from config/promptly.example.json, as in events/generate.py. */
    private static final String WEBHOOK_SECRET = "local-webhook-secret";
    private static final String MESSAGES_SECRET = "local-messages-secret";
    private static final String SAMPLE_ORDER_ID = "5001001";
    private static final String SAMPLE_EMAIL = "anna.beispiel@example.com";
    private static final String ZENDESK_SECRET = "local-zendesk-webhook-secret";
    private static final String WHATSAPP_APP_SECRET = "local-whatsapp-app-secret";
    private static final String WHATSAPP_PHONE_NUMBER_ID = "100000000000001";
    /** The sample order's phone, +49 30 1234567, as WhatsApp gives a sender's number (digits, country code first). */
    static final String SAMPLE_WA_ID = "49301234567";
    static final ObjectMapper JSON = new ObjectMapper();
    /** When the sample order was placed ({@code created_at} of orders-create.json). */
    private static final Instant SAMPLE_PLACED = Instant.parse("2026-11-23T08:15:00Z");
    private static final java.util.regex.Pattern TIMESTAMP =
            java.util.regex.Pattern.compile("(?<=\")\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(?:\\.\\d+)?(?:Z|[+-]\\d{2}:\\d{2})(?=\")");

    private final Path events;

    BenchEvents(Path repository) {
        this.events = repository.resolve("events");
    }

    Path file(String relative) {
        return events.resolve(relative);
    }

    String read(String relative) {
        try {
            return Files.readString(events.resolve(relative));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A compact body of {@code events/shopify-bodies/<topic file>} for order number {@code n}, its timeline moved so
     * the sample order was placed an hour ago: the samples' fixed dates would make the orders late, and so due for the
     * delay scan, depending on the day the bench runs.
     */
    String webhookBody(String bodyFile, long n) {
        return webhookBody(bodyFile, n, Instant.now().minus(java.time.Duration.ofHours(1)));
    }

    /** As above, the sample order placed at {@code placed} and every other time of the sample moved with it. */
    String webhookBody(String bodyFile, long n, Instant placed) {
        java.time.Duration shift = java.time.Duration.between(SAMPLE_PLACED, placed.truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
        String body = TIMESTAMP.matcher(compact(read("shopify-bodies/" + bodyFile + ".json"))).replaceAll(time ->
                java.time.format.DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(java.time.OffsetDateTime.parse(time.group()).plus(shift)));
        return body.replace(SAMPLE_ORDER_ID, Long.toString(orderId(n)))
                .replace("\"#1001\"", "\"#" + n + "\"")
                .replace(SAMPLE_EMAIL, customerEmail(n));
    }

    static long orderId(long n) {
        return 7_000_000_000L + n;
    }

    static String customerEmail(long n) {
        return "anna.beispiel+" + n + "@example.com";
    }

    /** An HTTP API event for POST /webhooks/shopify, signed like Shopify does. */
    ObjectNode webhookEvent(String topic, String body, String webhookId) {
        ObjectNode event = (ObjectNode) tree(read("shopify-webhook/orders-create.json"));
        ObjectNode headers = (ObjectNode) event.get("headers");
        headers.put("x-shopify-topic", topic).put("x-shopify-webhook-id", webhookId)
                .put("x-shopify-hmac-sha256", Base64.getEncoder().encodeToString(hmac(WEBHOOK_SECRET, body)));
        event.put("body", body);
        return event;
    }

    /** A POST /messages event: the German e-mail relay sample, as customer n asking about order n. */
    ObjectNode messageEvent(long n, String messageId) {
        ObjectNode body = (ObjectNode) tree(read("message-bodies/email-relay-de.json"));
        body.put("message_id", messageId);
        // Received now by the API's clock: the sample's fixed date would make the SLA clock's deadline depend on the day the bench runs.
        body.remove("received_at");
        String text = body.toString().replace(SAMPLE_EMAIL, customerEmail(n)).replace("#1001", "#" + n);
        ObjectNode event = (ObjectNode) tree(read("messages/email-relay-de.json"));
        ((ObjectNode) event.get("headers")).put("x-promptly-signature", "sha256=" + HexFormat.of().formatHex(hmac(MESSAGES_SECRET, text)));
        event.put("body", text);
        return event;
    }

    /** A POST /messages event carrying {@code body} as sent, signed with the example messages secret. */
    ObjectNode signedMessageEvent(String body) {
        ObjectNode event = (ObjectNode) tree(read("messages/email-relay-de.json"));
        ((ObjectNode) event.get("headers")).put("x-promptly-signature", "sha256=" + HexFormat.of().formatHex(hmac(MESSAGES_SECRET, body)));
        event.put("body", body);
        return event;
    }

    /** The SES receipt sample for mail {@code sesMessageId}, customer n. */
    ObjectNode sesEvent(long n, String sesMessageId) {
        ObjectNode event = (ObjectNode) tree(read("ses-inbound/receipt.json"));
        ObjectNode mail = (ObjectNode) event.get("Records").get(0).get("ses").get("mail");
        mail.put("messageId", sesMessageId).put("source", customerEmail(n));
        ((ObjectNode) mail.get("commonHeaders")).put("returnPath", customerEmail(n));
        return event;
    }

    /** The raw mail SES would have stored for {@link #sesEvent}. */
    static byte[] rawMail(String from, long n, String sesMessageId, Instant date) {
        String mail = String.join("\r\n",
                "Return-Path: <" + from + ">",
                "From: Anna Beispiel <" + from + ">",
                "To: support@demo-shop.example",
                "Subject: Wo bleibt meine Bestellung #" + n + "?",
                "Message-ID: <" + sesMessageId + "@mail.example.com>",
                "Date: " + java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME.format(date.atZone(java.time.ZoneOffset.UTC)),
                "MIME-Version: 1.0",
                "Content-Type: text/plain; charset=UTF-8",
                "Content-Transfer-Encoding: 8bit",
                "",
                "Hallo,",
                "",
                "ich habe vor einer Woche bestellt (Bestellung #" + n + ") und noch nichts bekommen.",
                "Können Sie mir sagen, wann das Paket kommt?",
                "",
                "Viele Grüße",
                "Anna Beispiel",
                "");
        return mail.getBytes(StandardCharsets.UTF_8);
    }

    /**
     * {@code POST /helpdesks/zendesk/{shop}} as API Gateway passes a Zendesk trigger's webhook: the body is the
     * trigger template of docs/helpdesks.md as Zendesk fills it, for ticket {@code ticketId} of the sample
     * customer, and it is signed as https://developer.zendesk.com/documentation/webhooks/verifying/ says,
     * base64(HMAC-SHA256(signing secret, timestamp + body)), the timestamp an ISO-8601 instant ({@code at}:
     * Promptly refuses one more than 5 minutes from its clock).
     */
    ObjectNode zendeskEvent(String event, String ticketId, String status, String comment, Instant at) {
        ObjectNode body = JSON.createObjectNode().put("event", event).put("ticket_id", ticketId)
                .put("updated_at", at.truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString()).put("status", status)
                .put("priority", "normal").put("tags", "").put("subject", "Wo bleibt meine Bestellung #1001?")
                .put("requester_email", SAMPLE_EMAIL).put("requester_name", "Anna Beispiel").put("comment", comment);
        String raw = body.toString();
        String timestamp = at.truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString();
        ObjectNode headers = JSON.createObjectNode().put("content-type", "application/json")
                .put("x-zendesk-webhook-signature", Base64.getEncoder().encodeToString(hmac(ZENDESK_SECRET, timestamp + raw)))
                .put("x-zendesk-webhook-signature-timestamp", timestamp);
        return httpApiEvent("POST", "/helpdesks/{vendor}/{shop}", "/helpdesks/zendesk/" + SHOP,
                JSON.createObjectNode().put("vendor", "zendesk").put("shop", SHOP), headers, raw);
    }

    /**
     * {@code POST /whatsapp/{shop}} as API Gateway passes a WhatsApp Cloud API notification: one text message
     * from the sample order's customer (WhatsApp id {@link #SAMPLE_WA_ID}, the order's phone) to the example
     * configuration's number, shaped as
     * https://developers.facebook.com/documentation/business-messaging/whatsapp/webhooks/reference/messages/ documents it,
     * sent at {@code at}, and signed as Meta signs (X-Hub-Signature-256: sha256= and the hex HMAC-SHA256 of the body with
     * the app secret, https://developers.facebook.com/docs/graph-api/webhooks/getting-started#validate-payloads ).
     */
    ObjectNode whatsAppEvent(String messageId, String text, Instant at) {
        ObjectNode root = JSON.createObjectNode().put("object", "whatsapp_business_account");
        ObjectNode value = root.putArray("entry").addObject().put("id", "102290129340398").putArray("changes").addObject()
                .put("field", "messages").putObject("value").put("messaging_product", "whatsapp");
        value.putObject("metadata").put("display_phone_number", "4930555000").put("phone_number_id", WHATSAPP_PHONE_NUMBER_ID);
        value.putArray("contacts").addObject().put("wa_id", SAMPLE_WA_ID).putObject("profile").put("name", "Anna");
        value.putArray("messages").addObject().put("from", SAMPLE_WA_ID).put("id", messageId)
                .put("timestamp", Long.toString(at.getEpochSecond())).put("type", "text").putObject("text").put("body", text);
        String raw = root.toString();
        ObjectNode headers = JSON.createObjectNode().put("content-type", "application/json")
                .put("x-hub-signature-256", "sha256=" + HexFormat.of().formatHex(hmac(WHATSAPP_APP_SECRET, raw)));
        return httpApiEvent("POST", "/whatsapp/{shop}", "/whatsapp/" + SHOP, JSON.createObjectNode().put("shop", SHOP), headers, raw);
    }

    /** An HTTP API (payload format 2.0) event shaped like the samples in {@code events/}. */
    private static ObjectNode httpApiEvent(String method, String route, String path, ObjectNode pathParameters, ObjectNode headers,
                                           String body) {
        ObjectNode event = JSON.createObjectNode().put("version", "2.0").put("routeKey", method + " " + route).put("rawPath", path)
                .put("rawQueryString", "");
        event.set("headers", headers);
        ObjectNode context = event.putObject("requestContext");
        context.putObject("http").put("method", method).put("path", path).put("sourceIp", "203.0.113.10");
        context.put("routeKey", method + " " + route).put("stage", "$default");
        event.set("pathParameters", pathParameters);
        return event.put("body", body).put("isBase64Encoded", false);
    }

    /** A DynamoDB stream record (KEYS_ONLY) of the insert of outbox item {@code sk}. */
    static ObjectNode streamInsert(String shop, String sk, long sequence) {
        ObjectNode event = JSON.createObjectNode();
        ObjectNode record = event.putArray("Records").addObject();
        record.put("eventName", "INSERT").put("eventSource", "aws:dynamodb");
        ObjectNode dynamodb = record.putObject("dynamodb");
        ObjectNode keys = dynamodb.putObject("Keys");
        keys.putObject("pk").put("S", shop);
        keys.putObject("sk").put("S", sk);
        dynamodb.put("SequenceNumber", Long.toString(sequence)).put("StreamViewType", "KEYS_ONLY");
        return event;
    }

    /**
     * Opens every shop's delay-notice send window from 00:00 to 23:59: the benches read the wall clock, and outside the
     * example's 08:00-20:00 window a delay scan holds its notices instead of sending them, so its figures would
     * measure other work depending on the hour of the run.
     */
    static void sendDelayNoticesAtAnyHour(JsonNode config) {
        config.path("shops").forEach(shop -> {
            if (shop.get("delay_notices") instanceof ObjectNode notices) {
                notices.put("send_window", "00:00-23:59");
            }
        });
    }

    static JsonNode tree(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String compact(String json) {
        return tree(json).toString();
    }

    private static byte[] hmac(String secret, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return mac.doFinal(body.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
