package dev.promptly.local.simulate;

import dev.promptly.app.inbound.MessageIntake;
import dev.promptly.config.ShopConfig;
import dev.promptly.core.message.ConversationId;
import dev.promptly.core.message.LanguageDetector;
import dev.promptly.core.message.TopicDetector;
import dev.promptly.core.reply.AcknowledgementComposer;
import dev.promptly.core.reply.AcknowledgementFacts;
import dev.promptly.core.reply.AcknowledgementFacts.HelpLink;
import dev.promptly.core.reply.MessageTemplates;
import dev.promptly.core.reply.RenderedMessage;
import dev.promptly.core.reply.ReplyLanguage;
import dev.promptly.core.reply.ReplyPromise;
import dev.promptly.core.shopify.Order;
import dev.promptly.core.wismo.OrderReport;
import dev.promptly.core.wismo.WismoAnswer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The reply a replayed message would get, rendered with the shipped templates in the language, with the
 * ticket, reply promise and help links the intake would use ({@code --replies DIR}). Simulate reads no
 * orders, so a "where is my order?" answer naming an order number shows that order as just placed when the
 * message arrived and not yet shipped (its ship-by date from the shop's handling time), and one naming none
 * shows the answer for an address without orders. The sender is treated as new: the reply repeats no name.
 * Thread-safe.
 */
final class SimulatedReply {
    private final ShopConfig shop;
    private final AcknowledgementComposer composer;
    private final LanguageDetector languages;
    private final TopicDetector topics;

    SimulatedReply(ShopConfig shop) {
        this.shop = Objects.requireNonNull(shop, "shop");
        List<String> shipped = MessageIntake.SHIPPED_LANGUAGES;
        this.composer = new AcknowledgementComposer(new MessageTemplates("ack", shipped), new MessageTemplates("wismo", shipped));
        this.languages = new LanguageDetector(shipped);
        this.topics = new TopicDetector(shipped);
    }

    /**
     * @param row the row number, which stands in for the message id the ticket is derived from
     * @param from the sender as in the file: an address means the reply is mailed ("reply to this e-mail")
     * @param receivedAt when the message arrived: the reply promise counts business time from it
     * @return the reply, or empty when the decision is to send none
     */
    Optional<RenderedMessage> render(int row, Simulation.Decision decision, String subject, String text, String from, Instant receivedAt) {
        if (decision.action() == SimulationAction.NO_REPLY) {
            return Optional.empty();
        }
        String body = text == null ? "" : text;
        String language = ReplyLanguage.choose(null, languages.detect(subject == null ? body : subject + "\n" + body),
                shop.languages(), composer.templates().languages());
        List<HelpLink> links = new ArrayList<>();
        topics.detect(subject, body).forEach(topic -> shop.autoReply().helpLink(topic.key(), language)
                .ifPresent(url -> links.add(new HelpLink(topic.key(), url))));
        links.sort(Comparator.comparing(HelpLink::topic));
        var conversation = ConversationId.derive(shop.domain().value(), "simulate-row-" + row);
        var promise = ReplyPromise.compute(shop.calendar(), receivedAt, shop.firstResponseTarget());
        Optional<WismoAnswer> wismo = decision.action() == SimulationAction.WISMO_ANSWER
                ? Optional.of(answer(decision, receivedAt)) : Optional.empty();
        var facts = new AcknowledgementFacts(language, shop.name(), conversation, null, promise, shop.timeZone(), Optional.empty(),
                links, from != null && from.contains("@"), wismo);
        return Optional.of(composer.compose(facts, shop.templates()));
    }

    private WismoAnswer answer(Simulation.Decision decision, Instant receivedAt) {
        if (decision.orderReferences().isEmpty()) {
            return WismoAnswer.none();
        }
        String number = decision.orderReferences().get(0);
        var order = new Order(shop.domain(), "simulated-" + number, shop.wismo().orderName().nameOf(number), receivedAt, receivedAt,
                "paid", null, null, null, null, null, null, List.of(), List.of(), null, null, List.of(), null);
        return new WismoAnswer(List.of(OrderReport.of(order, shop.calendar(), shop.delayPolicy(), receivedAt)), false, false);
    }

    /** The reply as the customer reads it: the subject line, a blank line, the text. */
    static String asRead(RenderedMessage reply) {
        return "Subject: " + reply.subject() + "\n\n" + reply.text();
    }
}
