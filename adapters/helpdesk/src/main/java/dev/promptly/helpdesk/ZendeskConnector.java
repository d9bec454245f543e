package dev.promptly.helpdesk;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.promptly.app.helpdesk.HelpdeskEvent;
import dev.promptly.app.helpdesk.HelpdeskEvent.TicketStatus;
import dev.promptly.app.port.HelpdeskConnector;
import dev.promptly.config.HelpdeskSettings.Vendor;
import dev.promptly.core.sla.Priority;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
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

    private final HelpdeskHttp http;

    public ZendeskConnector(HttpClient client) {
        this.http = new HelpdeskHttp(client);
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
    }

    @Override
    public List<HelpdeskEvent> read(Map<String, String> headers, byte[] body) {
        String delivery = Optional.ofNullable(headers.get(INVOCATION)).filter(id -> id.matches("[A-Za-z0-9_-]{1,100}"))
                .orElseGet(() -> WebhookSignatures.digest("zendesk", body));
        return TemplatedWebhook.read("zendesk", delivery, body, new TemplatedWebhook.Words(STATUS, PRIORITY));
    }

    @Override
    public String write(Account account, TicketUpdate update) {
        ObjectNode ticket = HelpdeskHttp.JSON.createObjectNode();
        ObjectNode comment = ticket.putObject("comment");
        comment.put("body", update.text());
        comment.put("public", update.publicReply());
        if (!update.addTags().isEmpty()) {
            update.addTags().stream().sorted().forEach(ticket.putArray("additional_tags")::add);
        }
        update.priority().ifPresent(p -> ticket.put("priority", p.wire()));
        ObjectNode body = HelpdeskHttp.JSON.createObjectNode();
        body.set("ticket", ticket);
        URI uri = URI.create(account.settings().baseUrl() + "/api/v2/tickets/" + update.ticketId() + ".json");
        var answer = http.send("PUT", uri, HelpdeskHttp.basic(account.settings().user() + "/token", account.apiToken()), body);
        return "zendesk ticket " + update.ticketId() + " audit " + answer.path("audit").path("id").asText("?");
    }
}
