package dev.promptly.core.message;

/**
 * Which of a sender's contacts the channel that delivered the message vouches for. Only a verified
 * contact may continue a conversation by its ticket number; anything a person merely typed into a form,
 * a chat or a relayed message is a claim.
 *
 * <ul>
 *   <li>{@link #EMAIL}: mail that Amazon SES received for the shop. Its sender address is the one the
 *       mail came from (SES does not prove it; a forged {@code From} still only gets replies sent to the
 *       forged address's real owner).</li>
 *   <li>{@link #PHONE}: the number WhatsApp delivered a message from, through Meta's signed webhook
 *       ({@code POST /whatsapp/{shop}}). {@code POST /messages} with channel {@code whatsapp} comes from a
 *       relay, which proves nothing.</li>
 *   <li>{@link #NONE}: everything that arrives through {@code POST /messages}.</li>
 * </ul>
 */
public enum VerifiedContact {
    NONE, EMAIL, PHONE
}
