package dev.promptly.app.inbound;

import dev.promptly.app.outbox.AutomaticMail;
import dev.promptly.config.ShopConfig;
import dev.promptly.core.message.AttachmentNote;
import dev.promptly.core.message.Channel;
import dev.promptly.core.message.Conversation;
import dev.promptly.core.message.ConversationId;
import dev.promptly.core.message.InboundMessage;
import dev.promptly.core.message.Words;
import dev.promptly.core.outbox.OutboxKind;
import dev.promptly.core.outbox.OutboxMessage;
import dev.promptly.core.outbox.OutboxStatus;
import dev.promptly.core.reply.MessageTemplates;
import dev.promptly.core.reply.RenderedMessage;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The copy of a customer's message for the shop's team mailbox ({@code team.copy_to}), when Promptly
 * received it first: the customer's text under a few lines of what Promptly knows and did (ticket,
 * language, intent, matched order, what was sent automatically, when a response is due), in the shop's
 * language, {@code Reply-To} the customer and threaded under the customer's mail, so the team's "Reply"
 * answers the customer in the same thread. It is recorded in the transaction that records the message, so
 * a redelivered message (recorded already) never gets a second copy. Thread-safe.
 */
final class TeamCopy {
    private static final DateTimeFormatter DUE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm z", Locale.ROOT);
    /**
     * Characters of the customer's text a copy carries, as many as the conversation stores: the copy is one outbox
     * item, and DynamoDB refuses an item over 400 KB, which a mail's text (up to a million characters) can reach;
     * refused, the whole message would never be recorded.
     */
    static final int MAX_TEXT = 50_000;

    private final MessageTemplates templates = new MessageTemplates("team_copy", MessageIntake.SHIPPED_LANGUAGES);

    /**
     * What Promptly knows of the message when it is recorded.
     *
     * @param intent the detected intent's wire name
     * @param order the matched order's name ({@code #1001}), or null
     * @param sent the kind of the automatic reply queued, if any
     * @param reason why nothing was sent, when nothing was
     * @param due when the team's response is due, when a response clock runs
     */
    record Facts(String intent, String order, Optional<OutboxKind> sent, String reason, Optional<Instant> due) {
        Facts {
            Objects.requireNonNull(sent, "sent");
            Objects.requireNonNull(due, "due");
        }
    }

    /** The copy of {@code message} for the team, or empty when the shop's mailbox gets none. */
    Optional<OutboxMessage> of(InboundMessage message, ShopConfig shop, Conversation conversation, Facts facts, Instant now) {
        Optional<String> to = shop.team().copies();
        if (to.isEmpty()) {
            return Optional.empty();
        }
        String language = templates.languages().contains(shop.defaultLanguage()) ? shop.defaultLanguage() : "en";
        Map<String, Object> data = new HashMap<>();
        data.put("ticket", conversation.ticket());
        String subject = message.subject() == null ? "" : message.subject();
        data.put("subject", subject);
        data.put("tagged", ConversationId.findTicket(subject).isPresent());
        data.put("customer", customer(message));
        data.put("language", conversation.language());
        data.put("intent", facts.intent());
        data.put("order", facts.order());
        data.put("sent", facts.sent().isPresent());
        // No lambdas: every intake function's first invoke builds a copy, and pays for each lambda it meets.
        data.put("ack", facts.sent().orElse(null) == OutboxKind.ACK);
        data.put("wismo", facts.sent().orElse(null) == OutboxKind.WISMO);
        data.put("reason", facts.reason() == null ? "-" : facts.reason());
        data.put("due", facts.due().isPresent() ? DUE.format(facts.due().get().atZone(shop.timeZone())) : null);
        data.put("attachments", attachments(message.attachments()));
        String text = Words.head(message.text(), MAX_TEXT);
        data.put("text", text);
        data.put("cut", text.length() < message.text().length());
        RenderedMessage copy = templates.render(language, data);

        String outboxId = AutomaticMail.outboxId(now, OutboxKind.TEAM_COPY.wire() + "-" + conversation.id().value() + "-"
                + Integer.toHexString(message.messageId().hashCode()));
        // Auto-generated and with our loop marker: no autoresponder answers it, and should it reach Promptly again it is refused.
        Map<String, String> headers = AutomaticMail.headers(shop, outboxId, AutomaticMail.AUTO_GENERATED);
        if (message.channel() == Channel.EMAIL) {
            AcknowledgementMail.threadInto(message, headers);
        }
        if (message.rawMailId() != null && !message.attachments().isEmpty()) {
            headers.put(AutomaticMail.RAW_MAIL_HEADER, message.rawMailId());
        }
        String from = (message.sender().name() != null ? message.sender().name() : customer(message)) + " via " + shop.name()
                + " <" + shop.supportEmail() + ">";
        return Optional.of(new OutboxMessage(message.shop(), outboxId, OutboxKind.TEAM_COPY, "email", to.get(), from,
                message.sender().email(), copy.subject(), copy.text(), null, headers, conversation.id().value(), conversation.orderId(),
                now, OutboxStatus.PENDING, now, 0, null, null, null));
    }

    /** The Message-ID of a copy, which the team's reply answers: it threads that reply to the conversation. */
    static Optional<String> messageId(Optional<OutboxMessage> copy) {
        String id = copy.isPresent() ? copy.get().headers().get("Message-ID") : null;
        return id == null ? Optional.empty() : Optional.of(id.replaceAll("^<|>$", ""));
    }

    private static String customer(InboundMessage message) {
        String contact = message.sender().email() != null ? message.sender().email() : message.sender().phone();
        return message.sender().name() == null ? contact : message.sender().name() + " <" + contact + ">";
    }

    private static String attachments(List<AttachmentNote> notes) {
        if (notes.isEmpty()) {
            return null;
        }
        return notes.stream().map(n -> (n.filename() == null ? "(unnamed)" : n.filename()) + " (" + n.contentType() + ", "
                + Math.max(1, n.sizeBytes() / 1024) + " KB)").collect(Collectors.joining(", "));
    }

}
