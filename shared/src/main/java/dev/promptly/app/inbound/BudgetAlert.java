package dev.promptly.app.inbound;

import dev.promptly.app.outbox.AutomaticMail;
import dev.promptly.config.ShopConfig;
import dev.promptly.core.message.Conversation;
import dev.promptly.core.outbox.OutboxKind;
import dev.promptly.core.outbox.OutboxMessage;
import dev.promptly.core.outbox.OutboxStatus;
import dev.promptly.core.reply.AcknowledgementPolicy.BudgetScope;
import java.time.Instant;
import java.util.Map;

/** The mail that tells a shop's team a reply budget paused automatic acknowledgements. Thread-safe. */
final class BudgetAlert {

    /** The alert for {@code scope}, naming the ticket of the message left unanswered. */
    OutboxMessage of(ShopConfig config, Conversation conversation, BudgetScope scope, Instant now) {
        String outboxId = AutomaticMail.outboxId(now, "budget-" + scope.wire() + "-" + conversation.id().value());
        String subject = "[Promptly] Automatic replies paused (" + scope.wire().replace('_', ' ') + " budget reached)";
        String text = "Promptly has paused automatic acknowledgements for "
                + switch (scope) {
                    case SENDER -> "one sender, who reached " + config.autoReply().perSenderPerDay() + " automatic replies today";
                    case NEW_SENDERS -> "new addresses (no order, no earlier conversation), which reached "
                            + config.autoReply().newSendersPerHour() + " automatic replies this hour; known customers still get theirs";
                    case SHOP -> "your shop, which reached " + config.autoReply().perShopPerHour() + " automatic replies this hour";
                }
                + ".\n\nThe latest message is ticket " + conversation.ticket() + ". Messages are still recorded; "
                + "they wait for a person. Replies resume with the next period.\n";
        Map<String, String> headers = AutomaticMail.headers(config, outboxId, AutomaticMail.AUTO_GENERATED);
        return new OutboxMessage(config.domain(), outboxId, OutboxKind.BUDGET_ALERT, "email", config.supportEmail(),
                "Promptly <" + config.supportEmail() + ">", null, subject, text, null, headers, conversation.id().value(), null, now,
                OutboxStatus.PENDING, now, 0, null, null, null);
    }
}
