package dev.promptly.app.helpdesk;

import dev.promptly.app.outbox.SendCheck;
import dev.promptly.config.HelpdeskSettings;
import dev.promptly.config.PromptlyConfig;
import dev.promptly.core.outbox.OutboxKind;
import dev.promptly.core.outbox.OutboxMessage;
import java.util.Objects;
import java.util.Optional;

/**
 * Keeps the mailed acknowledgement of a helpdesk ticket from going out when the shop acknowledges through
 * its helpdesk ({@code acknowledge_via: helpdesk}): {@link HelpdeskWebhooks} queues the same text as a public
 * reply on the ticket instead, and the customer must get it once. The mail is recognised by its
 * {@code In-Reply-To}, the id Promptly gave the ticket's message, in {@link HelpdeskWebhooks#MESSAGE_ID_DOMAIN}.
 */
public final class HelpdeskAckCheck implements SendCheck {
    public static final String REASON = "acknowledged_in_helpdesk";

    private final PromptlyConfig config;

    public HelpdeskAckCheck(PromptlyConfig config) {
        this.config = Objects.requireNonNull(config, "config");
    }

    @Override
    public Optional<String> withdrawReason(OutboxMessage message) {
        if (message.kind() != OutboxKind.ACK && message.kind() != OutboxKind.WISMO || !"email".equals(message.channel())) {
            return Optional.empty();
        }
        String inReplyTo = message.headers().getOrDefault("In-Reply-To", "");
        if (!inReplyTo.endsWith("@" + HelpdeskWebhooks.MESSAGE_ID_DOMAIN + ">")) {
            return Optional.empty();
        }
        boolean viaHelpdesk = config.shop(message.shop()).flatMap(s -> s.helpdeskSettings())
                .filter(s -> s.acknowledgeVia() == HelpdeskSettings.AckDelivery.HELPDESK).isPresent();
        return viaHelpdesk ? Optional.of(REASON) : Optional.empty();
    }
}
