package dev.promptly.core.wismo;

import java.util.List;
import java.util.Objects;

/**
 * What {@link WismoDetector} found in one message.
 *
 * @param intent the most likely intent; {@link Intent#OTHER} when nothing is recognised
 * @param confidence how sure the detector is of {@code intent}, from 0 to 1 (not a calibrated probability:
 *     comparable between messages, and compared with the shop's threshold)
 * @param wismo whether the message should get the automatic WISMO answer: {@code intent} is WISMO and
 *     {@code confidence} reaches the threshold
 * @param orderReferences the order numbers the customer gave, digits only and in order of appearance
 *     ({@code "1001"} for {@code #1001}, {@code Bestellnummer 1001} and {@code DS-1001-X}, and a bare
 *     {@code 1001} in a short message about an order the customer has); build the
 *     shop's order name with {@link OrderNameFormat#nameOf(String)}
 * @param trackingNumbers carrier tracking numbers the customer gave, upper case without spaces
 * @param drivers what drove the decision for {@code intent}, strongest first: the phrase book phrases
 *     matched (as written in the book, e.g. {@code "wo bleibt ... @item"}), then the words of the message
 *     that spoke most for it in the learned model; empty for {@link Intent#OTHER} with nothing recognised.
 *     Customer text: show it to the shop, never log it
 */
public record WismoSignal(Intent intent, double confidence, boolean wismo, List<String> orderReferences, List<String> trackingNumbers,
                          List<String> drivers) {
    /** A signal without an explanation. */
    public WismoSignal(Intent intent, double confidence, boolean wismo, List<String> orderReferences, List<String> trackingNumbers) {
        this(intent, confidence, wismo, orderReferences, trackingNumbers, List.of());
    }

    public WismoSignal {
        Objects.requireNonNull(intent, "intent");
        if (!(confidence >= 0 && confidence <= 1)) {
            throw new IllegalArgumentException("confidence: must be from 0 to 1, got " + confidence);
        }
        if (wismo && intent != Intent.WISMO) {
            throw new IllegalArgumentException("wismo: only a WISMO intent can be answered as WISMO, got " + intent);
        }
        orderReferences = List.copyOf(orderReferences);
        trackingNumbers = List.copyOf(trackingNumbers);
        drivers = List.copyOf(drivers);
    }
}
