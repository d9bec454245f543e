package dev.promptly.core.message;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Decides whether an inbound message must not get an automatic reply, so that Promptly never answers
 * a robot and never joins a mail loop (RFC 3834 and the de-facto headers of common autoresponders).
 *
 * <p>The rules are checked in this order and the first that applies is the reason reported; the order
 * goes from what identifies a message most exactly to heuristics, so logs name the real cause:
 * <ol>
 *   <li>{@link LoopReason#OWN_LOOP_MARKER}: {@value #LOOP_MARKER_HEADER} is present, whatever its value.
 *       Any value counts, because a marker from another shop running Promptly is just as much a loop.</li>
 *   <li>{@link LoopReason#OWN_ADDRESS}: the sender is one of the shop's own addresses, also with a
 *       {@code +tag} on either side ({@code support+x@shop.com} is the mailbox {@code support@shop.com}).</li>
 *   <li>{@link LoopReason#DELIVERY_REPORT}: a {@code multipart/report} of any report type (RFC 6522
 *       reserves it for machine reports: delivery status, read receipts, abuse and TLS reports), a
 *       top-level {@code message/delivery-status} or {@code message/disposition-notification} (also the
 *       {@code global-} forms of RFC 6533), or an {@code X-Failed-Recipients} header (Exim and Gmail bounces).</li>
 *   <li>{@link LoopReason#AUTO_SUBMITTED}: {@code Auto-Submitted} with any value but {@code no}, compared
 *       without case, parameters and comments. A present but blank header also counts: the rule in our
 *       design is "anything other than {@code no}".</li>
 *   <li>{@link LoopReason#AUTORESPONDER_HEADER}: {@code X-Autoreply}, {@code X-Autorespond},
 *       {@code X-AutoReply-From} or {@code X-Mail-Autoreply} with any value, blank included, except an
 *       explicit {@code no} or {@code false}: like {@code Auto-Submitted: no}, a sender that says so
 *       is believed.</li>
 *   <li>{@link LoopReason#RESPONSE_SUPPRESSED}: {@code X-Auto-Response-Suppress} listing {@code All},
 *       {@code OOF} or {@code AutoReply}; other values ({@code DR}, {@code NDR}, {@code RN}, {@code NRN})
 *       only suppress receipts and reports, which Promptly never sends.</li>
 *   <li>{@link LoopReason#PRECEDENCE}: {@code Precedence} {@code bulk}, {@code list}, {@code junk} or
 *       {@code auto_reply} (also spelled {@code auto-reply}).</li>
 *   <li>{@link LoopReason#MAILING_LIST}: any header whose name starts with {@code List-}.</li>
 *   <li>{@link LoopReason#EMPTY_RETURN_PATH}: a {@code Return-Path} that is {@code <>} or blank. An
 *       absent one is normal: the JSON relays of chat widgets and forms have none.</li>
 *   <li>{@link LoopReason#SYSTEM_SENDER}: the sender's local part, after dropping a {@code +tag}, is made
 *       of words split by {@code -}, {@code .} or {@code _}, and a run of those words spells
 *       {@code mailer-daemon}, {@code postmaster}, {@code no-reply}/{@code noreply},
 *       {@code do-not-reply}/{@code donotreply}, {@code bounce} or {@code bounces}. So
 *       {@code noreply-orders@}, {@code orders.no-reply@}, {@code no_reply@} and
 *       {@code bounces+123=x@} match, while {@code norbert@} and {@code bouncer@} do not: matching whole
 *       words keeps people's names out.</li>
 * </ol>
 *
 * <p>Header names are compared without case; a name mapped to no values is treated as absent. The
 * sender is taken only from {@code senderAddress} (the address Promptly would reply to), never from the
 * headers; it may be {@code null}, a bare address or {@code Name <address>}.
 *
 * <p>Immutable and thread-safe: build it once per container.
 */
public final class LoopGuard {
    /** Our own loop marker header, put on every mail we send; its value is the shop domain. */
    public static final String LOOP_MARKER_HEADER = "X-Promptly-Loop";

    private static final Set<String> REPORT_TYPES = Set.of(
            "multipart/report",
            "message/delivery-status", "message/global-delivery-status",
            "message/disposition-notification", "message/global-disposition-notification");
    private static final List<String> AUTORESPONDER_HEADERS =
            List.of("X-Autoreply", "X-Autorespond", "X-AutoReply-From", "X-Mail-Autoreply");
    private static final Set<String> NOT_AN_AUTOREPLY = Set.of("no", "false");
    private static final Set<String> SUPPRESSES_REPLIES = Set.of("all", "oof", "autoreply");
    private static final Set<String> BULK_PRECEDENCE = Set.of("bulk", "list", "junk", "auto_reply", "auto-reply");
    /** System local parts with their separators removed; see the class comment. */
    private static final Set<String> SYSTEM_LOCAL_PARTS =
            Set.of("mailerdaemon", "postmaster", "noreply", "donotreply", "bounce", "bounces");
    private static final int LONGEST_SYSTEM_LOCAL_PART = "mailerdaemon".length();
    private static final Pattern LOCAL_PART_WORD_SEPARATOR = Pattern.compile("[-._]+");
    private static final Pattern SUPPRESS_LIST_SEPARATOR = Pattern.compile("[,;\\s]+");

    private final Set<Mailbox> ownMailboxes;

    /**
     * @param ownAddresses the shop's own addresses (support inbox, sender address); may be empty
     * @throws IllegalArgumentException when an entry is not an e-mail address
     */
    public LoopGuard(Set<String> ownAddresses) {
        Objects.requireNonNull(ownAddresses, "ownAddresses");
        Set<Mailbox> own = new HashSet<>();
        for (String address : ownAddresses) {
            Mailbox mailbox = Mailbox.parse(address).orElse(null);
            if (mailbox == null || !mailbox.hasDomain()) {
                throw new IllegalArgumentException("ownAddresses: each must be an e-mail address such as support@acme.com");
            }
            own.add(mailbox.withoutTag());
        }
        this.ownMailboxes = Set.copyOf(own);
    }

    /**
     * Why this message must not get an automatic reply, or empty when replying is safe.
     *
     * @param headers the message's headers: names in any case, values as received (unfolded)
     * @param senderAddress the address a reply would go to; {@code null} when there is none, e.g. a chat
     *     with a phone number only
     */
    public Optional<LoopReason> check(Map<String, List<String>> headers, String senderAddress) {
        Objects.requireNonNull(headers, "headers");
        Map<String, List<String>> received = caseInsensitive(headers);
        Optional<Mailbox> sender = Mailbox.parse(senderAddress);

        // Plain loops, not streams: this runs on every message, and the first one pays for each lambda it spins.
        if (received.containsKey(LOOP_MARKER_HEADER)) {
            return Optional.of(LoopReason.OWN_LOOP_MARKER);
        }
        if (sender.isPresent() && sender.get().hasDomain() && ownMailboxes.contains(sender.get().withoutTag())) {
            return Optional.of(LoopReason.OWN_ADDRESS);
        }
        if (isReport(received)) {
            return Optional.of(LoopReason.DELIVERY_REPORT);
        }
        for (String value : values(received, "Auto-Submitted")) {
            if (!mainToken(value).equals("no")) {
                return Optional.of(LoopReason.AUTO_SUBMITTED);
            }
        }
        for (String name : AUTORESPONDER_HEADERS) {
            for (String value : values(received, name)) {
                if (!NOT_AN_AUTOREPLY.contains(mainToken(value))) {
                    return Optional.of(LoopReason.AUTORESPONDER_HEADER);
                }
            }
        }
        for (String value : values(received, "X-Auto-Response-Suppress")) {
            if (suppressesReplies(value)) {
                return Optional.of(LoopReason.RESPONSE_SUPPRESSED);
            }
        }
        for (String value : values(received, "Precedence")) {
            if (BULK_PRECEDENCE.contains(mainToken(value))) {
                return Optional.of(LoopReason.PRECEDENCE);
            }
        }
        for (String name : received.keySet()) {
            if (isListHeader(name)) {
                return Optional.of(LoopReason.MAILING_LIST);
            }
        }
        for (String value : values(received, "Return-Path")) {
            if (isNullReversePath(value)) {
                return Optional.of(LoopReason.EMPTY_RETURN_PATH);
            }
        }
        if (sender.isPresent() && isSystemSender(sender.get())) {
            return Optional.of(LoopReason.SYSTEM_SENDER);
        }
        return Optional.empty();
    }

    /** A case-insensitive copy holding only headers with at least one non-null value. */
    private static Map<String, List<String>> caseInsensitive(Map<String, List<String>> headers) {
        Map<String, List<String>> byName = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        for (Map.Entry<String, List<String>> header : headers.entrySet()) {
            if (header.getKey() == null || header.getValue() == null) {
                continue;
            }
            String name = header.getKey().trim();
            for (String value : header.getValue()) {
                if (value != null) {
                    List<String> values = byName.get(name);
                    if (values == null) {
                        values = new ArrayList<>();
                        byName.put(name, values);
                    }
                    values.add(value);
                }
            }
        }
        return byName;
    }

    private static List<String> values(Map<String, List<String>> headers, String name) {
        return headers.getOrDefault(name, List.of());
    }

    /** The value without comments and parameters, trimmed and in lower case: {@code auto-replied; x} gives {@code auto-replied}. */
    private static String mainToken(String value) {
        String bare = withoutComments(value);
        int parameters = bare.indexOf(';');
        return (parameters < 0 ? bare : bare.substring(0, parameters)).trim().toLowerCase(Locale.ROOT);
    }

    /**
     * The value with every RFC 5322 comment (section 3.2.2: parentheses that nest, with {@code \\} quoting
     * the next character inside) replaced by one space; an unbalanced parenthesis stays, so a garbled value
     * is never read as a clean {@code no}. One pass over the value: a header is attacker-controlled, and
     * removing innermost comments one regex pass at a time took a minute for 40,000 nested levels.
     */
    static String withoutComments(String value) {
        StringBuilder out = new StringBuilder(value.length());
        int[] opened = new int[8]; // where each open comment starts in out, innermost last
        int depth = 0;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\\' && depth > 0 && i + 1 < value.length()) {
                out.append(c).append(value.charAt(++i));
            } else if (c == '(') {
                if (depth == opened.length) {
                    opened = Arrays.copyOf(opened, depth * 2);
                }
                opened[depth++] = out.length();
                out.append(c);
            } else if (c == ')' && depth > 0) {
                out.setLength(opened[--depth]);
                out.append(' ');
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    private static boolean isReport(Map<String, List<String>> headers) {
        for (String value : values(headers, "Content-Type")) {
            if (REPORT_TYPES.contains(mainToken(value))) {
                return true;
            }
        }
        return headers.containsKey("X-Failed-Recipients");
    }

    private static boolean suppressesReplies(String value) {
        for (String token : SUPPRESS_LIST_SEPARATOR.split(withoutComments(value).trim())) {
            if (SUPPRESSES_REPLIES.contains(token.toLowerCase(Locale.ROOT))) {
                return true;
            }
        }
        return false;
    }

    private static boolean isListHeader(String name) {
        return name.length() > "List-".length() && name.regionMatches(true, 0, "List-", 0, "List-".length());
    }

    private static boolean isNullReversePath(String value) {
        // Without the white space of regex \\s (space, tab, line breaks, form feed, vertical tab), as replaceAll("\\s+", "") did.
        String bare = withoutComments(value);
        StringBuilder path = new StringBuilder(bare.length());
        for (int i = 0; i < bare.length(); i++) {
            char c = bare.charAt(i);
            if (" \t\n\u000b\f\r".indexOf(c) < 0) {
                path.append(c);
            }
        }
        return path.length() == 0 || path.toString().equals("<>");
    }

    private static boolean isSystemSender(Mailbox sender) {
        String[] words = LOCAL_PART_WORD_SEPARATOR.split(sender.withoutTag().localPart());
        for (int first = 0; first < words.length; first++) {
            StringBuilder run = new StringBuilder();
            for (int last = first; last < words.length && run.length() < LONGEST_SYSTEM_LOCAL_PART; last++) {
                run.append(words[last]);
                if (SYSTEM_LOCAL_PARTS.contains(run.toString())) {
                    return true;
                }
            }
        }
        return false;
    }

    /** An address reduced to what identifies the mailbox: lower case, and without display name. */
    private record Mailbox(String localPart, String domain) {
        /**
         * Reads {@code local@domain} or {@code Name <local@domain>}; a value without {@code @} (a bounce's
         * bare {@code MAILER-DAEMON}) is a local part with no domain.
         */
        static Optional<Mailbox> parse(String raw) {
            if (raw == null) {
                return Optional.empty();
            }
            String address = raw.trim();
            int open = address.lastIndexOf('<');
            int close = address.lastIndexOf('>');
            if (open >= 0 && close > open) {
                address = address.substring(open + 1, close).trim();
            }
            address = address.toLowerCase(Locale.ROOT);
            int at = address.lastIndexOf('@');
            if (address.isEmpty() || at == 0 || at == address.length() - 1) {
                return Optional.empty();
            }
            return Optional.of(at < 0 ? new Mailbox(address, "") : new Mailbox(address.substring(0, at), address.substring(at + 1)));
        }

        boolean hasDomain() {
            return !domain.isEmpty();
        }

        /** The mailbox without its {@code +tag} subaddress (RFC 5233), which delivers to the same inbox. */
        Mailbox withoutTag() {
            int plus = localPart.indexOf('+');
            return plus > 0 ? new Mailbox(localPart.substring(0, plus), domain) : this;
        }

        // Written out, as the record would: its generated ones bootstrap method handles on first use, in a cold start.
        @Override
        public boolean equals(Object other) {
            return other instanceof Mailbox that && localPart.equals(that.localPart) && domain.equals(that.domain);
        }

        @Override
        public int hashCode() {
            return 31 * localPart.hashCode() + domain.hashCode();
        }
    }
}
