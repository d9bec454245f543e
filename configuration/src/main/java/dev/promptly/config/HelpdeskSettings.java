package dev.promptly.config;

import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * A shop's helpdesk (the optional {@code helpdesk} object of a shop): which vendor, where its API is, the
 * API credentials and the webhook secret as secret references, and where acknowledgements go.
 *
 * @param baseUrl       the account's API origin, e.g. {@code https://acme.zendesk.com}, {@code https://acme.gorgias.com},
 *                      {@code https://acme.freshdesk.com}, {@code https://api.helpscout.net}; no path
 * @param user          Zendesk: the agent e-mail of the API token; Gorgias: the account e-mail of the API key;
 *                      Help Scout: the OAuth2 app id; Freshdesk: unused (null)
 * @param apiToken      Zendesk API token, Gorgias API key, Freshdesk API key, Help Scout app secret
 * @param webhookSecret Zendesk's and Help Scout's signing secret; for Gorgias and Freshdesk the value of the
 *                      {@code X-Promptly-Helpdesk-Secret} header configured in their HTTP action
 * @param signatureMaxAge Zendesk only: how far a webhook's signed timestamp may be from now (either way) before
 *                        the delivery is refused as a replay; null for the connector's default (5 minutes)
 */
public record HelpdeskSettings(Vendor vendor, URI baseUrl, String user, SecretRef apiToken, SecretRef webhookSecret,
                               AckDelivery acknowledgeVia, Duration signatureMaxAge) {

    /** The longest {@code signatureMaxAge}: a longer window would leave a captured delivery replayable too long. */
    public static final Duration MAX_SIGNATURE_AGE = Duration.ofHours(1);

    /** The helpdesks Promptly has a connector for; {@link #wire()} is the name in config and in the webhook path. */
    public enum Vendor {
        GORGIAS, ZENDESK, FRESHDESK, HELPSCOUT;

        public String wire() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static Optional<Vendor> fromWire(String value) {
            for (Vendor vendor : values()) {
                if (vendor.wire().equals(value)) {
                    return Optional.of(vendor);
                }
            }
            return Optional.empty();
        }

        /** Whether the API credentials name a user (an e-mail or an app id) beside the token. */
        public boolean needsUser() {
            return this != FRESHDESK;
        }
    }

    /** Where a customer's acknowledgement goes: a public reply on the ticket, or Promptly's own mail. */
    public enum AckDelivery {
        HELPDESK, MAIL;

        public String wire() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public HelpdeskSettings {
        Objects.requireNonNull(vendor, "vendor");
        Objects.requireNonNull(baseUrl, "baseUrl");
        Objects.requireNonNull(apiToken, "apiToken");
        Objects.requireNonNull(webhookSecret, "webhookSecret");
        Objects.requireNonNull(acknowledgeVia, "acknowledgeVia");
        if (vendor.needsUser() && (user == null || user.isBlank())) {
            throw new IllegalArgumentException(vendor.wire() + " needs user");
        }
        if (signatureMaxAge != null && (signatureMaxAge.isNegative() || signatureMaxAge.isZero()
                || signatureMaxAge.compareTo(MAX_SIGNATURE_AGE) > 0)) {
            throw new IllegalArgumentException("signatureMaxAge: must be > 0 and at most " + MAX_SIGNATURE_AGE);
        }
    }

    /** With the connector's default signature age. */
    public HelpdeskSettings(Vendor vendor, URI baseUrl, String user, SecretRef apiToken, SecretRef webhookSecret,
                            AckDelivery acknowledgeVia) {
        this(vendor, baseUrl, user, apiToken, webhookSecret, acknowledgeVia, null);
    }
}
