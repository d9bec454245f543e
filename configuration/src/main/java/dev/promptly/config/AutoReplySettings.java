package dev.promptly.config;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * How a shop's automatic replies are addressed and limited.
 *
 * <p>{@code inboundAddresses} are the shop's own addresses: mail to them belongs to the shop, and mail
 * from them is never answered. {@code replyTo} is where a customer's reply should go. {@code helpLinks}
 * maps a topic key ({@code shipping}, {@code returns}, {@code payment}) to URLs by language, with
 * {@code "*"} for every language. The budgets cap automatic replies per sender per day and per shop per
 * hour; a tripped budget pauses replies and tells the team. {@code newSenderSharePercent} (0 to 100) is the
 * part of the shop's hourly budget that replies to new addresses (no order, no earlier conversation) may
 * use, so a flood of made-up addresses cannot starve known customers.
 */
public record AutoReplySettings(List<String> inboundAddresses, String replyTo, Map<String, Map<String, String>> helpLinks,
                                int perSenderPerDay, int perShopPerHour, int newSenderSharePercent) {
    public static final int DEFAULT_PER_SENDER_PER_DAY = 5;
    public static final int DEFAULT_PER_SHOP_PER_HOUR = 300;
    public static final int DEFAULT_NEW_SENDER_SHARE_PERCENT = 50;

    /** Settings with the default share for new addresses. */
    public AutoReplySettings(List<String> inboundAddresses, String replyTo, Map<String, Map<String, String>> helpLinks,
                             int perSenderPerDay, int perShopPerHour) {
        this(inboundAddresses, replyTo, helpLinks, perSenderPerDay, perShopPerHour, DEFAULT_NEW_SENDER_SHARE_PERCENT);
    }

    public AutoReplySettings {
        inboundAddresses = List.copyOf(inboundAddresses);
        Objects.requireNonNull(replyTo, "replyTo");
        helpLinks = Map.copyOf(helpLinks);
        helpLinks.values().forEach(Objects::requireNonNull);
        if (perSenderPerDay < 1 || perShopPerHour < 1) {
            throw new IllegalArgumentException("reply budgets must be at least 1");
        }
        if (newSenderSharePercent < 0 || newSenderSharePercent > 100) {
            throw new IllegalArgumentException("the new-sender share must be a percentage from 0 to 100");
        }
    }

    /**
     * How many automatic replies per UTC hour may go to new addresses: the share of {@link #perShopPerHour},
     * rounded down (so 50 % of 1 is 0: with a budget that small every reply is kept for known customers).
     */
    public int newSendersPerHour() {
        return (int) ((long) perShopPerHour * newSenderSharePercent / 100);
    }

    /** The help link for {@code topic} in {@code language}, else the one for every language. */
    public Optional<String> helpLink(String topic, String language) {
        Map<String, String> byLanguage = helpLinks.getOrDefault(topic, Map.of());
        return Optional.ofNullable(byLanguage.getOrDefault(language, byLanguage.get("*")));
    }
}
