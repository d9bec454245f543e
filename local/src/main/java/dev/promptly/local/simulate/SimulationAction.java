package dev.promptly.local.simulate;

import java.util.Locale;

/**
 * What Promptly would do with a replayed message. The first that applies wins:
 * <ol>
 *   <li>{@link #NO_REPLY}: the loop guard refuses any automatic reply. A CSV row has no mail headers,
 *       so only the sender can tell: one of the shop's own addresses, or a system sender such as
 *       {@code mailer-daemon@} or {@code no-reply@};</li>
 *   <li>{@link #WISMO_ANSWER}: a WISMO question with an order reference, or with a sender whose recent
 *       orders can be looked up: the acknowledgement answers with the order's status;</li>
 *   <li>{@link #WISMO_ASK_REFERENCE}: a WISMO question with neither (a chat without an address): the
 *       acknowledgement asks for the order number;</li>
 *   <li>{@link #ACKNOWLEDGE}: anything else gets the normal acknowledgement.</li>
 * </ol>
 */
public enum SimulationAction {
    WISMO_ANSWER,
    WISMO_ASK_REFERENCE,
    ACKNOWLEDGE,
    NO_REPLY;

    /** The lower snake case name used in the report and the decisions file, e.g. {@code wismo_answer}. */
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }
}
