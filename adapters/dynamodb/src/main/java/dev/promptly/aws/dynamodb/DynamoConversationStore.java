package dev.promptly.aws.dynamodb;

import static dev.promptly.aws.dynamodb.OutboxItems.s;

import com.fasterxml.jackson.databind.JsonNode;
import dev.promptly.app.port.ConversationStore;
import dev.promptly.core.ShopDomain;
import dev.promptly.core.message.Conversation;
import dev.promptly.core.message.ConversationId;
import dev.promptly.core.message.InboundMessage;
import dev.promptly.core.message.PhoneNumbers;
import dev.promptly.core.outbox.OutboxMessage;
import dev.promptly.core.sla.SlaEvent;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.Update;

/**
 * The {@link ConversationStore} in {@link PromptlyTable}: conversations, their messages, the
 * acknowledgement decision and its outbox record. Recording a message is one transaction: the message-id pointer
 * ({@code attribute_not_exists}: a repeated message changes nothing), the conversation (new, or at the
 * version read), the message, and for a new conversation the decision ({@code ACK#}, once per
 * conversation), the outbox record and the reply budgets' counters, and the entries of the conversation's
 * SLA event log with its next checkpoint. So a retried or concurrent delivery
 * never records a second decision, and nothing is half-written. Thread-safe.
 */
public final class DynamoConversationStore implements ConversationStore {
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter HOUR = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH").withZone(ZoneOffset.UTC);

    private final DynamoDbClient client;
    private final String tableName;

    public DynamoConversationStore(DynamoDbClient client, String tableName) {
        this.client = Objects.requireNonNull(client, "client");
        this.tableName = Objects.requireNonNull(tableName, "tableName");
    }

    /**
     * Whether a marker for {@code senderIdentity} (an e-mail address, or {@code phone:<digits>}) was written
     * with an earlier message: one consistent {@code GetItem}. The marker holds a hash of the identity only.
     */
    @Override
    public boolean isKnownSender(ShopDomain shop, String senderIdentity) {
        var item = client.getItem(r -> r.tableName(tableName).key(ConversationItems.key(shop, knownSenderKey(senderIdentity)))
                .consistentRead(true)).item();
        return item != null && !item.isEmpty();
    }

    private static String knownSenderKey(String senderIdentity) {
        return "SENDER#" + ConversationItems.digest(senderIdentity);
    }

    /** The conversation a message id (inbound or our own outgoing) belongs to. */
    @Override
    public Optional<ConversationId> conversationOfMessage(ShopDomain shop, String messageId) {
        return pointer(shop, ConversationItems.messageIdKey(messageId));
    }

    @Override
    public Optional<ConversationId> conversationOfSession(ShopDomain shop, String sessionId) {
        return pointer(shop, ConversationItems.sessionKey(sessionId));
    }

    private Optional<ConversationId> pointer(ShopDomain shop, String sk) {
        var item = client.getItem(r -> r.tableName(tableName).key(ConversationItems.key(shop, sk)).consistentRead(true)).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(new ConversationId(item.get("conversationId").s()));
    }

    /** A conversation's SLA event log, oldest first (see {@link DynamoSlaStore#events}). */
    @Override
    public List<SlaEvent> slaEvents(ShopDomain shop, ConversationId id) {
        return new DynamoSlaStore(client, tableName).events(shop, id);
    }

    @Override
    public Optional<StoredConversation> load(ShopDomain shop, ConversationId id) {
        var item = client.getItem(r -> r.tableName(tableName)
                .key(ConversationItems.key(shop, ConversationItems.CONVERSATION + id.value())).consistentRead(true)).item();
        return item == null || item.isEmpty() ? Optional.empty()
                : Optional.of(new StoredConversation(ConversationItems.conversation(item), ConversationItems.version(item)));
    }

    /**
     * The conversations about {@code orderId} that still wait for an answer or for the customer (not
     * solved), through the order's pointers; a pointer whose conversation was erased is skipped.
     */
    @Override
    public List<Conversation> openConversationsAbout(ShopDomain shop, String orderId) {
        List<ConversationId> ids = new ArrayList<>();
        queryPrefix(shop, ConversationItems.ORDER_CONVERSATION + orderId + "#", item -> ids.add(new ConversationId(item.get("conversationId").s())));
        List<Conversation> open = new ArrayList<>();
        for (ConversationId id : ids) {
            load(shop, id).map(StoredConversation::conversation)
                    .filter(c -> c.status() != dev.promptly.core.message.ConversationStatus.SOLVED)
                    .ifPresent(open::add);
        }
        return open;
    }

