package dev.promptly.helpdesk;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.promptly.app.helpdesk.HelpdeskEvent;
import dev.promptly.app.helpdesk.HelpdeskEvent.TicketStatus;
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
import java.util.TreeSet;

/**
 * Freshdesk. Its automation rules' "Trigger webhook" action cannot sign, so it sends the shop's webhook
 * secret in the custom header {@code X-Promptly-Helpdesk-Secret} with Promptly's JSON body template
 * ({@link TemplatedWebhook}). Writes (https://developers.freshdesk.com/api/): an internal note is
 * {@code POST /api/v2/tickets/{id}/notes} with {@code private: true}, a public reply
 * {@code POST /api/v2/tickets/{id}/reply}; tags and priority are set with {@code PUT /api/v2/tickets/{id}},
 * whose {@code tags} replaces the list, so the ticket's tags are read first and kept. Priority is a number
 * (1 low, 2 medium, 3 high, 4 urgent). Authentication is basic auth with the API key as user and {@code X}
 * as password.
 */
public final class FreshdeskConnector implements HelpdeskConnector {
    private static final Map<String, TicketStatus> STATUS = Map.of("open", TicketStatus.OPEN, "2", TicketStatus.OPEN,
            "pending", TicketStatus.WAITING_ON_CUSTOMER, "3", TicketStatus.WAITING_ON_CUSTOMER,
            "waiting on customer", TicketStatus.WAITING_ON_CUSTOMER,
            "resolved", TicketStatus.SOLVED, "4", TicketStatus.SOLVED, "closed", TicketStatus.SOLVED, "5", TicketStatus.SOLVED);
    private static final Map<String, Priority> PRIORITY = Map.of("low", Priority.LOW, "1", Priority.LOW, "medium", Priority.NORMAL,
            "2", Priority.NORMAL, "high", Priority.HIGH, "3", Priority.HIGH, "urgent", Priority.URGENT, "4", Priority.URGENT);

    private final HelpdeskHttp http;

    public FreshdeskConnector(HttpClient client) {
        this.http = new HelpdeskHttp(client);
    }

    @Override
    public Vendor vendor() {
        return Vendor.FRESHDESK;
    }

    @Override
    public void verify(Account account, Map<String, String> headers, byte[] body, Instant now) {
        WebhookSignatures.requireSecretHeader(headers, account.webhookSecret());
    }

    @Override
    public List<HelpdeskEvent> read(Map<String, String> headers, byte[] body) {
        return TemplatedWebhook.read("freshdesk", WebhookSignatures.digest("freshdesk", body), body, new TemplatedWebhook.Words(STATUS, PRIORITY));
    }

    /**
     * Freshdesk's placeholder list names no update time in every edition, so a body without {@code updated_at} is
     * taken as changed when it arrived: Freshdesk sends a rule's webhook as the ticket changes, so arrival order is
     * close to change order.
     */
    @Override
    public List<HelpdeskEvent> read(Map<String, String> headers, byte[] body, Instant receivedAt) {
        return TemplatedWebhook.read("freshdesk", WebhookSignatures.digest("freshdesk", body), body, new TemplatedWebhook.Words(STATUS, PRIORITY),
                java.util.Optional.of(receivedAt));
    }

    @Override
    public String write(Account account, TicketUpdate update) {
        String auth = HelpdeskHttp.basic(account.apiToken(), "X");
        String ticket = account.settings().baseUrl() + "/api/v2/tickets/" + update.ticketId();
        ObjectNode note = JsonTrees.object();
        note.put("body", Html.paragraphs(update.text()));
        if (!update.publicReply()) {
            note.put("private", true);
        }
        JsonNode written = http.send("POST", URI.create(ticket + (update.publicReply() ? "/reply" : "/notes")), auth, note);
        if (!update.addTags().isEmpty() || update.priority().isPresent()) {
            ObjectNode change = JsonTrees.object();
            if (!update.addTags().isEmpty()) {
                TreeSet<String> tags = new TreeSet<>(update.addTags());
                http.send("GET", URI.create(ticket), auth, null).path("tags").forEach(t -> tags.add(t.asText()));
                tags.forEach(change.putArray("tags")::add);
            }
            update.priority().ifPresent(p -> change.put("priority", p.ordinal() + 1));
            http.send("PUT", URI.create(ticket), auth, change);
        }
        return "freshdesk ticket " + update.ticketId() + " conversation " + written.path("id").asText("?");
    }
}
