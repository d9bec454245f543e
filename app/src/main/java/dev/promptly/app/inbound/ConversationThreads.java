package dev.promptly.app.inbound;

import dev.promptly.app.port.ConversationStore;
import dev.promptly.app.port.ConversationStore.StoredConversation;
import dev.promptly.core.message.Conversation;
import dev.promptly.core.message.ConversationId;
import dev.promptly.core.message.InboundMessage;
import dev.promptly.core.message.PhoneNumbers;
import dev.promptly.core.message.Sender;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The stored conversation an inbound message continues, and the chat session a new conversation may
 * claim. Only the customer a conversation belongs to continues it: by the ids their mail answers, by a
 * ticket number when the channel verified them, or by the chat session they opened. Thread-safe.
 */
final class ConversationThreads {
    /** In-Reply-To and the last References entries: enough for every real thread. */
    private static final int MAX_THREAD_LOOKUPS = 10;

    private final ConversationStore conversations;

    ConversationThreads(ConversationStore conversations) {
        this.conversations = Objects.requireNonNull(conversations, "conversations");
    }

    /** The open conversation a message continues: by the ids it answers, a ticket in its subject, or its chat session. */
    Optional<StoredConversation> continuedBy(InboundMessage message) {
        List<String> answered = new ArrayList<>(message.references());
        Collections.reverse(answered);
        // The newest ids are the ones that thread; a huge References header must not cost a read per id.
        for (String id : answered.subList(0, Math.min(answered.size(), MAX_THREAD_LOOKUPS))) {
            Optional<StoredConversation> found = conversations.conversationOfMessage(message.shop(), id)
                    .flatMap(c -> conversations.load(message.shop(), c));
            if (found.isPresent()) {
                return found;
            }
        }
        Optional<StoredConversation> byTicket = ConversationId.findTicket(message.subject())
                .flatMap(id -> conversations.load(message.shop(), id))
                // A ticket number is no secret: only its own customer, as the channel verified them, may
                // continue a conversation with it; a typed address or number is a claim anyone can make.
                .filter(stored -> verifiedAsCustomer(stored.conversation(), message));
        if (byTicket.isPresent()) {
            return byTicket;
        }
        if (message.sessionId() != null) {
            return conversations.conversationOfSession(message.shop(), message.sessionId())
                    .flatMap(c -> conversations.load(message.shop(), c))
                    // A session id travels in the widget's requests: it continues only its opener's conversation.
                    .filter(stored -> sameSender(stored.conversation(), message));
        }
        return Optional.empty();
    }

    /**
     * The message's chat session for its new conversation, or null when the session already belongs to
     * another sender's conversation (or to an erased one): the session stays theirs, this message starts a
     * conversation without it. A session its own sender opened a moment ago is kept, so that the write
     * conflicts and the next attempt continues that conversation.
     */
    String unclaimedSession(InboundMessage message) {
        if (message.sessionId() == null) {
            return null;
        }
        Optional<ConversationId> holder = conversations.conversationOfSession(message.shop(), message.sessionId());
        if (holder.isEmpty() || conversations.load(message.shop(), holder.get())
                .filter(stored -> sameSender(stored.conversation(), message)).isPresent()) {
            return message.sessionId();
        }
        return null;
    }

    /** Whether the channel vouches that the sender is the conversation's customer (addresses are stored lower-cased). */
    private static boolean verifiedAsCustomer(Conversation conversation, InboundMessage message) {
        Sender customer = conversation.customer();
        return message.verifiedEmail().map(email -> email.equals(customer.email())).orElse(false)
                || message.verifiedPhone().map(phone -> PhoneNumbers.same(phone, customer.phone())).orElse(false);
    }

    /** Whether the message gives exactly the contacts the conversation was opened with. */
    private static boolean sameSender(Conversation conversation, InboundMessage message) {
        Sender customer = conversation.customer();
        Sender sender = message.sender();
        return Objects.equals(customer.email(), sender.email())
                && Objects.equals(phoneDigits(customer.phone()), phoneDigits(sender.phone()));
    }

    private static String phoneDigits(String phone) {
        return phone == null ? null : phone.replaceAll("[^0-9]", "");
    }
}