    /** An outbox record of the shop, as written. */
    @Override
    public Optional<OutboxMessage> outboxMessage(ShopDomain shop, String outboxId) {
        var item = client.getItem(r -> r.tableName(tableName).key(ConversationItems.key(shop, OutboxItems.SK_PREFIX + outboxId))
                .consistentRead(true)).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(OutboxItems.fromItem(item));
    }

    @Override
    public Optional<AckDecision> ackDecision(ShopDomain shop, ConversationId id) {
        var item = client.getItem(r -> r.tableName(tableName)
                .key(ConversationItems.key(shop, ConversationItems.ACK + id.value())).consistentRead(true)).item();
        if (item == null || item.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new AckDecision(item.get("outcome").s(), OutboxItems.string(item, "reason"),
                OutboxItems.string(item, "outboxId"), Instant.parse(item.get("decidedAt").s())));
    }

    /** A shop's conversations, most recently opened last (keys sort by id, so this sorts in memory). */
    public List<Conversation> list(ShopDomain shop) {
        List<Conversation> conversations = new ArrayList<>();
        queryPrefix(shop, ConversationItems.CONVERSATION, item -> conversations.add(ConversationItems.conversation(item)));
        conversations.sort(java.util.Comparator.comparing(Conversation::createdAt));
        return conversations;
    }

    /** A conversation's customer messages, oldest first, as JSON documents for the team. */
    @Override
    public List<JsonNode> messages(ShopDomain shop, ConversationId id) {
        List<JsonNode> messages = new ArrayList<>();
        queryPrefix(shop, ConversationItems.MESSAGE + id.value() + "#", item -> messages.add(ConversationItems.messageDocument(item)));
        return messages;
    }

    private void queryPrefix(ShopDomain shop, String prefix, java.util.function.Consumer<Map<String, AttributeValue>> each) {
        ShopPartition.forEachWithPrefix(client, tableName, shop, prefix, each);
    }

    /**
     * Erases the customer's conversations {@code theirs} (the compliance rule decides whose, see
     * {@link #customerConversations}): each conversation, its
     * messages, its acknowledgement decision, its SLA event log, alert markers and held digest lines; and every
     * other item that names the customer: outbox records of every kind that belong to those conversations, are
     * about their orders {@code orderIds} (delay notices, the team's notes) or are addressed to their e-mail,
     * and their reply-budget counters, budget-alert and known-sender markers (keyed by hashes of their
     * contacts). Their orders are the caller's to redact. The message-id pointers
     * stay: they hold hashes and ids only, and keep a replayed message from being answered again.
     *
     * @return how many conversations were erased
     */
    @Override
    public int redactCustomer(ShopDomain shop, List<ConversationId> theirs, String email, String phone,
                              java.util.Collection<String> orderIds) {
        List<ConversationId> matching = List.copyOf(theirs);
        Set<String> ids = new java.util.HashSet<>();
        matching.forEach(id -> ids.add(id.value()));
        Set<String> orders = Set.copyOf(orderIds);
        String wantedEmail = email == null || email.isBlank() ? null : email.trim().toLowerCase(java.util.Locale.ROOT);
        List<Map<String, AttributeValue>> keys = new ArrayList<>();
        // The known-sender markers (hashes of the customer's own contacts) go too, whether or not a conversation is left.
        if (wantedEmail != null) {
            keys.add(ConversationItems.key(shop, knownSenderKey(wantedEmail)));
        }
        if (PhoneNumbers.digits(phone) != null) {
            keys.add(ConversationItems.key(shop, knownSenderKey("phone:" + PhoneNumbers.digits(phone))));
        }
        for (ConversationId id : matching) {
            keys.add(ConversationItems.key(shop, ConversationItems.CONVERSATION + id.value()));
            keys.add(ConversationItems.key(shop, ConversationItems.ACK + id.value()));
            queryPrefix(shop, ConversationItems.MESSAGE + id.value() + "#", item -> keys.add(keyOf(item)));
            // The SLA log (its customer tags and order value) and the alert markers go with the conversation.
            queryPrefix(shop, SlaItems.eventPrefix(id), item -> keys.add(keyOf(item)));
            queryPrefix(shop, SlaItems.ALERT + id.value() + "#", item -> keys.add(keyOf(item)));
        }
        queryPrefix(shop, OutboxItems.SK_PREFIX, item -> {
            if (namesCustomer(item, ids, orders, wantedEmail)) {
                keys.add(keyOf(item));
            }
        });
        if (!ids.isEmpty()) {
            // A held alert's line waits in its digest with the conversation's ticket; it goes too.
            queryPrefix(shop, SlaItems.DIGEST, item -> {
                AttributeValue conversation = item.get("conversationId");
                if (conversation != null && ids.contains(conversation.s())) {
                    keys.add(keyOf(item));
                }
            });
        }
        for (String identity : budgetIdentities(wantedEmail, phone)) {
            String digest = ConversationItems.digest(identity);
            queryPrefix(shop, "BUDGET#SENDER#" + digest + "#", item -> keys.add(keyOf(item)));
            queryPrefix(shop, "ALERT#BUDGET#sender#" + digest + "#", item -> keys.add(keyOf(item)));
        }
        ShopPartition.deleteAll(client, tableName, keys);
        return matching.size();
    }

