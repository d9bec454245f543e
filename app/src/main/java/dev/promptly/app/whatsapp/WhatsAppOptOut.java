package dev.promptly.app.whatsapp;

import dev.promptly.app.outbox.SendCheck;
import dev.promptly.app.port.WhatsAppOptOuts;
import dev.promptly.core.message.InboundMessage;
import dev.promptly.core.message.PhoneNumbers;
import dev.promptly.core.outbox.OutboxMessage;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Opt-out from automatic WhatsApp messages: a message that says only "STOP" or "Abmelden" (any case,
 * trailing punctuation ignored) opts its number out; any other message from the number opts it back in.
 * While a number is opted out the outbox sender withdraws every WhatsApp record to it (reason
 * {@code whatsapp_opted_out}), including the acknowledgement of the opt-out message itself; the message is
 * still recorded for the team. Thread-safe.
 */
public final class WhatsAppOptOut implements SendCheck {
    private static final Set<String> WORDS = Set.of("stop", "stopp", "abmelden", "unsubscribe");

    private final WhatsAppOptOuts optOuts;

    public WhatsAppOptOut(WhatsAppOptOuts optOuts) {
        this.optOuts = Objects.requireNonNull(optOuts, "optOuts");
    }

    /** Whether {@code text} is an opt-out request. */
    static boolean asksToStop(String text) {
        return WORDS.contains(text.strip().replaceAll("[.!]+$", "").toLowerCase(Locale.ROOT));
    }

    /** Records what {@code message} says about its number's opt-out, writing only when that changes. */
    void note(InboundMessage message) {
        String digits = PhoneNumbers.digits(message.sender().phone());
        boolean stop = asksToStop(message.text());
        if (stop != optOuts.optedOut(message.shop(), digits)) {
            optOuts.record(message.shop(), digits, stop, message.receivedAt());
        }
    }

    @Override
    public Optional<String> withdrawReason(OutboxMessage message) {
        if (!WhatsAppMessages.CHANNEL.equals(message.channel())) {
            return Optional.empty();
        }
        String digits = PhoneNumbers.digits(message.to());
        return digits != null && optOuts.optedOut(message.shop(), digits) ? Optional.of("whatsapp_opted_out") : Optional.empty();
    }
}
