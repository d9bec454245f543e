package dev.promptly.app.inbound;

import dev.promptly.core.message.ConversationId;
import dev.promptly.core.outbox.OutboxMessage;
import java.util.Optional;

/**
 * What became of an inbound message: its conversation, whether it was a repeat of one already
 * recorded, and the acknowledgement queued for it (empty when none is due, with the reason).
 * {@code conversation} is null only for a copy of the team's mail that was ignored ({@link TeamReplies}).
 */
public record IntakeResult(ConversationId conversation, boolean duplicate, boolean newConversation,
                           Optional<OutboxMessage> acknowledgement, String noReplyReason) {
    public String ticket() {
        return conversation == null ? null : conversation.ticket();
    }
}