    /**
     * The SES message ids under which the raw MIME of these conversations' messages was stored (messages
     * recorded before ids were kept have none: the bucket's lifecycle removes their copies).
     */
    @Override
    public List<String> rawMailIds(ShopDomain shop, List<ConversationId> conversations) {
        List<String> ids = new ArrayList<>();
        for (ConversationId id : conversations) {
            queryPrefix(shop, ConversationItems.MESSAGE + id.value() + "#", item -> {
                String raw = OutboxItems.string(item, ConversationItems.RAW_MAIL_ID);
                if (raw != null) {
                    ids.add(raw);
                }
            });
        }
        return ids;
    }

    /**
     * Whether an outbox record belongs to one of the conversations, is about one of the orders, or goes to
     * the address. A phone number alone never makes a record the customer's: another customer may share it.
     */
    private static boolean namesCustomer(Map<String, AttributeValue> item, Set<String> conversations, Set<String> orders,
                                         String email) {
        String conversation = OutboxItems.string(item, "conversationId");
        String order = OutboxItems.string(item, "orderId");
        if ((conversation != null && conversations.contains(conversation)) || (order != null && orders.contains(order))) {
            return true;
        }
        String to = OutboxItems.fromItem(item).to();
        if (to == null) {
            return false;
        }
        return email != null && email.equals(to.trim().toLowerCase(java.util.Locale.ROOT));
    }

    /** The sender identities reply budgets count under (see MessageIntake: the e-mail address, or "phone:" and its digits). */
    private static List<String> budgetIdentities(String email, String phone) {
        List<String> identities = new ArrayList<>();
        if (email != null) {
            identities.add(email);
        }
        String digits = PhoneNumbers.digits(phone);
        if (digits != null) {
            identities.add("phone:" + digits);
        }
        return identities;
    }

    /**
     * The shop's conversations {@code ofCustomer} accepts, by partition query, for the compliance webhooks
     * (customer addresses are stored lower-cased).
     */
    @Override
    public List<Conversation> customerConversations(ShopDomain shop, Predicate<Conversation> ofCustomer) {
        List<Conversation> matching = new ArrayList<>();
        queryPrefix(shop, ConversationItems.CONVERSATION, item -> {
            Conversation c = ConversationItems.conversation(item);
            if (ofCustomer.test(c)) {
                matching.add(c);
            }
        });
        return matching;
    }

    private static Map<String, AttributeValue> keyOf(Map<String, AttributeValue> item) {
        return Map.of(PromptlyTable.PK, item.get(PromptlyTable.PK), PromptlyTable.SK, item.get(PromptlyTable.SK));
    }

