package dev.promptly.local.simulate;

import dev.promptly.config.ShopConfig;
import dev.promptly.core.message.LoopGuard;
import dev.promptly.core.wismo.Intent;
import dev.promptly.core.wismo.WismoDetector;
import dev.promptly.core.wismo.WismoSignal;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Decides what Promptly would do with one message of a shop, without sending or storing anything: the
 * shop's {@link WismoDetector} (its languages, phrases, threshold and order name format) and the sender
 * rules of its {@link LoopGuard}. Immutable and thread-safe.
 */
public final class Simulation {
    /**
     * One message's decision.
     *
     * @param orderReferences the order numbers found, digits only, in order of appearance
     * @param drivers the phrases and words that drove the intent, strongest first (see {@link WismoSignal#drivers()})
     */
    public record Decision(Intent intent, double confidence, boolean wismo, List<String> orderReferences, SimulationAction action,
                           List<String> drivers) {
        public Decision {
            Objects.requireNonNull(intent, "intent");
            Objects.requireNonNull(action, "action");
            orderReferences = List.copyOf(orderReferences);
            drivers = List.copyOf(drivers);
        }
    }

    private final ShopConfig shop;
    private final WismoDetector detector;
    private final LoopGuard loopGuard;

    /** @throws IllegalArgumentException when the shop's WISMO settings cannot build a detector */
    public Simulation(ShopConfig shop) {
        this.shop = Objects.requireNonNull(shop, "shop");
        var wismo = shop.wismo();
        this.detector = new WismoDetector(shop.languages(), wismo.extraPhrases(), wismo.negativePhrases(), wismo.threshold());
        // The same own addresses MessageIntake guards against.
        Set<String> own = new LinkedHashSet<>(shop.autoReply().inboundAddresses());
        own.add(shop.supportEmail().toLowerCase(Locale.ROOT));
        own.add(shop.autoReply().replyTo().toLowerCase(Locale.ROOT));
        this.loopGuard = new LoopGuard(own);
    }

    /**
     * @param subject the subject, or {@code null}
     * @param text the message text as received, quotes included
     * @param from the sender's address (or {@code Name <address>}, or a phone number), or {@code null} when unknown
     */
    public Decision decide(String subject, String text, String from) {
        String sender = from == null || from.isBlank() ? null : from.strip();
        WismoSignal signal = detector.detect(subject, text, shop.wismo().orderName());
        SimulationAction action;
        if (sender != null && loopGuard.check(Map.of(), sender).isPresent()) {
            action = SimulationAction.NO_REPLY;
        } else if (signal.wismo() && (!signal.orderReferences().isEmpty() || sender != null)) {
            action = SimulationAction.WISMO_ANSWER;
        } else if (signal.wismo()) {
            action = SimulationAction.WISMO_ASK_REFERENCE;
        } else {
            action = SimulationAction.ACKNOWLEDGE;
        }
        return new Decision(signal.intent(), signal.confidence(), signal.wismo(), signal.orderReferences(), action, signal.drivers());
    }

    public ShopConfig shop() {
        return shop;
    }

    public double threshold() {
        return detector.threshold();
    }
}
