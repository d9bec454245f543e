package dev.promptly.config;

import java.util.Locale;
import java.util.Objects;

/**
 * Where SLA alerts can go (the {@code sla.alerts.targets} block): a Slack incoming webhook (its URL is a
 * secret, so {@code address} is a secret reference such as {@code ssm:/promptly/secrets/acme/slack}), an
 * Amazon SNS topic ({@code address} is its ARN) or an e-mail address.
 *
 * @param name the name stages refer to in {@code notify}
 */
public record AlertTarget(String name, Channel channel, String address) {
    /** The outbox channel an alert to this target is recorded with; {@link #wire()} is its name there. */
    public enum Channel {
        SLACK, SNS, EMAIL;

        public String wire() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public AlertTarget {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(address, "address");
    }
}