    /** Writes {@code record} in one transaction; see the class comment. */
    @Override
    public RecordResult record(MessageRecord record) {
        InboundMessage message = record.message();
        Conversation conversation = record.conversation();
        ShopDomain shop = message.shop();
        long ttl = record.expiresAt();
        List<TransactWriteItem> writes = new ArrayList<>();
        List<RecordResult> onFailure = new ArrayList<>();

        writes.add(put(ConversationItems.pointer(shop, ConversationItems.messageIdKey(message.messageId()), conversation.id(), "in", ttl),
                "attribute_not_exists(" + PromptlyTable.PK + ")", Map.of()));
        onFailure.add(RecordResult.DUPLICATE_MESSAGE);

        long nextVersion = record.readVersion().map(v -> v + 1).orElse(1L);
        // The conversation carries its next SLA checkpoint (sparse index SlaDue) only while one is due.
        Map<String, AttributeValue> conversationItem = SlaItems.withCheckpoint(ConversationItems.conversation(conversation, nextVersion, ttl),
                record.slaCheckpoint());
        writes.add(record.readVersion()
                .map(v -> put(conversationItem, "version = :v", Map.of(":v", AttributeValue.fromN(Long.toString(v)))))
                .orElseGet(() -> put(conversationItem, "attribute_not_exists(" + PromptlyTable.PK + ")", Map.of())));
        onFailure.add(RecordResult.CONFLICT);
        for (int i = 0; i < record.slaEvents().size(); i++) {
            String suffix = "m" + ConversationItems.digest(message.messageId()).substring(0, 8) + "-" + i;
            writes.add(put(SlaItems.event(shop, conversation.id(), record.slaEvents().get(i), suffix, ttl), null, Map.of()));
            onFailure.add(RecordResult.CONFLICT);
        }

        writes.add(put(ConversationItems.message(message, conversation.id(), record.noReplyReason(), ttl), null, Map.of()));
        onFailure.add(RecordResult.CONFLICT);

        if (record.readVersion().isEmpty() && conversation.sessionId() != null) {
            // Conditional: two first messages of one chat session racing must end in one conversation. The
            // conversation's session, not the message's: a session held by another sender is not claimed.
            writes.add(put(ConversationItems.pointer(shop, ConversationItems.sessionKey(conversation.sessionId()), conversation.id(), "session", ttl),
                    "attribute_not_exists(" + PromptlyTable.PK + ")", Map.of()));
            onFailure.add(RecordResult.CONFLICT);
        }
        if (conversation.orderId() != null) {
            // Idempotent: the delay scan finds an order's conversations through this pointer, not by reading them all.
            writes.add(put(ConversationItems.pointer(shop, ConversationItems.orderConversationKey(conversation.orderId(), conversation.id()),
                    conversation.id(), "order", ttl), null, Map.of()));
            onFailure.add(RecordResult.CONFLICT);
        }
        for (String outgoing : record.outgoingMessageIds()) {
            writes.add(put(ConversationItems.pointer(shop, ConversationItems.messageIdKey(outgoing), conversation.id(), "out", ttl),
                    null, Map.of()));
            onFailure.add(RecordResult.CONFLICT);
        }
        record.ackDecision().ifPresent(decision -> {
            Map<String, AttributeValue> item = new HashMap<>(ConversationItems.key(shop, ConversationItems.ACK + conversation.id().value()));
            item.put("outcome", s(decision.outcome()));
            item.put("decidedAt", s(decision.decidedAt().toString()));
            if (decision.reason() != null) {
                item.put("reason", s(decision.reason()));
            }
            if (decision.outboxId() != null) {
                item.put("outboxId", s(decision.outboxId()));
            }
            item.put(PromptlyTable.TTL, AttributeValue.fromN(Long.toString(ttl)));
            writes.add(put(item, "attribute_not_exists(" + PromptlyTable.PK + ")", Map.of()));
            onFailure.add(RecordResult.CONFLICT);
        });
        record.outbox().ifPresent(outbox -> {
            writes.add(put(OutboxItems.toItem(outbox, ttl), "attribute_not_exists(" + PromptlyTable.PK + ")", Map.of()));
            onFailure.add(RecordResult.CONFLICT);
        });
        record.teamCopy().ifPresent(copy -> {
            writes.add(put(OutboxItems.toItem(copy, ttl), "attribute_not_exists(" + PromptlyTable.PK + ")", Map.of()));
            onFailure.add(RecordResult.CONFLICT);
        });
        record.budget().ifPresent(budget -> {
            Instant at = budget.at();
            writes.add(count(shop, "BUDGET#SENDER#" + ConversationItems.digest(budget.senderIdentity()) + "#" + DAY.format(at),
                    budget.perSenderPerDay(), at.plusSeconds(2 * 86_400).getEpochSecond()));
            onFailure.add(RecordResult.SENDER_BUDGET_EXHAUSTED);
            writes.add(count(shop, "BUDGET#SHOP#" + HOUR.format(at), budget.perShopPerHour(), at.plusSeconds(2 * 86_400).getEpochSecond()));
            onFailure.add(RecordResult.SHOP_BUDGET_EXHAUSTED);
            // After the shop's counter: when both are spent, the shop's budget is the one to report.
            budget.newSendersPerHour().ifPresent(cap -> {
                writes.add(count(shop, "BUDGET#NEWSENDERS#" + HOUR.format(at), cap, at.plusSeconds(2 * 86_400).getEpochSecond()));
                onFailure.add(RecordResult.NEW_SENDER_BUDGET_EXHAUSTED);
            });
        });
        record.knownSender().ifPresent(identity -> {
            Map<String, AttributeValue> marker = new HashMap<>(ConversationItems.key(shop, knownSenderKey(identity)));
            marker.put(PromptlyTable.TTL, AttributeValue.fromN(Long.toString(ttl)));
            writes.add(put(marker, null, Map.of()));
            onFailure.add(RecordResult.CONFLICT);
        });

        try {
            client.transactWriteItems(r -> r.transactItems(writes));
            return RecordResult.WRITTEN;
        } catch (TransactionCanceledException e) {
            List<CancellationReason> reasons = e.cancellationReasons();
            for (int i = 0; i < reasons.size() && i < onFailure.size(); i++) {
                if ("ConditionalCheckFailed".equals(reasons.get(i).code())) {
                    return onFailure.get(i);
                }
            }
            return RecordResult.CONFLICT;
        }
    }

