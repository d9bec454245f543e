package dev.promptly.app.inbound;

import dev.promptly.config.SecretResolver;
import dev.promptly.config.ShopConfig;
import dev.promptly.core.ShopDomain;
import dev.promptly.core.error.AuthenticationException;
import dev.promptly.core.error.InvalidInputException;
import dev.promptly.core.error.UnknownShops;
import dev.promptly.core.message.MessageSignature;
import java.time.Clock;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * {@code POST /messages}: checks the shop and the body's signature before anything is parsed or stored,
 * then hands the message to {@link MessageIntake}.
 */
public final class MessagesApi {
    public static final String SHOP_HEADER = "X-Promptly-Shop";
    public static final String SIGNATURE_HEADER = "X-Promptly-Signature";
    /** The answer to a wrong signature and to an unknown shop alike. */
    static final String WRONG_SIGNATURE = SIGNATURE_HEADER + ": does not match the body for this shop's messages secret";

    private final MessageIntake intake;
    private final SecretResolver secrets;
    private final Clock clock;
    private final Optional<TeamReplies> teamReplies;

    public MessagesApi(MessageIntake intake, SecretResolver secrets, Clock clock) {
        this(intake, secrets, clock, Optional.empty());
    }

    /** With {@code teamReplies} recognising relayed copies of the team's mail before the intake sees them. */
    public MessagesApi(MessageIntake intake, SecretResolver secrets, Clock clock, Optional<TeamReplies> teamReplies) {
        this.teamReplies = Objects.requireNonNull(teamReplies, "teamReplies");
        this.intake = Objects.requireNonNull(intake, "intake");
        this.secrets = Objects.requireNonNull(secrets, "secrets");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** SnapStart priming of the intake; nothing is written. */
    public void prime() {
        intake.prime();
    }

    /**
     * @throws dev.promptly.core.error.InvalidInputException for a bad header or body (400)
     * @throws AuthenticationException for a missing or wrong signature, or a shop this deployment does not
     *         serve (401, the same answer for both, so a caller cannot list the shops served here)
     */
    public IntakeResult accept(String shopHeader, String signatureHeader, byte[] body) {
        ShopDomain shop = ShopDomain.parse(shopHeader, SHOP_HEADER);
        if (signatureHeader == null || signatureHeader.isBlank()) {
            throw new AuthenticationException(SIGNATURE_HEADER + ": is required (sha256=<hex HMAC-SHA256 of the body>)");
        }
        Optional<ShopConfig> config = intake.config().shop(shop);
        // An unknown shop costs the same HMAC and gets the wrong signature's answer: neither tells it apart.
        String secret = config.map(c -> secrets.resolve(c.secrets().messages())).orElse(UnknownShops.NO_SECRET);
        if (!MessageSignature.matches(signatureHeader, body, secret) || config.isEmpty()) {
            throw new AuthenticationException(WRONG_SIGNATURE);
        }
        var request = MessageRequest.read(body, shop, clock.instant());
        request.untrustedReceipt().ifPresent(claim -> intake.log().warn("message.received_at_untrusted", Map.of(
                "shop", shop.value(), "channel", request.message().channel().wire(), "skewSeconds", claim.skewSeconds())));
        Optional<IntakeResult> team = teamReplies.flatMap(t -> t.recognise(request.message(), request.to(), request.hasMessageId()));
        if (team.isPresent()) {
            return team.get();
        }
        if (!request.hasMessageId()) {
            throw new InvalidInputException("message_id", "is required (it may be left out only for a copy of the team's reply, from a team address)");
        }
        return intake.accept(request.message());
    }
}
