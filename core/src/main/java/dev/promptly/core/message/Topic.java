package dev.promptly.core.message;

import java.util.Arrays;
import java.util.Optional;

/** What a customer message is about, as far as help links go. */
public enum Topic {
    SHIPPING("shipping"),
    RETURNS("returns"),
    PAYMENT("payment");

    private final String key;

    Topic(String key) {
        this.key = key;
    }

    /** The stable lower-case key used in topic files, configuration and templates, e.g. {@code shipping}. */
    public String key() {
        return key;
    }

    static Optional<Topic> fromKey(String key) {
        return Arrays.stream(values()).filter(topic -> topic.key.equals(key)).findFirst();
    }
}
