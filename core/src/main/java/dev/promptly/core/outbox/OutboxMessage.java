package dev.promptly.core.outbox;

import dev.promptly.core.ShopDomain;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * An outgoing message as recorded together with the decision to send it. The sender delivers it and
 * records the outcome; {@code id} is derived from the business identity of the decision, so a replayed
 * decision finds the record it already wrote.
 *
 * <p>{@code headers} are the extra mail headers (threading, loop markers) in the order they are sent.
 * {@code notBefore} holds a message back until then (quiet hours, retry back-off).
 */
public record OutboxMessage(
        ShopDomain shop,
        String id,
        OutboxKind kind,
        String channel,
        String to,
        String from,
        String replyTo,
        String subject,
        String text,
        String html,
        Map<String, String> headers,
        String conversationId,
        String orderId,
        Instant createdAt,
        OutboxStatus status,
        Instant notBefore,
        int attempts,
        String lastError,
        Instant sentAt,
        String providerMessageId) {

    public OutboxMessage {
        Objects.requireNonNull(shop, "shop");
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(status, "status");
        headers = headers == null ? Map.of() : java.util.Collections.unmodifiableMap(new TreeMap<>(headers));
        if (subject.indexOf('\n') >= 0 || subject.indexOf('\r') >= 0) {
            throw new IllegalArgumentException("a subject is one line");
        }
    }

    /** This message after the sender's outcome. */
    public OutboxMessage withOutcome(OutboxStatus next, int attemptsSoFar, String error, Instant sent, String providerId, Instant retryAt) {
        return new OutboxMessage(shop, id, kind, channel, to, from, replyTo, subject, text, html, headers, conversationId,
                orderId, createdAt, next, retryAt, attemptsSoFar, error, sent, providerId);
    }
}
