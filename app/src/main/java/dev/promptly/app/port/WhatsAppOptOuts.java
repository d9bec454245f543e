package dev.promptly.app.port;

import dev.promptly.core.ShopDomain;
import java.time.Instant;

/**
 * Who asked a shop to stop automatic WhatsApp messages, by the digits of their number. The latest word
 * counts: an opt-out holds until the customer writes again. Implementations are thread-safe.
 */
public interface WhatsAppOptOuts {
    boolean optedOut(ShopDomain shop, String digits);

    /** Records that the number opted out ({@code optedOut}) or wrote again, at {@code at}. */
    void record(ShopDomain shop, String digits, boolean optedOut, Instant at);
}
