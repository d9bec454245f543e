package dev.promptly.mail;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The envelope part of an Exchange / Microsoft 365 journal report: the plain-text body that lists the
 * journaled message's sender and its envelope recipients, one field per line, as [MS-XJRNL] section 2.1
 * specifies (https://learn.microsoft.com/en-us/openspecs/exchange_server_protocols/ms-xjrnl/1972c2c4-edcc-467c-a3ee-199ff0a2342d):
 *
 * <pre>
 * Sender: alex@shop.example
 * Subject: Re: Where is my parcel?
 * Message-Id: &lt;reply-1@shop.example&gt;
 * To: anna@example.com
 * Cc: team@shop.example, Expanded: support@shop.example
 * Bcc: replies@help.shop.example
 * </pre>
 *
 * A recipient line is {@code To}, {@code Cc}, {@code Bcc} or {@code Recipient} (the last when Exchange could
 * not tell how the recipient was addressed), optionally followed by {@code , Expanded: <group>} or
 * {@code , Forwarded: <original recipient>}. These are the <em>envelope</em> recipients, Bcc recipients
 * included, which the journaled message's own headers do not show. Lines are read leniently: any other
 * line is skipped, and at most {@link #MAX_RECIPIENTS} addresses are kept.
 *
 * @param sender the {@code Sender} line's address, lower-cased, or null when there is none
 * @param recipients every address the recipient lines name (expanded groups and forwarding sources too),
 *                   lower-cased, in order, without repeats
 */
record JournalEnvelope(String sender, List<String> recipients) {
    /** More than any real message has; a longer list is cut, not refused. */
    static final int MAX_RECIPIENTS = 500;

    private static final Pattern FIELD = Pattern.compile("^\\s*([A-Za-z-]+)\\s*:\\s*(.*)$");
    private static final Set<String> RECIPIENT_FIELDS = Set.of("to", "cc", "bcc", "recipient");
    private static final Pattern ADDRESS = Pattern.compile("[^\\s<>,;:\"()\\[\\]]+@[^\\s<>,;:\"()\\[\\]]+");

    JournalEnvelope {
        recipients = List.copyOf(recipients);
    }

    /** Reads the envelope's text (line breaks {@code \n}, as the parser gives them). */
    static JournalEnvelope read(String text) {
        String sender = null;
        Set<String> recipients = new LinkedHashSet<>();
        for (String line : text.split("\n")) {
            Matcher field = FIELD.matcher(line);
            if (!field.matches()) {
                continue;
            }
            String name = field.group(1).toLowerCase(Locale.ROOT);
            if (name.equals("sender") && sender == null) {
                sender = firstAddress(field.group(2));
            } else if (RECIPIENT_FIELDS.contains(name)) {
                Matcher address = ADDRESS.matcher(field.group(2));
                while (address.find() && recipients.size() < MAX_RECIPIENTS) {
                    recipients.add(address.group().toLowerCase(Locale.ROOT));
                }
            }
        }
        return new JournalEnvelope(sender, new ArrayList<>(recipients));
    }

    private static String firstAddress(String value) {
        Matcher address = ADDRESS.matcher(value);
        return address.find() ? address.group().toLowerCase(Locale.ROOT) : null;
    }
}