    /**
     * Records that a budget alert for {@code scope} (and, for the sender budget, that sender) was sent in
     * this hour, with the alert itself; false when one was already recorded (the team is told once).
     */
    @Override
    public boolean recordBudgetAlert(ShopDomain shop, String scope, String senderIdentity, Instant at, OutboxMessage alert, long expiresAt) {
        String who = senderIdentity.isEmpty() ? "" : "#" + ConversationItems.digest(senderIdentity);
        Map<String, AttributeValue> marker = new HashMap<>(ConversationItems.key(shop, "ALERT#BUDGET#" + scope + who + "#" + HOUR.format(at)));
        marker.put(PromptlyTable.TTL, AttributeValue.fromN(Long.toString(at.plusSeconds(2 * 86_400).getEpochSecond())));
        try {
            client.transactWriteItems(r -> r.transactItems(
                    put(marker, "attribute_not_exists(" + PromptlyTable.PK + ")", Map.of()),
                    put(OutboxItems.toItem(alert, expiresAt), "attribute_not_exists(" + PromptlyTable.PK + ")", Map.of())));
            return true;
        } catch (TransactionCanceledException alreadyTold) {
            return false;
        }
    }

    private TransactWriteItem count(ShopDomain shop, String sk, int limit, long expiresAt) {
        return TransactWriteItem.builder().update(Update.builder()
                .tableName(tableName)
                .key(ConversationItems.key(shop, sk))
                .updateExpression("ADD #n :one SET #ttl = :ttl")
                // A limit of 0 (a new-sender share of 0 %) must refuse the first reply too.
                .conditionExpression(limit > 0 ? "attribute_not_exists(#n) OR #n < :limit" : "attribute_exists(#n) AND #n < :limit")
                .expressionAttributeNames(Map.of("#n", "n", "#ttl", PromptlyTable.TTL))
                .expressionAttributeValues(Map.of(":one", AttributeValue.fromN("1"), ":limit", AttributeValue.fromN(Integer.toString(limit)),
                        ":ttl", AttributeValue.fromN(Long.toString(expiresAt))))
                .build()).build();
    }

    private TransactWriteItem put(Map<String, AttributeValue> item, String condition, Map<String, AttributeValue> values) {
        Put.Builder put = Put.builder().tableName(tableName).item(item);
        if (condition != null) {
            put.conditionExpression(condition);
            if (!values.isEmpty()) {
                put.expressionAttributeValues(values);
            }
        }
        return TransactWriteItem.builder().put(put.build()).build();
    }
}
