package dev.promptly.app.port;

import dev.promptly.app.helpdesk.HelpdeskEvent;
import dev.promptly.config.HelpdeskSettings;
import dev.promptly.config.HelpdeskSettings.Vendor;
import dev.promptly.core.sla.Priority;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * One helpdesk vendor's webhooks and REST API, behind one interface: checks a webhook as the vendor
 * signs it, reads it into {@link HelpdeskEvent}s, and writes to a ticket (an internal note with tags and
 * priority, or a public reply). Implementations are thread-safe and hold no shop state: each call gets
 * the shop's settings and resolved secrets.
 */
public interface HelpdeskConnector {
    /** The shop's account: its settings with the secrets resolved. */
    record Account(HelpdeskSettings settings, String apiToken, String webhookSecret) {
        public Account {
            Objects.requireNonNull(settings, "settings");
            Objects.requireNonNull(apiToken, "apiToken");
            Objects.requireNonNull(webhookSecret, "webhookSecret");
        }

        @Override
        public String toString() {
            return "Account[" + settings.vendor().wire() + " " + settings.baseUrl() + "]";
        }
    }

    /**
     * What to write on a ticket: {@code text} as an internal note (or, when {@code publicReply}, as a
     * reply the customer receives), {@code addTags} added to the ticket's tags, and {@code priority} set
     * when present. A public reply names the customer's address ({@code customerAddress}) and the shop's
     * ({@code shopAddress}) for helpdesks that route a reply by them (Gorgias); both empty for a note.
     */
    record TicketUpdate(String ticketId, String text, boolean publicReply, Set<String> addTags, Optional<Priority> priority,
                        Optional<String> customerAddress, Optional<String> shopAddress) {
        public TicketUpdate {
            Objects.requireNonNull(ticketId, "ticketId");
            Objects.requireNonNull(text, "text");
            addTags = Set.copyOf(addTags);
            Objects.requireNonNull(priority, "priority");
            Objects.requireNonNull(customerAddress, "customerAddress");
            Objects.requireNonNull(shopAddress, "shopAddress");
        }

        /** Without addresses. */
        public TicketUpdate(String ticketId, String text, boolean publicReply, Set<String> addTags, Optional<Priority> priority) {
            this(ticketId, text, publicReply, addTags, priority, Optional.empty(), Optional.empty());
        }
    }

    Vendor vendor();

    /**
     * Checks the webhook's signature (or secret header) against the account's webhook secret, in constant time.
     *
     * @param headers the request's headers, names lower-case
     * @throws dev.promptly.core.error.WebhookSignatureException when it does not match (401)
     */
    void verify(Account account, Map<String, String> headers, byte[] body, Instant now);

    /**
     * Reads a verified webhook.
     *
     * @throws dev.promptly.core.error.InvalidInputException when the body is not what the vendor sends (400)
     */
    List<HelpdeskEvent> read(Map<String, String> headers, byte[] body);

    /**
     * Reads a verified webhook received at {@code receivedAt}; a vendor whose body may lack the change time uses it
     * instead (see {@code FreshdeskConnector}).
     */
    default List<HelpdeskEvent> read(Map<String, String> headers, byte[] body, Instant receivedAt) {
        return read(headers, body);
    }

    /**
     * Writes {@code update} through the vendor's REST API.
     *
     * @return the vendor's id of what was written, or a short description
     * @throws dev.promptly.app.outbox.MailDeliveryException when the API refused or failed; {@code permanent()} says
     *         whether a retry can help
     */
    String write(Account account, TicketUpdate update);
}
