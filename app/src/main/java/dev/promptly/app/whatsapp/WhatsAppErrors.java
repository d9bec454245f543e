package dev.promptly.app.whatsapp;

import java.util.Set;

/**
 * Which Cloud API error codes are worth retrying. Meta advises building error handling on the numeric
 * {@code code} (https://developers.facebook.com/docs/whatsapp/cloud-api/support/error-codes): the codes
 * below are temporary (server trouble, throughput and rate limits, "wait and retry"); every other code
 * (an invalid parameter, an expired token, a closed 24-hour window 131047, an undeliverable number 131026,
 * a missing or paused template 132001/132015, a blocked account 368/131031) fails until a person acts.
 */
public final class WhatsAppErrors {
    private static final Set<Integer> TEMPORARY = Set.of(
            1,       // API Unknown: possible server error
            2,       // API Service: temporary downtime or overload
            4,       // API Too Many Calls: app-level rate limit
            80007,   // WhatsApp Business Account rate limit
            130429,  // Cloud API throughput reached
            131000,  // Something went wrong
            131016,  // Service unavailable
            131048,  // Spam rate limit hit
            131056,  // (business, consumer) pair rate limit hit: wait and retry
            133004); // Server temporarily unavailable

    /** The 24-hour customer service window had closed: only a template may be sent now. */
    public static final int REENGAGEMENT_REQUIRED = 131047;

    private WhatsAppErrors() {
    }

    public static boolean retryable(int code) {
        return TEMPORARY.contains(code);
    }
}
