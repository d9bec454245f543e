package dev.promptly.core.message;

import java.util.Locale;

/** Who a conversation waits on. A customer message always makes it {@link #OPEN}. */
public enum ConversationStatus {
    OPEN, WAITING_ON_CUSTOMER, SOLVED;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static ConversationStatus fromWire(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }
}
