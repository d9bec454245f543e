package dev.promptly.helpdesk;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.promptly.app.helpdesk.HelpdeskEvent;
import dev.promptly.app.helpdesk.HelpdeskEvent.TicketStatus;
import dev.promptly.app.outbox.MailDeliveryException;
import dev.promptly.app.port.HelpdeskConnector;
import dev.promptly.config.HelpdeskSettings.Vendor;
import dev.promptly.core.json.JsonTrees;
import dev.promptly.core.sla.Priority;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Gorgias. Its HTTP integrations cannot sign, so they send the shop's webhook secret in the custom header
 * {@code X-Promptly-Helpdesk-Secret} with Promptly's JSON body template ({@link TemplatedWebhook}). Writes:
 * an internal note is a ticket message with {@code channel: internal-note}, {@code via: api},
 * {@code from_agent: true} ({@code POST /api/tickets/{id}/messages},
 * https://developers.gorgias.com/docs/create-a-new-message-in-ticket-via-api and
 * https://developers.gorgias.com/reference/ticket-messages); tags are added with
 * {@code POST /api/tickets/{id}/tags} ({@code names}); the priority with {@code PUT /api/tickets/{id}}.
 * Authentication is basic auth with the account e-mail and the API key. A public reply is an outgoing
 * e-mail message on the ticket: {@code channel: email}, {@code via: api}, {@code from_agent: true}, the
 * account's user as {@code sender}, the customer as {@code receiver}, and {@code source} routing it from
 * the shop's support address to the customer's (the payload of
 * https://updates.gorgias.com/publications/upcoming-api-changes-on-2019-05-13 and the outgoing rules of
 * the tutorial above); Gorgias then sends it through the shop's e-mail integration for that address.
 */
public final class GorgiasConnector implements HelpdeskConnector {
    private static final Map<String, TicketStatus> STATUS = Map.of("open", TicketStatus.OPEN, "closed", TicketStatus.SOLVED);
    private static final Map<String, Priority> PRIORITY = Map.of("low", Priority.LOW, "normal", Priority.NORMAL,
            "high", Priority.HIGH, "critical", Priority.URGENT, "urgent", Priority.URGENT);

    private final HelpdeskHttp http;

    public GorgiasConnector(HttpClient client) {
        this.http = new HelpdeskHttp(client);
    }

    @Override
    public Vendor vendor() {
        return Vendor.GORGIAS;
    }

    @Override
    public void verify(Account account, Map<String, String> headers, byte[] body, Instant now) {
        WebhookSignatures.requireSecretHeader(headers, account.webhookSecret());
    }

    @Override
    public List<HelpdeskEvent> read(Map<String, String> headers, byte[] body) {
        return TemplatedWebhook.read("gorgias", WebhookSignatures.digest("gorgias", body), body, new TemplatedWebhook.Words(STATUS, PRIORITY));
    }

    @Override
    public String write(Account account, TicketUpdate update) {
        if (update.publicReply() && (update.customerAddress().isEmpty() || update.shopAddress().isEmpty())) {
            throw new MailDeliveryException("gorgias: a public reply needs the customer's and the shop's address", true, null);
        }
        String auth = HelpdeskHttp.basic(account.settings().user(), account.apiToken());
        String ticket = account.settings().baseUrl() + "/api/tickets/" + update.ticketId();
        ObjectNode message = JsonTrees.object();
        message.put("channel", update.publicReply() ? "email" : "internal-note");
        message.put("via", "api");
        message.put("from_agent", true);
        message.putObject("sender").put("email", account.settings().user());
        if (update.publicReply()) {
            String customer = update.customerAddress().get();
            message.putObject("receiver").put("email", customer);
            ObjectNode source = message.putObject("source").put("type", "email");
            source.putObject("from").put("address", update.shopAddress().get());
            source.putArray("to").addObject().put("address", customer);
        }
        message.put("body_text", update.text());
        message.put("body_html", Html.paragraphs(update.text()));
        JsonNode written = http.send("POST", URI.create(ticket + "/messages"), auth, message);
        if (!update.addTags().isEmpty()) {
            ObjectNode tags = JsonTrees.object();
            update.addTags().stream().sorted().forEach(tags.putArray("names")::add);
            http.send("POST", URI.create(ticket + "/tags"), auth, tags);
        }
        update.priority().ifPresent(p -> http.send("PUT", URI.create(ticket), auth,
                JsonTrees.object().put("priority", p == Priority.URGENT ? "critical" : p.wire())));
        return "gorgias ticket " + update.ticketId() + " message " + written.path("id").asText("?");
    }
}
