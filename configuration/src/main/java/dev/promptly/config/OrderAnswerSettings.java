package dev.promptly.config;

import dev.promptly.core.reply.OrderRequestAnswer;
import dev.promptly.core.reply.OrderRequestAnswer.ReturnPolicy;
import dev.promptly.core.wismo.Intent;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * How a shop answers requests about an order besides "where is my order?" (the {@code order_answers}
 * block of its configuration, see {@code docs/configuration.md}).
 *
 * @param intents the intents answered, a subset of {@link OrderRequestAnswer#ANSWERED}; empty turns answers off
 * @param returnWindowDays the days after delivery within which a return is accepted; empty when the shop
 *     states none (the answer then gives only the link)
 * @param returnLinks the page where a return is started, by language code, {@code "*"} for every language
 * @param notes the shop's own sentence added to an answer, by intent wire name, then by language code ({@code "*"} for every language)
 * @param urgentChanges whether a cancellation or address change that is still possible puts the
 *     conversation under the shop's urgent SLA policy (priority {@code urgent})
 */
public record OrderAnswerSettings(Set<Intent> intents, OptionalInt returnWindowDays, Map<String, String> returnLinks,
                                  Map<String, Map<String, String>> notes, boolean urgentChanges) {
    /** What a shop without an {@code order_answers} block gets: every intent answered, no return window stated. */
    public static final OrderAnswerSettings DEFAULT = new OrderAnswerSettings(OrderRequestAnswer.ANSWERED, OptionalInt.empty(), Map.of(),
            Map.of(), true);

    public OrderAnswerSettings {
        intents = intents.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(intents));
        if (!OrderRequestAnswer.ANSWERED.containsAll(intents)) {
            throw new IllegalArgumentException("intents: only " + OrderRequestAnswer.ANSWERED + " are answered");
        }
        Objects.requireNonNull(returnWindowDays, "returnWindowDays");
        returnLinks = Map.copyOf(returnLinks);
        var copy = new LinkedHashMap<String, Map<String, String>>();
        notes.forEach((intent, byLanguage) -> copy.put(intent, Map.copyOf(byLanguage)));
        notes = Map.copyOf(copy);
    }

    /** The shop's return policy as a reply in {@code language} states it. */
    public ReturnPolicy returnPolicy(String language) {
        return new ReturnPolicy(returnWindowDays, returnLinks.getOrDefault(language, returnLinks.get("*")));
    }

    /** The shop's sentence for {@code intent} in {@code language}, if it wrote one. */
    public Optional<String> note(Intent intent, String language) {
        Map<String, String> byLanguage = notes.getOrDefault(intent.wire(), Map.of());
        return Optional.ofNullable(byLanguage.getOrDefault(language, byLanguage.get("*")));
    }
}
