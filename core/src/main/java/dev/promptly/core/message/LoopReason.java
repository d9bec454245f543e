package dev.promptly.core.message;

/**
 * Why {@link LoopGuard} refused an automatic reply to an inbound message. Each reason has a short,
 * stable {@link #code()} for logs and stored decisions, so renaming a constant never changes what was
 * already recorded.
 */
public enum LoopReason {
    /** {@code Auto-Submitted} with a value other than {@code no} (RFC 3834 section 5). */
    AUTO_SUBMITTED("auto_submitted"),
    /** {@code Precedence: bulk}, {@code list}, {@code junk} or {@code auto_reply}. */
    PRECEDENCE("precedence"),
    /** A {@code List-*} header (RFC 2369, RFC 2919): the message came through a mailing list. */
    MAILING_LIST("mailing_list"),
    /** A non-standard autoresponder header such as {@code X-Autoreply}. */
    AUTORESPONDER_HEADER("autoresponder_header"),
    /** {@code X-Auto-Response-Suppress} asking for no out-of-office or automatic replies ([MS-OXCMAIL]). */
    RESPONSE_SUPPRESSED("response_suppressed"),
    /** An empty {@code Return-Path} ({@code <>}): the null sender of bounces and other automatic mail. */
    EMPTY_RETURN_PATH("empty_return_path"),
    /** A delivery status, read receipt or other machine report (RFC 6522, RFC 3464, RFC 8098). */
    DELIVERY_REPORT("delivery_report"),
    /** A sender such as {@code mailer-daemon}, {@code postmaster} or {@code no-reply}. */
    SYSTEM_SENDER("system_sender"),
    /** The sender is one of the shop's own addresses. */
    OWN_ADDRESS("own_address"),
    /** The message carries our own {@link LoopGuard#LOOP_MARKER_HEADER}. */
    OWN_LOOP_MARKER("own_loop_marker");

    private final String code;

    LoopReason(String code) {
        this.code = code;
    }

    /** Short snake_case code for logs and stored decisions, e.g. {@code auto_submitted}. */
    public String code() {
        return code;
    }
}
