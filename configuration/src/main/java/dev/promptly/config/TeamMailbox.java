package dev.promptly.config;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * How Promptly works beside a shop's team that answers from a shared mailbox (the {@code team} object of
 * a shop's configuration).
 *
 * <p>{@code copyTo} is the team's mailbox: when Promptly receives a customer's message first (SES is the
 * support address's mail server, or a form posts to {@code /messages}) it sends one copy there. Null when
 * the shop's own mailbox receives mail first and forwards a copy to Promptly: the team already has it.
 *
 * <p>{@code addresses} are the addresses the team answers customers from, lower-cased; a copy of a mail
 * from one of them (or from {@code copyTo}) to a customer is the team's reply, which stops the response
 * clocks and is never acknowledged. {@link #NONE} is the default: no copies, no team addresses.
 */
public record TeamMailbox(String copyTo, List<String> addresses) {
    public static final TeamMailbox NONE = new TeamMailbox(null, List.of());

    public TeamMailbox {
        copyTo = copyTo == null ? null : copyTo.toLowerCase(Locale.ROOT);
        addresses = addresses.stream().map(a -> a.toLowerCase(Locale.ROOT)).toList();
    }

    /** The team's mailbox, when Promptly sends it copies of what customers write. */
    public Optional<String> copies() {
        return Optional.ofNullable(copyTo);
    }

    /** Whether {@code address} is one the team writes from ({@code +tag} sub-addresses count as their mailbox). */
    public boolean isTeamAddress(String address) {
        if (address == null) {
            return false;
        }
        String plain = address.trim().toLowerCase(Locale.ROOT).replaceFirst("\\+[^@]*@", "@");
        return all().contains(plain);
    }

    /** Whether the shop configured any team address. */
    public boolean hasTeamAddresses() {
        return !all().isEmpty();
    }

    private Set<String> all() {
        Set<String> all = new LinkedHashSet<>(addresses);
        if (copyTo != null) {
            all.add(copyTo);
        }
        return all;
    }
}
