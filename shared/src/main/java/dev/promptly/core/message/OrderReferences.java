package dev.promptly.core.message;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Order numbers a customer mentions: {@code #1001}, or a number after a word for order in German or
 * English ({@code Bestellung 1001}, {@code Bestell-Nr. 1001}, {@code Auftrag 1001}, {@code order no. 1001}).
 * A bare number is not taken: it may be a postcode, a price or a phone number.
 *
 * @deprecated {@link dev.promptly.core.wismo.WismoDetector} finds order numbers too, in the shop's own
 *     order name format, skipping quoted mail, dates, prices and phone numbers; use its
 *     {@link dev.promptly.core.wismo.WismoSignal#orderReferences()}.
 */
@Deprecated
public final class OrderReferences {
    private static final Pattern HASHED = Pattern.compile("(?<![\\w&])#\\s?(\\d{3,12})\\b");
    private static final Pattern NAMED = Pattern.compile(
            "(?iu)\\b(?:bestellung|bestellnummer|bestell-?nr\\.?|auftrag(?:snummer)?|order(?:\\s+(?:no\\.?|number|nr\\.?))?)\\s*[:#.]?\\s*#?\\s?(\\d{3,12})\\b");

    private OrderReferences() {
    }

    /** The distinct order numbers (digits only) in {@code texts}, in order of appearance. */
    public static List<String> find(String... texts) {
        Set<String> found = new LinkedHashSet<>();
        for (String text : texts) {
            if (text == null) {
                continue;
            }
            collect(HASHED.matcher(text), found);
            collect(NAMED.matcher(text), found);
        }
        return new ArrayList<>(found);
    }

    private static void collect(Matcher m, Set<String> into) {
        while (m.find()) {
            into.add(m.group(1));
        }
    }
}
