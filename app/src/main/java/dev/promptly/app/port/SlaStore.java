package dev.promptly.app.port;

import dev.promptly.app.port.ConversationStore.StoredConversation;
import dev.promptly.core.ShopDomain;
import dev.promptly.core.message.Conversation;
import dev.promptly.core.message.ConversationId;
import dev.promptly.core.outbox.OutboxMessage;
import dev.promptly.core.sla.SlaEvent;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * SLA state, as the use cases need it: a conversation's event log, the team's events (written with the
 * conversation at the version read, together), the checkpoints of due work, and alert stages — each
 * recorded once together with its outbox records, so overlapping or retried monitor runs alert once.
 * Implementations are thread-safe.
 */
public interface SlaStore {
    /** An item the monitor found due: a conversation's checkpoint or a digest of held alerts. */
    record DueItem(ShopDomain shop, Optional<ConversationId> conversation, Optional<Instant> digestOpening) {
        public DueItem {
            Objects.requireNonNull(conversation, "conversation");
            Objects.requireNonNull(digestOpening, "digestOpening");
        }
    }

    /** A line of a digest: its text and the names of the targets it goes to. */
    record DigestLine(String line, List<String> targetNames) {
        public DigestLine {
            targetNames = List.copyOf(targetNames);
        }
    }

    /** A conversation's event log, oldest first. */
    List<SlaEvent> events(ShopDomain shop, ConversationId conversation);

    /**
     * Records a team event: the conversation as {@code next} (at the version read, with its new checkpoint)
     * and the event, together.
     *
     * @return false when the conversation changed since it was read (nothing was written)
     */
    boolean recordTeamEvent(StoredConversation read, Conversation next, SlaEvent event, Optional<Instant> checkpoint, long expiresAt);

    /**
     * Whether a team reply with {@code replyKey} was recorded ({@link #recordTeamReply}), or {@code helpdeskClaim}
     * was claimed (by this, or by {@link HelpdeskLinks#claim} for the helpdesk's webhook of the same reply).
     */
    boolean teamReplyRecorded(ShopDomain shop, String replyKey, Optional<String> helpdeskClaim);

    /**
     * Records a team reply as {@link #recordTeamEvent} records an event, together with a marker for
     * {@code replyKey} and the claim {@code helpdeskClaim} (as {@link HelpdeskLinks#claim} makes it), each
     * written only when there is none.
     *
     * @return false when the conversation changed since it was read or the reply was recorded or claimed
     *         before (nothing was written)
     */
    boolean recordTeamReply(StoredConversation read, Conversation next, SlaEvent event, Optional<Instant> checkpoint, long expiresAt,
                            String replyKey, Optional<String> helpdeskClaim);

    /** Up to {@code limit} items whose checkpoint has come by {@code now}, oldest first, read from due work only. */
    List<DueItem> due(Instant now, int limit);

    /**
     * Moves a conversation's checkpoint (empty: no longer due) unless the conversation changed since
     * {@code readVersion}; whoever changed it set a checkpoint from newer facts.
     */
    boolean moveCheckpoint(ShopDomain shop, ConversationId conversation, long readVersion, Optional<Instant> checkpoint);

    /**
     * Records an alert stage once, with its outbox records.
     *
     * @return false when the stage was recorded before (nothing was written)
     */
    boolean recordAlert(ShopDomain shop, ConversationId conversation, String clockId, String stageKey, List<OutboxMessage> outbox,
                        long expiresAt);

    /**
     * Records an alert stage once as a line of the digest sent at {@code opening}, and makes that digest
     * due then.
     *
     * @return false when the stage was recorded before
     */
    boolean recordDigestLine(ShopDomain shop, ConversationId conversation, String clockId, String stageKey, Instant opening,
                             List<String> targetNames, String line, long expiresAt);

    /** The lines of the digest for {@code opening}, in key order. */
    List<DigestLine> digestLines(ShopDomain shop, Instant opening);

    /** Sends a digest once: its outbox records, and the digest no longer due. False when it was sent before. */
    boolean recordDigestSent(ShopDomain shop, Instant opening, List<OutboxMessage> outbox, long expiresAt);
}
