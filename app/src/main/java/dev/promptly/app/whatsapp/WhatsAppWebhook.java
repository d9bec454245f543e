package dev.promptly.app.whatsapp;

import dev.promptly.app.inbound.IntakeResult;
import dev.promptly.app.inbound.MessageIntake;
import dev.promptly.app.port.DeliveryReports;
import dev.promptly.app.port.WhatsAppOptOuts;
import dev.promptly.config.SecretResolver;
import dev.promptly.config.ShopConfig;
import dev.promptly.config.WhatsAppSettings;
import dev.promptly.core.ShopDomain;
import dev.promptly.core.error.AuthenticationException;
import dev.promptly.core.error.UnknownShops;
import dev.promptly.core.message.InboundMessage;
import dev.promptly.core.message.MessageSignature;
import dev.promptly.log.JsonLog;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * {@code GET|POST /whatsapp/{shop}}: the shop's WhatsApp Cloud API webhook.
 *
 * <p>{@code GET} is Meta's verification request ({@code hub.mode=subscribe}, {@code hub.verify_token},
 * {@code hub.challenge}): the challenge is echoed only when the token is the shop's verify token
 * (https://developers.facebook.com/docs/graph-api/webhooks/getting-started#verification-requests).
 *
 * <p>{@code POST} is an event notification, signed in {@code X-Hub-Signature-256} as
 * {@code sha256=<hex HMAC-SHA256 of the raw body keyed with the app secret>}
 * (https://developers.facebook.com/docs/graph-api/webhooks/getting-started#validate-payloads). The
 * signature is checked before anything is parsed; a wrong one, a shop this deployment does not serve and a
 * shop without a WhatsApp number get the same 401 after the same work, and nothing is recorded. Each
 * customer message then goes to {@link MessageIntake} (a redelivery of the same message id is recognised
 * there and changes nothing); each delivery status updates the outbox record it reports on
 * ({@link WhatsAppStatuses}). Thread-safe.
 */
public final class WhatsAppWebhook {
    public static final String SIGNATURE_HEADER = "X-Hub-Signature-256";
    static final String WRONG_SIGNATURE = SIGNATURE_HEADER + ": does not match the body for this shop's WhatsApp app secret";
    /** Meta sends a number; anything beyond a short token is not echoed into a response. */
    private static final Pattern CHALLENGE = Pattern.compile("[A-Za-z0-9_.-]{1,128}");

    private final MessageIntake intake;
    private final SecretResolver secrets;
    private final Clock clock;
    private final JsonLog log;
    private final WhatsAppOptOut optOut;
    private final WhatsAppStatuses statuses;

    public WhatsAppWebhook(MessageIntake intake, SecretResolver secrets, WhatsAppOptOuts optOuts, DeliveryReports reports, Clock clock,
                           JsonLog log) {
        this.intake = Objects.requireNonNull(intake, "intake");
        this.statuses = new WhatsAppStatuses(reports, clock);
        this.optOut = new WhatsAppOptOut(optOuts);
        this.secrets = Objects.requireNonNull(secrets, "secrets");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.log = Objects.requireNonNull(log, "log");
    }

    /** The answer to a verification request: the challenge to echo, or why it is refused (403). */
    public record Verification(Optional<String> challenge, String refusal) {
        static Verification accepted(String challenge) {
            return new Verification(Optional.of(challenge), null);
        }

        static Verification refused(String reason) {
            return new Verification(Optional.empty(), reason);
        }
    }

    /**
     * What a notification did: messages recorded, redeliveries recognised, statuses read and items skipped;
     * of the statuses, how many changed an outbox record and how many were for a message id Promptly did not send.
     */
    public record Outcome(int recorded, int duplicates, int statuses, int skipped, int statusesApplied, int statusesUnknown) {
    }

    /** SnapStart priming of the intake; nothing is written. */
    public void prime() {
        intake.prime();
    }

    /**
     * Answers Meta's verification request. An unknown shop, a shop without a WhatsApp number and a wrong
     * token are refused alike.
     */
    public Verification verify(String shopPath, String mode, String verifyToken, String challenge) {
        ShopDomain shop = ShopDomain.parse(shopPath, "shop");
        if (!"subscribe".equals(mode)) {
            return Verification.refused("hub.mode: must be subscribe");
        }
        if (challenge == null || !CHALLENGE.matcher(challenge).matches()) {
            return Verification.refused("hub.challenge: is required (letters and digits, at most 128)");
        }
        Optional<WhatsAppSettings> whatsapp = whatsApp(shop);
        String expected = whatsapp.map(w -> secrets.resolve(w.verifyToken())).orElse(UnknownShops.NO_SECRET);
        boolean matches = verifyToken != null && MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8),
                verifyToken.getBytes(StandardCharsets.UTF_8));
        if (!matches || whatsapp.isEmpty()) {
            return Verification.refused("hub.verify_token: does not match this shop's WhatsApp verify token");
        }
        log.info("whatsapp.verified", Map.of("shop", shop.value()));
        return Verification.accepted(challenge);
    }

    /**
     * Records the customer messages of a signed notification.
     *
     * @throws AuthenticationException for a missing or wrong signature, an unknown shop or one without a WhatsApp number (401)
     * @throws dev.promptly.core.error.InvalidInputException for a signed body not shaped as documented (400)
     */
    public Outcome accept(String shopPath, String signatureHeader, byte[] body) {
        ShopDomain shop = ShopDomain.parse(shopPath, "shop");
        if (signatureHeader == null || signatureHeader.isBlank()) {
            throw new AuthenticationException(SIGNATURE_HEADER + ": is required (sha256=<hex HMAC-SHA256 of the body>)");
        }
        Optional<WhatsAppSettings> whatsapp = whatsApp(shop);
        // An unknown shop costs the same HMAC and gets the wrong signature's answer: neither tells it apart.
        String secret = whatsapp.map(w -> secrets.resolve(w.appSecret())).orElse(UnknownShops.NO_SECRET);
        if (!MessageSignature.matches(signatureHeader, body, secret) || whatsapp.isEmpty()) {
            throw new AuthenticationException(WRONG_SIGNATURE);
        }
        var parsed = WhatsAppNotification.read(body, shop, whatsapp.get().phoneNumberId(), clock.instant());
        int recorded = 0;
        int duplicates = 0;
        for (InboundMessage message : parsed.messages()) {
            // Before the intake, so that an opt-out withdraws the acknowledgement the intake queues.
            optOut.note(message);
            IntakeResult result = intake.accept(message);
            if (result.duplicate()) {
                duplicates++;
            } else {
                recorded++;
            }
        }
        WhatsAppStatuses.Applied applied = statuses.apply(shop, parsed.statuses());
        var outcome = new Outcome(recorded, duplicates, parsed.statuses().size(), parsed.skipped(), applied.changed(), applied.unknown());
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("shop", shop.value());
        fields.put("recorded", outcome.recorded());
        fields.put("duplicates", outcome.duplicates());
        fields.put("statuses", outcome.statuses());
        fields.put("skipped", outcome.skipped());
        fields.put("statusesApplied", outcome.statusesApplied());
        fields.put("statusesUnknown", outcome.statusesUnknown());
        log.info("whatsapp.notification", fields);
        return outcome;
    }

    private Optional<WhatsAppSettings> whatsApp(ShopDomain shop) {
        return intake.config().shop(shop).flatMap(ShopConfig::whatsApp);
    }
}
