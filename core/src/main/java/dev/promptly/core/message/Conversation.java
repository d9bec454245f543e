package dev.promptly.core.message;

import dev.promptly.core.ShopDomain;
import java.time.Instant;
import java.util.Objects;

/**
 * A thread of messages between one customer and the shop. {@code language} is the one replies use;
 * {@code orderId} the order it is about, once known. {@code verifiedPhone} is the customer's number when
 * the channel that delivered the opening message vouched for it (WhatsApp's signed webhook), else null; a
 * number typed or relayed is only in {@code customer}. {@code intent} is what the opening message asked for
 * (an {@code Intent} wire name such as {@code wismo}) and {@code wismoReply} how the acknowledgement met a WISMO
 * question ({@code answered} with order details, {@code ask_reference} asking for the order number), both null
 * when not known; reports and the dashboard group by them. Personal data ({@code customer}, {@code subject},
 * {@code verifiedPhone}) is never logged.
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
        int messageCount,
        String verifiedPhone,
        String intent,
        String wismoReply) {

    public Conversation {
        Objects.requireNonNull(shop, "shop");
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(customer, "customer");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(lastMessageAt, "lastMessageAt");
    }

    /** A conversation whose opening intent is not known. */
    public Conversation(ShopDomain shop, ConversationId id, Channel channel, ConversationStatus status, Sender customer, String language,
                        String subject, String orderId, String sessionId, Instant createdAt, Instant lastMessageAt, int messageCount,
                        String verifiedPhone) {
        this(shop, id, channel, status, customer, language, subject, orderId, sessionId, createdAt, lastMessageAt, messageCount,
                verifiedPhone, null, null);
    }

    /** A conversation whose channel verified no phone number. */
    public Conversation(ShopDomain shop, ConversationId id, Channel channel, ConversationStatus status, Sender customer, String language,
                        String subject, String orderId, String sessionId, Instant createdAt, Instant lastMessageAt, int messageCount) {
        this(shop, id, channel, status, customer, language, subject, orderId, sessionId, createdAt, lastMessageAt, messageCount, null);
    }

    public String ticket() {
        return id.ticket();
    }

    public Conversation withStatus(ConversationStatus next) {
        return new Conversation(shop, id, channel, next, customer, language, subject, orderId, sessionId, createdAt, lastMessageAt,
                messageCount, verifiedPhone, intent, wismoReply);
    }

    /** This conversation with what its opening message asked for and how the acknowledgement answered it. */
    public Conversation withOpening(String openingIntent, String openingWismoReply) {
        return new Conversation(shop, id, channel, status, customer, language, subject, orderId, sessionId, createdAt, lastMessageAt,
                messageCount, verifiedPhone, openingIntent, openingWismoReply);
    }

    /** This conversation after another customer message: open again, counted. */
    public Conversation withCustomerMessage(Instant at, String knownOrderId) {
        Instant last = at.isAfter(lastMessageAt) ? at : lastMessageAt;
        return new Conversation(shop, id, channel, ConversationStatus.OPEN, customer, language, subject,
                orderId != null ? orderId : knownOrderId, sessionId, createdAt, last, messageCount + 1, verifiedPhone, intent, wismoReply);
    }
}
