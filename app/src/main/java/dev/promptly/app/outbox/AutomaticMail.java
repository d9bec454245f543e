package dev.promptly.app.outbox;

import dev.promptly.config.ShopConfig;
import dev.promptly.core.message.LoopGuard;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What every mail Promptly writes by itself shares: an outbox id that starts with its creation time (so
 * a shop's outbox lists oldest first), a Message-ID in the shop's own domain, and the RFC 3834 markers
 * that keep other robots from answering it ({@code Auto-Submitted}, {@code X-Auto-Response-Suppress})
 * plus our loop marker. Stateless.
 */
public final class AutomaticMail {
    /** {@code Auto-Submitted} of an answer to a customer's message. */
    public static final String AUTO_REPLIED = "auto-replied";
    /** {@code Auto-Submitted} of a mail no message caused: notices, notes, team alerts. */
    public static final String AUTO_GENERATED = "auto-generated";
    /**
     * On a team copy of a mail received through SES: the SES message id its raw MIME is stored under, so
     * that the mail composer attaches the original's files (the outbox record keeps only text).
     */
    public static final String RAW_MAIL_HEADER = "X-Promptly-Raw-Mail";
    private static final DateTimeFormatter ID_TIME = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss.SSS'Z'").withZone(ZoneOffset.UTC);

    private AutomaticMail() {
    }

    /** {@code <UTC creation time>-<suffix>}, e.g. {@code 20261127T165900.000Z-ack-7K3M9QX2AB}. */
    public static String outboxId(Instant createdAt, String suffix) {
        return ID_TIME.format(createdAt) + "-" + suffix;
    }

    /** The domain of the shop's support address, where its Message-IDs live. */
    public static String senderDomain(ShopConfig shop) {
        return shop.supportEmail().substring(shop.supportEmail().indexOf('@') + 1);
    }

    /**
     * The headers of an automatic mail with id {@code outboxId}, in a map the caller may extend (threading
     * headers of a reply, for instance).
     *
     * @param autoSubmitted {@link #AUTO_REPLIED} or {@link #AUTO_GENERATED}
     */
    public static Map<String, String> headers(ShopConfig shop, String outboxId, String autoSubmitted) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Message-ID", "<" + outboxId + "@" + senderDomain(shop) + ">");
        headers.put("Auto-Submitted", autoSubmitted);
        headers.put("X-Auto-Response-Suppress", "All");
        headers.put(LoopGuard.LOOP_MARKER_HEADER, shop.domain().value());
        return headers;
    }
}
