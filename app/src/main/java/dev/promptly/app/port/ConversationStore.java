package dev.promptly.app.port;

import com.fasterxml.jackson.databind.JsonNode;
import dev.promptly.core.ShopDomain;
import dev.promptly.core.message.Conversation;
import dev.promptly.core.message.ConversationId;
import dev.promptly.core.message.InboundMessage;
import dev.promptly.core.outbox.OutboxMessage;
import dev.promptly.core.sla.SlaEvent;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Predicate;

/**
 * Conversations, their messages, the acknowledgement decision and its outbox record, as the use cases
 * need them. Recording a message is all or nothing: a repeated message id changes nothing, the
 * conversation is written new or at the version read, and for a new conversation the decision (once per
 * conversation), the outbox record, the reply budgets' counters and the SLA events go with it. So a
 * retried or concurrent delivery never records a second decision. Implementations are thread-safe.
 */
public interface ConversationStore {
    /** A conversation as read, with the version a later write must expect. */
    record StoredConversation(Conversation conversation, long version) {
    }

    /** The decision about a conversation's acknowledgement: {@code queued} with its outbox id, or {@code skipped} with a reason. */
    record AckDecision(String outcome, String reason, String outboxId, Instant decidedAt) {
    }

    /**
     * Counters that cap automatic replies: per sender per UTC day and per shop per UTC hour, counted at
     * {@code at}, our clock (never the client's {@code received_at}, which could be backdated). A reply to a
     * new address also counts against {@code newSendersPerHour} (present only for new addresses), the part
     * of the shop's hour that new addresses may use.
     */
    record ReplyBudget(String senderIdentity, int perSenderPerDay, int perShopPerHour, Instant at, OptionalInt newSendersPerHour) {
        public ReplyBudget {
            Objects.requireNonNull(newSendersPerHour, "newSendersPerHour");
        }

        /** The budget of a reply to a known sender: no new-sender cap. */
        public ReplyBudget(String senderIdentity, int perSenderPerDay, int perShopPerHour, Instant at) {
            this(senderIdentity, perSenderPerDay, perShopPerHour, at, OptionalInt.empty());
        }
    }

    /**
     * What to write for one inbound message. {@code readVersion} empty means a new conversation;
     * {@code ackDecision}, {@code outbox} and {@code budget} only come with a new conversation;
     * {@code outgoingMessageIds} are ids of our own outgoing mail, so an answer to it threads here.
     * {@code teamCopy} is the message's copy for the team's mailbox, written with it.
     */
    record MessageRecord(InboundMessage message, Conversation conversation, Optional<Long> readVersion,
                         Optional<AckDecision> ackDecision, Optional<OutboxMessage> outbox,
                         Optional<ReplyBudget> budget, List<String> outgoingMessageIds, String noReplyReason,
                         long expiresAt, List<SlaEvent> slaEvents, Optional<Instant> slaCheckpoint,
                         Optional<String> knownSender, Optional<OutboxMessage> teamCopy) {
        public MessageRecord {
            Objects.requireNonNull(teamCopy, "teamCopy");
            outgoingMessageIds = List.copyOf(outgoingMessageIds);
            slaEvents = List.copyOf(slaEvents);
            Objects.requireNonNull(slaCheckpoint, "slaCheckpoint");
            Objects.requireNonNull(knownSender, "knownSender");
        }

        /** A record as below, with the SLA events it appends and their checkpoint. */
        public MessageRecord(InboundMessage message, Conversation conversation, Optional<Long> readVersion,
                             Optional<AckDecision> ackDecision, Optional<OutboxMessage> outbox, Optional<ReplyBudget> budget,
                             List<String> outgoingMessageIds, String noReplyReason, long expiresAt, List<SlaEvent> slaEvents,
                             Optional<Instant> slaCheckpoint) {
            this(message, conversation, readVersion, ackDecision, outbox, budget, outgoingMessageIds, noReplyReason, expiresAt,
                    slaEvents, slaCheckpoint, Optional.empty(), Optional.empty());
        }

        /** A record that adds nothing to the conversation's SLA event log and leaves it without a checkpoint. */
        public MessageRecord(InboundMessage message, Conversation conversation, Optional<Long> readVersion,
                             Optional<AckDecision> ackDecision, Optional<OutboxMessage> outbox, Optional<ReplyBudget> budget,
                             List<String> outgoingMessageIds, String noReplyReason, long expiresAt) {
            this(message, conversation, readVersion, ackDecision, outbox, budget, outgoingMessageIds, noReplyReason, expiresAt,
                    List.of(), Optional.empty());
        }

        /** This record with the SLA events it appends and the conversation's checkpoint after them. */
        public MessageRecord withSla(List<SlaEvent> events, Optional<Instant> checkpoint) {
            return new MessageRecord(message, conversation, readVersion, ackDecision, outbox, budget, outgoingMessageIds, noReplyReason,
                    expiresAt, events, checkpoint, knownSender, teamCopy);
        }

        /**
         * This record with the marker that makes {@code senderIdentity}, when present, a known sender (see
         * {@link ConversationStore#isKnownSender}), refreshed with the record's expiry.
         */
        public MessageRecord withKnownSender(Optional<String> senderIdentity) {
            return new MessageRecord(message, conversation, readVersion, ackDecision, outbox, budget, outgoingMessageIds, noReplyReason,
                    expiresAt, slaEvents, slaCheckpoint, senderIdentity, teamCopy);
        }

        /**
         * This record with the copy of the message for the team's mailbox (an outbox record written with the
         * message, so a message recorded once is copied once) and that copy's Message-ID among the outgoing ids.
         */
        public MessageRecord withTeamCopy(Optional<OutboxMessage> copy, Optional<String> copyMessageId) {
            List<String> outgoing = new java.util.ArrayList<>(outgoingMessageIds);
            copyMessageId.ifPresent(outgoing::add);
            return new MessageRecord(message, conversation, readVersion, ackDecision, outbox, budget, outgoing, noReplyReason,
                    expiresAt, slaEvents, slaCheckpoint, knownSender, copy);
        }
    }

