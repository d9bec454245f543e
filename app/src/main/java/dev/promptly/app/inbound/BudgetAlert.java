package dev.promptly.app.inbound;

import dev.promptly.app.outbox.AutomaticMail;
import dev.promptly.config.ShopConfig;
import dev.promptly.core.message.Conversation;
import dev.promptly.core.outbox.OutboxKind;
import dev.promptly.core.outbox.OutboxMessage;
import dev.promptly.core.outbox.OutboxStatus;
import dev.promptly.core.reply.AcknowledgementPolicy.BudgetScope;
import dev.promptly.core.reply.MessageTemplates;
import dev.promptly.core.reply.RenderedMessage;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The mail that tells a shop's team a reply budget paused automatic acknowledgements, rendered from the
 * {@code budget_alert} templates: plain text in English, as the team's SLA alerts are. Thread-safe.
 */
final class BudgetAlert {
    private static final String LANGUAGE = "en";

    private final MessageTemplates templates = new MessageTemplates("budget_alert", List.of(LANGUAGE));

    /** The alert for {@code scope}, naming the limit reached and the ticket of the message left unanswered. */
    OutboxMessage of(ShopConfig config, Conversation conversation, BudgetScope scope, Instant now) {
        var budget = config.autoReply();
        int limit = switch (scope) {
            case SENDER -> budget.perSenderPerDay();
            case SHOP -> budget.perShopPerHour();
            case NEW_SENDERS -> budget.newSendersPerHour();
        };
        RenderedMessage alert = templates.render(LANGUAGE, Map.of("scope", scope.wire().replace('_', ' '), "limit", limit,
                "ticket", conversation.ticket(), "sender", scope == BudgetScope.SENDER, "shop", scope == BudgetScope.SHOP,
                "new_senders", scope == BudgetScope.NEW_SENDERS));
        String outboxId = AutomaticMail.outboxId(now, "budget-" + scope.wire() + "-" + conversation.id().value());
        Map<String, String> headers = AutomaticMail.headers(config, outboxId, AutomaticMail.AUTO_GENERATED);
        return new OutboxMessage(config.domain(), outboxId, OutboxKind.BUDGET_ALERT, "email", config.supportEmail(),
                "Promptly <" + config.supportEmail() + ">", null, alert.subject(), alert.text(), alert.html(), headers,
                conversation.id().value(), null, now, OutboxStatus.PENDING, now, 0, null, null, null);
    }
}
