package dev.promptly.config;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * A shop's satisfaction survey ({@code csat}, docs/csat.md): whether it is sent, how long after solving,
 * whether only conversations a person of the team answered get one, at most one per customer in how many
 * days, how long its links work, the secret its links are signed with and the public URL they point to.
 * {@link #OFF} when the shop configures nothing. Immutable.
 */
public record CsatSettings(boolean enabled, Duration delay, boolean requireHumanReply, int minDaysBetween, Duration linkValidity,
                           SecretRef tokenSecret, URI linkBaseUrl) {
    public static final Duration DEFAULT_DELAY = Duration.ofHours(1);
    public static final int DEFAULT_MIN_DAYS_BETWEEN = 30;
    public static final Duration DEFAULT_LINK_VALIDITY = Duration.ofDays(30);
    /** No survey; existing configuration without a {@code csat} object behaves as before. */
    public static final CsatSettings OFF = new CsatSettings(false, DEFAULT_DELAY, true, DEFAULT_MIN_DAYS_BETWEEN, DEFAULT_LINK_VALIDITY,
            null, null);

    public CsatSettings {
        Objects.requireNonNull(delay, "delay");
        Objects.requireNonNull(linkValidity, "linkValidity");
        if (delay.isNegative() || minDaysBetween < 0 || linkValidity.isNegative() || linkValidity.isZero()) {
            throw new IllegalArgumentException("delay and min_days_between must not be negative, the link validity must be positive");
        }
        if (enabled && (tokenSecret == null || linkBaseUrl == null)) {
            throw new IllegalArgumentException("an enabled survey needs token_secret and link_base_url");
        }
    }

    /** These settings with links starting at {@code base} (the local runner's own URL). */
    public CsatSettings withLinkBaseUrl(URI base) {
        return new CsatSettings(enabled, delay, requireHumanReply, minDaysBetween, linkValidity, tokenSecret, base);
    }

    /** The link of a signed token: {@code <link_base_url>/csat/<token>}. */
    public URI link(String token) {
        return URI.create(linkBaseUrl.toString() + "/csat/" + token);
    }
}