    enum RecordResult {
        WRITTEN,
        /** The message id was recorded before: nothing was written. */
        DUPLICATE_MESSAGE,
        /** The conversation changed since it was read, or was opened concurrently: read again and retry. */
        CONFLICT,
        SENDER_BUDGET_EXHAUSTED,
        SHOP_BUDGET_EXHAUSTED,
        /** The part of the shop's hour that replies to new addresses may use is spent. */
        NEW_SENDER_BUDGET_EXHAUSTED
    }

    /**
     * Whether a marker for {@code senderIdentity} (an e-mail address, or {@code phone:<digits>}) was written
     * with an earlier message.
     */
    boolean isKnownSender(ShopDomain shop, String senderIdentity);

    /** The conversation a message id (inbound or our own outgoing) belongs to. */
    Optional<ConversationId> conversationOfMessage(ShopDomain shop, String messageId);

    /** The conversation a chat session belongs to. */
    Optional<ConversationId> conversationOfSession(ShopDomain shop, String sessionId);

    /** A conversation's SLA event log, oldest first. */
    List<SlaEvent> slaEvents(ShopDomain shop, ConversationId id);

    /** A conversation, read strongly consistent with its version. */
    Optional<StoredConversation> load(ShopDomain shop, ConversationId id);

    /** The conversations about {@code orderId} that still wait for an answer or for the customer (not solved). */
    List<Conversation> openConversationsAbout(ShopDomain shop, String orderId);

    /** An outbox record of the shop, as written. */
    Optional<OutboxMessage> outboxMessage(ShopDomain shop, String outboxId);

    /** The acknowledgement decision recorded for a conversation. */
    Optional<AckDecision> ackDecision(ShopDomain shop, ConversationId id);

    /** A conversation's customer messages, oldest first, as JSON documents for the team. */
    List<JsonNode> messages(ShopDomain shop, ConversationId id);

    /**
     * Erases the customer's conversations {@code theirs} with everything attached to them, and every other
     * record that names the customer: outbox records of those conversations, of their orders {@code orderIds}
     * or to their e-mail, and their reply-budget, budget-alert and known-sender markers. Their orders are the
     * caller's to redact.
     *
     * @return how many conversations were erased
     */
    int redactCustomer(ShopDomain shop, List<ConversationId> theirs, String email, String phone, Collection<String> orderIds);

    /** The SES message ids under which the raw MIME of these conversations' messages was stored. */
    List<String> rawMailIds(ShopDomain shop, List<ConversationId> conversations);

    /** The shop's conversations {@code ofCustomer} accepts, for the compliance webhooks. */
    List<Conversation> customerConversations(ShopDomain shop, Predicate<Conversation> ofCustomer);

    /** Writes {@code record} all or nothing; see the interface comment. */
    RecordResult record(MessageRecord record);

    /**
     * Records that a budget alert for {@code scope} (and, for the sender budget, that sender) was sent in
     * this hour, with the alert itself; false when one was already recorded (the team is told once).
     */
    boolean recordBudgetAlert(ShopDomain shop, String scope, String senderIdentity, Instant at, OutboxMessage alert, long expiresAt);
}
