package dev.promptly.app.inbound;

import dev.promptly.app.outbox.AutomaticMail;
import dev.promptly.config.ShopConfig;
import dev.promptly.core.message.Channel;
import dev.promptly.core.message.Conversation;
import dev.promptly.core.message.InboundMessage;
import dev.promptly.core.message.MessageIds;
import dev.promptly.core.message.TopicDetector;
import dev.promptly.core.outbox.OutboxMessage;
import dev.promptly.core.outbox.OutboxStatus;
import dev.promptly.core.reply.AcknowledgementComposer;
import dev.promptly.core.reply.AcknowledgementFacts;
import dev.promptly.core.reply.AcknowledgementPolicy.Delivery;
import dev.promptly.core.reply.AcknowledgementPolicy.Reply;
import dev.promptly.core.reply.MissingTemplateValueException;
import dev.promptly.core.reply.OrderRequestAnswer;
import dev.promptly.core.reply.RenderedMessage;
import dev.promptly.core.reply.ReplyPromise;
import dev.promptly.core.shopify.Order;
import dev.promptly.core.wismo.WismoAnswer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The outbox record of an acknowledgement the policy decided to send: rendered in the conversation's
 * language with its ticket, reply promise, help links and order status, addressed and threaded for the way
 * it travels (mailed, sent over WhatsApp, or returned in the HTTP answer). Thread-safe.
 */
final class AcknowledgementMail {
    private final AcknowledgementComposer composer;
    private final TopicDetector topics;

    AcknowledgementMail(AcknowledgementComposer composer, TopicDetector topics) {
        this.composer = Objects.requireNonNull(composer, "composer");
        this.topics = Objects.requireNonNull(topics, "topics");
    }

    /** The languages the acknowledgement templates are written in. */
    Set<String> languages() {
        return composer.templates().languages();
    }

    /**
     * @param decision the policy's reply: kind, way, and whether the sender's name may be repeated
     * @param order the order the message names, for a plain acknowledgement's status line
     * @param wismo the "where is my order?" answer, present exactly for a {@code WISMO} reply
     * @throws MissingTemplateValueException when the templates need a value the facts lack
     */
    OutboxMessage compose(InboundMessage message, IntakeShop shop, Conversation conversation, Reply decision, Optional<Order> order,
                          Optional<WismoAnswer> wismo, Instant now) {
        return compose(message, shop, conversation, decision, order, wismo, Optional.empty(), now);
    }

    /** As above, with the answer to a request about {@code order} (refund, return, change, invoice) when there is one. */
    OutboxMessage compose(InboundMessage message, IntakeShop shop, Conversation conversation, Reply decision, Optional<Order> order,
                          Optional<WismoAnswer> wismo, Optional<OrderRequestAnswer> request, Instant now) {
        ShopConfig config = shop.config();
        boolean byEmail = decision.delivery() == Delivery.EMAIL;
        List<AcknowledgementFacts.HelpLink> links = new ArrayList<>();
        for (var topic : topics.detect(message.subject(), message.text())) {
            config.autoReply().helpLink(topic.key(), conversation.language())
                    .ifPresent(url -> links.add(new AcknowledgementFacts.HelpLink(topic.key(), url)));
        }
        links.sort(Comparator.comparing(AcknowledgementFacts.HelpLink::topic));
        var promise = ReplyPromise.compute(shop.calendar(), message.receivedAt(), config.firstResponseTarget());
        String greeted = decision.greetByName() ? firstName(message.sender().name()) : null;
        var facts = new AcknowledgementFacts(conversation.language(), config.name(), conversation.id(), greeted,
                promise, message.customerTimeZone().orElse(config.timeZone()), order.map(o -> VisibleOrders.report(o, shop, now)), links,
                byEmail, wismo, request);
        RenderedMessage rendered = composer.compose(facts, config.templates());

        String outboxId = AutomaticMail.outboxId(now, decision.kind().wire() + "-" + conversation.id().value());
        Map<String, String> headers = byEmail ? AutomaticMail.headers(config, outboxId, AutomaticMail.AUTO_REPLIED) : new LinkedHashMap<>();
        if (byEmail && message.channel() == Channel.EMAIL) {
            threadInto(message, headers);
        }
        if (decision.delivery() == Delivery.WHATSAPP) {
            return WhatsAppReply.of(message, outboxId, decision.kind(), config, rendered, conversation, now);
        }
        return new OutboxMessage(message.shop(), outboxId, decision.kind(), byEmail ? "email" : message.channel().wire(),
                byEmail ? message.sender().email() : (message.sender().email() != null ? message.sender().email() : message.sender().phone()),
                config.name() + " <" + config.supportEmail() + ">", config.autoReply().replyTo(),
                rendered.subject(), rendered.text(), rendered.html(), headers, conversation.id().value(), conversation.orderId(), now,
                byEmail ? OutboxStatus.PENDING : OutboxStatus.RETURNED, byEmail ? now : null, 0, null, byEmail ? null : now, null);
    }

    /** Threads the reply under the customer's mail (RFC 5322 section 3.6.4). */
    static void threadInto(InboundMessage message, Map<String, String> headers) {
        // Ids come from the customer's side: only a single clean token may be echoed into a header.
        if (MessageIds.headerSafe(message.messageId())) {
            headers.put("In-Reply-To", "<" + message.messageId() + ">");
        }
        List<String> references = new ArrayList<>(message.references());
        if (!references.contains(message.messageId())) {
            references.add(message.messageId());
        }
        references.removeIf(r -> !MessageIds.headerSafe(r));
        if (!references.isEmpty()) {
            headers.put("References", String.join(" ", references.stream().map(r -> "<" + r + ">").toList()));
        }
    }

    private static String firstName(String name) {
        return name == null ? null : name.trim();
    }
}
