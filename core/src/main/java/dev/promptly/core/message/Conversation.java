package dev.promptly.core.message;

import dev.promptly.core.ShopDomain;
import java.time.Instant;
import java.util.Objects;

/**
 * A thread of messages between one customer and the shop. {@code language} is the one replies use;
 * {@code orderId} the order it is about, once known. Personal data ({@code customer}, {@code subject})
 * is never logged.
 */
public record Conversation(
        ShopDomain shop,
        ConversationId id,
        Channel channel,
        ConversationStatus status,
        Sender customer,
        String language,
        String subject,
        String orderId,
        String sessionId,
        Instant createdAt,
        Instant lastMessageAt,
        int messageCount) {

    public Conversation {
        Objects.requireNonNull(shop, "shop");
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(customer, "customer");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(lastMessageAt, "lastMessageAt");
    }

    public String ticket() {
        return id.ticket();
    }

    public Conversation withStatus(ConversationStatus next) {
        return new Conversation(shop, id, channel, next, customer, language, subject, orderId, sessionId, createdAt, lastMessageAt,
                messageCount);
    }

    /** This conversation after another customer message: open again, counted. */
    public Conversation withCustomerMessage(Instant at, String knownOrderId) {
        Instant last = at.isAfter(lastMessageAt) ? at : lastMessageAt;
        return new Conversation(shop, id, channel, ConversationStatus.OPEN, customer, language, subject,
                orderId != null ? orderId : knownOrderId, sessionId, createdAt, last, messageCount + 1);
    }
}
