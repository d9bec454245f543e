package dev.promptly.local;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.promptly.app.inbound.EmailIntake;
import dev.promptly.app.inbound.IntakeResult;
import dev.promptly.app.inbound.SesNotification;
import dev.promptly.config.PromptlyConfig;
import dev.promptly.config.ShopConfig;
import dev.promptly.core.ShopDomain;
import dev.promptly.core.error.InvalidInputException;
import dev.promptly.functions.messages.MessagesHandler;
import java.time.Clock;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

/**
 * {@code POST /local/inbound-email}: a raw e-mail, as SES receiving stores it in S3, for the shop named by
 * {@code X-Promptly-Shop}. It is kept here as the bucket would keep it and handed to the inbound-email
 * function's use case with the event SES would send (addressed to the shop's first inbound address,
 * spam and virus checks passed), so the whole mail path — team copies and copies of the team's replies
 * included — runs without AWS. Answers as {@code POST /messages} does.
 */
final class LocalInboundMail {
    static final String PATH = "/local/inbound-email";
    /** What the mail parser reads (MimeMailParser's bound); SES itself accepts up to 40 MB. */
    static final int MAX_BYTES = 10 * 1024 * 1024;
    /** Mails kept for the outbox sender (a team copy attaches their files); the oldest go first. */
    private static final int KEPT = 100;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final PromptlyConfig config;
    private final Clock clock;
    private final Map<String, byte[]> bucket = Collections.synchronizedMap(new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, byte[]> eldest) {
            return size() > KEPT;
        }
    });

    LocalInboundMail(PromptlyConfig config, Clock clock) {
        this.config = Objects.requireNonNull(config, "config");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** The stored raw mail of an SES message id, as the S3 reader returns it. */
    Function<String, byte[]> rawMail() {
        return id -> Optional.ofNullable(bucket.get(id))
                .orElseThrow(() -> new IllegalStateException("no stored mail " + id + " (the local runner keeps the last " + KEPT + ")"));
    }

    /**
     * Processes {@code raw} as the SES function would.
     *
     * @return the HTTP status and JSON answer
     */
    Map.Entry<Integer, ObjectNode> accept(EmailIntake intake, String shopHeader, byte[] raw) {
        if (shopHeader == null || shopHeader.isBlank()) {
            return refused("X-Promptly-Shop", "is required: the shop whose inbound address received the mail");
        }
        ShopConfig shop;
        try {
            ShopDomain domain = ShopDomain.parse(shopHeader, "X-Promptly-Shop");
            shop = config.shop(domain).orElse(null);
        } catch (InvalidInputException e) {
            return refused("X-Promptly-Shop", "must be a shop domain such as demo-shop.myshopify.com");
        }
        if (shop == null) {
            return refused("X-Promptly-Shop", "names no shop of this configuration");
        }
        if (raw.length == 0) {
            return refused("body", "must be a raw e-mail (RFC 5322 headers, a blank line, the body), as SES stores it in S3");
        }
        String sesMessageId = "local-" + UUID.randomUUID();
        bucket.put(sesMessageId, raw);
        // No SES here to check SPF, DKIM and DMARC: the local runner trusts the mail its caller posts.
        var notification = new SesNotification(sesMessageId, clock.instant(), List.of(shop.autoReply().inboundAddresses().get(0)),
                "PASS", "PASS", null, null, null, "PASS", "PASS", "PASS");
        Optional<IntakeResult> result;
        try {
            result = intake.accept(notification);
        } catch (InvalidInputException e) {
            bucket.remove(sesMessageId);
            return Map.entry(400, JSON.createObjectNode().put("error", e.getMessage()));
        }
        if (result.isEmpty()) {
            bucket.remove(sesMessageId);
            return refused("From", "the mail names no sender address, so it was dropped as SES mail without one is");
        }
        return Map.entry(202, MessagesHandler.body(result.get()));
    }

    private static Map.Entry<Integer, ObjectNode> refused(String field, String reason) {
        return Map.entry(400, JSON.createObjectNode().put("error", field + ": " + reason));
    }
}
