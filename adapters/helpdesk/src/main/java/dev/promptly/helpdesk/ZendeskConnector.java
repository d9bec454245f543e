package dev.promptly.helpdesk;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.promptly.app.helpdesk.HelpdeskEvent;
import dev.promptly.app.helpdesk.HelpdeskEvent.TicketStatus;
import dev.promptly.app.port.HelpdeskConnector;
import dev.promptly.config.HelpdeskSettings.Vendor;
import dev.promptly.core.error.WebhookSignatureException;
import dev.promptly.core.json.JsonTrees;
import dev.promptly.core.sla.Priority;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Zendesk Support. Webhooks (connected to triggers) are signed: {@code X-Zendesk-Webhook-Signature} is
 * base64(HMAC-SHA256(secret, {@code X-Zendesk-Webhook-Signature-Timestamp} + body)), per
 * https://developer.zendesk.com/documentation/webhooks/verifying/ . The trigger's JSON body is Promptly's
 * template ({@link TemplatedWebhook}). Writes use Update Ticket, {@code PUT /api/v2/tickets/{id}.json}
 * with {@code comment.public: false} for an internal note, {@code additional_tags} and {@code priority}
 * (https://developer.zendesk.com/api-reference/ticketing/tickets/tickets/#update-ticket), authenticated
 * as {@code {email}/token:{api_token}} in basic auth
 * (https://developer.zendesk.com/api-reference/introduction/security-and-auth/).
 *
 * <p>The timestamp is an ISO-8601 instant ({@code 2021-03-25T05:09:27Z}, per
 * https://developer.zendesk.com/documentation/webhooks/anatomy-of-a-webhook-request ), and it is signed so
 * that a receiver can refuse replays: a correctly signed delivery whose timestamp is more than {@link
 * #DEFAULT_TOLERANCE} from now (either way) is refused like a wrong signature. Zendesk names no window;
 * five minutes is the usual one (Slack, Stripe), and Zendesk's retries of a failed request come within it.
 */
public final class ZendeskConnector implements HelpdeskConnector {
    static final String SIGNATURE = "x-zendesk-webhook-signature";
    static final String TIMESTAMP = "x-zendesk-webhook-signature-timestamp";
    /** Zendesk's id of one webhook invocation, the same on its retries. */
    static final String INVOCATION = "x-zendesk-webhook-invocation-id";
    private static final Map<String, TicketStatus> STATUS = Map.of("new", TicketStatus.OPEN, "open", TicketStatus.OPEN,
            "pending", TicketStatus.WAITING_ON_CUSTOMER, "hold", TicketStatus.WAITING_ON_CUSTOMER,
            "solved", TicketStatus.SOLVED, "closed", TicketStatus.SOLVED);
    private static final Map<String, Priority> PRIORITY = Map.of("low", Priority.LOW, "normal", Priority.NORMAL,
            "high", Priority.HIGH, "urgent", Priority.URGENT);

    /** How far a signature's timestamp may be from now, either way, before the delivery counts as a replay. */
    public static final Duration DEFAULT_TOLERANCE = Duration.ofMinutes(5);
    /** An ISO-8601 instant takes some 20 to 35 characters; a longer header is no timestamp. */
    private static final int MAX_TIMESTAMP_CHARS = 64;

    private final HelpdeskHttp http;
    private final Duration tolerance;

    public ZendeskConnector(HttpClient client) {
        this(client, DEFAULT_TOLERANCE);
    }

    /**
     * @param tolerance how far a signature's timestamp may be from now (either way), unless the shop's
     *                  {@code signature_max_age} says otherwise; positive
     */
    public ZendeskConnector(HttpClient client, Duration tolerance) {
        this.http = new HelpdeskHttp(client);
        this.tolerance = Objects.requireNonNull(tolerance, "tolerance");
        if (tolerance.isNegative() || tolerance.isZero()) {
            throw new IllegalArgumentException("tolerance: must be > 0");
        }
    }

    @Override
    public Vendor vendor() {
        return Vendor.ZENDESK;
    }

    @Override
    public void verify(Account account, Map<String, String> headers, byte[] body, Instant now) {
        String timestamp = headers.getOrDefault(TIMESTAMP, "");
        String expected = WebhookSignatures.base64Hmac("HmacSHA256", account.webhookSecret(),
                WebhookSignatures.concat(timestamp.getBytes(StandardCharsets.UTF_8), body));
        WebhookSignatures.require(headers.get(SIGNATURE), expected, "X-Zendesk-Webhook-Signature");
        // Checked after the signature, so only a caller holding the secret learns why a delivery was refused.
        Instant signedAt;
        try {
            signedAt = timestamp.length() > MAX_TIMESTAMP_CHARS ? null : Instant.parse(timestamp.trim());
        } catch (DateTimeParseException e) {
            signedAt = null;
        }
        if (signedAt == null) {
            throw new WebhookSignatureException("X-Zendesk-Webhook-Signature-Timestamp: must be an ISO-8601 instant");
        }
        // The shop's signature_max_age, when set, overrides the connector's default.
        Duration window = account.settings().signatureMaxAge() != null ? account.settings().signatureMaxAge() : tolerance;
        if (Duration.between(signedAt, now).abs().compareTo(window) > 0) {
            throw new WebhookSignatureException("X-Zendesk-Webhook-Signature-Timestamp: more than " + window.toSeconds()
                    + " s from now, refused as a possible replay");
        }
    }

    @Override
    public List<HelpdeskEvent> read(Map<String, String> headers, byte[] body) {
        String delivery = Optional.ofNullable(headers.get(INVOCATION)).filter(id -> id.matches("[A-Za-z0-9_-]{1,100}"))
                .orElseGet(() -> WebhookSignatures.digest("zendesk", body));
        return TemplatedWebhook.read("zendesk", delivery, body, new TemplatedWebhook.Words(STATUS, PRIORITY));
    }

    @Override
    public String write(Account account, TicketUpdate update) {
        ObjectNode ticket = JsonTrees.object();
        ObjectNode comment = ticket.putObject("comment");
        comment.put("body", update.text());
        comment.put("public", update.publicReply());
        if (!update.addTags().isEmpty()) {
            update.addTags().stream().sorted().forEach(ticket.putArray("additional_tags")::add);
        }
        update.priority().ifPresent(p -> ticket.put("priority", p.wire()));
        ObjectNode body = JsonTrees.object();
        body.set("ticket", ticket);
        URI uri = URI.create(account.settings().baseUrl() + "/api/v2/tickets/" + update.ticketId() + ".json");
        var answer = http.send("PUT", uri, HelpdeskHttp.basic(account.settings().user() + "/token", account.apiToken()), body);
        return "zendesk ticket " + update.ticketId() + " audit " + answer.path("audit").path("id").asText("?");
    }
}
