package dev.promptly.core.message;

import java.util.Locale;
import java.util.Optional;

/** Where an inbound message came from; {@link #wire()} is its name in JSON and storage. */
public enum Channel {
    EMAIL, CHAT, FORM, WHATSAPP;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Channel> fromWire(String value) {
        for (Channel channel : values()) {
            if (channel.wire().equals(value)) {
                return Optional.of(channel);
            }
        }
        return Optional.empty();
    }
}
