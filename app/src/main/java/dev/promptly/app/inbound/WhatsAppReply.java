package dev.promptly.app.inbound;

import dev.promptly.app.whatsapp.WhatsAppMessages;
import dev.promptly.config.ShopConfig;
import dev.promptly.core.message.Conversation;
import dev.promptly.core.message.InboundMessage;
import dev.promptly.core.outbox.OutboxKind;
import dev.promptly.core.outbox.OutboxMessage;
import dev.promptly.core.outbox.OutboxStatus;
import dev.promptly.core.reply.RenderedMessage;
import java.time.Instant;

/**
 * The outbox record of an acknowledgement or order answer to a message WhatsApp delivered: the rendered
 * plain text (WhatsApp shows no HTML; links stay plain URLs, which WhatsApp makes clickable) to the number
 * it came from, due now, and marked with the end of the 24-hour customer service window it opened, after
 * which WhatsApp accepts no free-form text.
 */
final class WhatsAppReply {
    private WhatsAppReply() {
    }

    static OutboxMessage of(InboundMessage message, String outboxId, OutboxKind kind, ShopConfig config, RenderedMessage rendered,
                            Conversation conversation, Instant now) {
        return new OutboxMessage(message.shop(), outboxId, kind, WhatsAppMessages.CHANNEL, message.verifiedPhone().orElseThrow(),
                config.name(), null, rendered.subject(), WhatsAppMessages.text(rendered.text()), null,
                WhatsAppMessages.windowHeaders(message.receivedAt()), conversation.id().value(), conversation.orderId(), now,
                OutboxStatus.PENDING, now, 0, null, null, null);
    }
}
