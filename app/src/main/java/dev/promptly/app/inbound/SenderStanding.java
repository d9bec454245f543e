package dev.promptly.app.inbound;

import dev.promptly.app.port.ConversationStore;
import dev.promptly.app.port.OrderStore;
import dev.promptly.core.message.Channel;
import dev.promptly.core.message.InboundMessage;
import dev.promptly.core.message.PhoneNumbers;
import java.util.Objects;
import java.util.Optional;

/**
 * Whether the address an automatic reply goes to belongs to a known customer: the shop has an order
 * placed with it, or it wrote to the shop before from a channel that vouches for it. A contact form takes
 * whatever address a visitor types, so an unknown address must get nothing of the visitor's text (name,
 * subject, excerpt) and only a share of the shop's reply budget: otherwise the form relays a stranger's
 * words from the shop's address, and a flood of made-up addresses starves the real customers.
 *
 * <p>Only a message that arrived by e-mail from the address (or through the WhatsApp relay from the
 * number) and was not spam or automatic mail makes its sender known: a typed address in a form or chat
 * proves nothing, so two form posts cannot turn a stranger's address into a known one. Costs one
 * {@code GetItem} and, for a sender without that marker, one single-item {@code Query}. Thread-safe.
 */
public final class SenderStanding {
    private final ConversationStore conversations;
    private final OrderStore orders;

    public SenderStanding(ConversationStore conversations, OrderStore orders) {
        this.conversations = Objects.requireNonNull(conversations, "conversations");
        this.orders = Objects.requireNonNull(orders, "orders");
    }

    /** Whether the sender's address (else phone) has an order or an earlier vouched-for message. */
    public boolean known(InboundMessage message) {
        String identity = identity(message);
        return identity != null && (conversations.isKnownSender(message.shop(), identity)
                || orders.hasOrderFrom(message.shop(), message.sender().email(), message.sender().phone()));
    }

    /**
     * The identity to mark as known after recording {@code message}: its e-mail address when it arrived by
     * e-mail, its number when it came through the WhatsApp relay; empty for forms, chat, spam and automatic
     * mail ({@code answerable} false).
     */
    public static Optional<String> vouchedIdentity(InboundMessage message, boolean answerable) {
        if (!answerable) {
            return Optional.empty();
        }
        if (message.channel() == Channel.EMAIL && message.sender().email() != null) {
            return Optional.of(message.sender().email());
        }
        if (message.channel() == Channel.WHATSAPP && message.sender().email() == null && PhoneNumbers.digits(message.sender().phone()) != null) {
            return Optional.of(identity(message));
        }
        return Optional.empty();
    }

    /** The e-mail address (stored lower-cased), else {@code phone:<digits>}; null when neither identifies anyone. */
    static String identity(InboundMessage message) {
        if (message.sender().email() != null) {
            return message.sender().email();
        }
        String digits = PhoneNumbers.digits(message.sender().phone());
        return digits == null ? null : "phone:" + digits;
    }
}
