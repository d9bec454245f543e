package dev.promptly.core.message;

import dev.promptly.core.ShopDomain;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * One customer message, whatever channel it came through, normalised for threading, the loop rules and
 * the acknowledgement.
 *
 * <p>{@code headers} are the mail headers (received by mail or relayed through the JSON endpoint) with
 * lower-cased names; empty for chat. {@code references} lists message ids this one answers, most
 * relevant last ({@code In-Reply-To} is appended when it is not among them). {@code sessionId} is a chat
 * widget's session. {@code timeZone} is the customer's when the client knows it. {@code spam} carries a
 * failed spam verdict: such a message is stored for the team but never answered. {@code verified} says
 * which of the sender's contacts the delivering channel vouches for (see {@link VerifiedContact}).
 * {@code rawMailId} is the SES message id the raw MIME was stored under (null unless received through
 * SES), so that a redaction can delete that copy too.
 */
public record InboundMessage(
        ShopDomain shop,
        Channel channel,
        String messageId,
        Sender sender,
        String subject,
        String text,
        List<String> references,
        String sessionId,
        Instant receivedAt,
        Map<String, List<String>> headers,
        ZoneId timeZone,
        List<AttachmentNote> attachments,
        boolean spam,
        VerifiedContact verified,
        String rawMailId) {

    public InboundMessage {
        Objects.requireNonNull(shop, "shop");
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(messageId, "messageId");
        Objects.requireNonNull(sender, "sender");
        Objects.requireNonNull(receivedAt, "receivedAt");
        Objects.requireNonNull(verified, "verified");
        text = text == null ? "" : text;
        references = references == null ? List.of() : List.copyOf(references);
        attachments = attachments == null ? List.of() : List.copyOf(attachments);
        TreeMap<String, List<String>> lower = new TreeMap<>();
        // Loops, not lambdas: every message is built here, the first one in a cold start.
        if (headers != null) {
            for (Map.Entry<String, List<String>> header : headers.entrySet()) {
                String name = header.getKey().toLowerCase(Locale.ROOT);
                List<String> values = lower.get(name);
                if (values == null) {
                    values = new java.util.ArrayList<>();
                    lower.put(name, values);
                }
                values.addAll(header.getValue());
            }
        }
        for (Map.Entry<String, List<String>> header : lower.entrySet()) {
            header.setValue(List.copyOf(header.getValue()));
        }
        headers = java.util.Collections.unmodifiableMap(lower);
    }

    /** A relayed message: its channel vouches for none of the sender's contacts and no raw copy was stored. */
    public InboundMessage(ShopDomain shop, Channel channel, String messageId, Sender sender, String subject, String text,
                          List<String> references, String sessionId, Instant receivedAt, Map<String, List<String>> headers,
                          ZoneId timeZone, List<AttachmentNote> attachments, boolean spam) {
        this(shop, channel, messageId, sender, subject, text, references, sessionId, receivedAt, headers, timeZone, attachments, spam,
                VerifiedContact.NONE, null);
    }

    /** The sender's e-mail address when the channel vouches for it. */
    public Optional<String> verifiedEmail() {
        return verified == VerifiedContact.EMAIL ? Optional.ofNullable(sender.email()) : Optional.empty();
    }

    /** The sender's phone number when the channel vouches for it (WhatsApp's signed webhook). */
    public Optional<String> verifiedPhone() {
        return verified == VerifiedContact.PHONE ? Optional.ofNullable(sender.phone()) : Optional.empty();
    }

    public Optional<ZoneId> customerTimeZone() {
        return Optional.ofNullable(timeZone);
    }
}
