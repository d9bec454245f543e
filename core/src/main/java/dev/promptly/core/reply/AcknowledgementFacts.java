package dev.promptly.core.reply;

import dev.promptly.core.message.ConversationId;
import dev.promptly.core.wismo.OrderReport;
import dev.promptly.core.wismo.WismoAnswer;
import java.time.ZoneId;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything an acknowledgement says. {@code displayZone} is the customer's time zone when known, else
 * the shop's. {@code order} is present only when the message identifies an order the sender may see.
 * {@code byEmail} selects the wording for a reply that arrives as mail ("answer this e-mail").
 * {@code wismo}, when present, makes it the combined acknowledgement and "where is my order?" answer.
 * {@code request}, when present, adds the answer to a refund, return, cancellation, address change or
 * invoice request about {@code order} (never with {@code wismo}).
 */
public record AcknowledgementFacts(
        String language,
        String shopName,
        ConversationId conversation,
        String customerName,
        ReplyPromise promise,
        ZoneId displayZone,
        Optional<OrderReport> order,
        List<HelpLink> helpLinks,
        boolean byEmail,
        Optional<WismoAnswer> wismo,
        Optional<OrderRequestAnswer> request) {

    /** Facts without a request answer. */
    public AcknowledgementFacts(String language, String shopName, ConversationId conversation, String customerName, ReplyPromise promise,
                                ZoneId displayZone, Optional<OrderReport> order, List<HelpLink> helpLinks, boolean byEmail,
                                Optional<WismoAnswer> wismo) {
        this(language, shopName, conversation, customerName, promise, displayZone, order, helpLinks, byEmail, wismo, Optional.empty());
    }

    /** A help page for a topic the message is about; {@code topic} is {@code shipping}, {@code returns} or {@code payment}. */
    public record HelpLink(String topic, String url) {
    }

    public AcknowledgementFacts {
        Objects.requireNonNull(language, "language");
        Objects.requireNonNull(conversation, "conversation");
        Objects.requireNonNull(promise, "promise");
        Objects.requireNonNull(displayZone, "displayZone");
        order = order == null ? Optional.empty() : order;
        helpLinks = List.copyOf(helpLinks);
        wismo = wismo == null ? Optional.empty() : wismo;
        request = request == null ? Optional.empty() : request;
    }
}
