package dev.promptly.aws.dynamodb;

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
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import software.amazon.awssdk.enhanced.dynamodb.Expression;
import software.amazon.awssdk.enhanced.dynamodb.Key;
import software.amazon.awssdk.enhanced.dynamodb.model.TransactUpdateItemEnhancedRequest;
import software.amazon.awssdk.enhanced.dynamodb.model.TransactWriteItemsEnhancedRequest;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

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

    private final DynamoDbEnhancedClient enhanced;
    private final DynamoSlaStore sla;
    private final DynamoDbTable<ConversationItem> conversations;
    private final DynamoDbTable<MessageItem> messages;
    private final DynamoDbTable<PointerItem> pointers;
    private final DynamoDbTable<AckItem> acks;
    private final DynamoDbTable<OutboxItem> outbox;
    private final DynamoDbTable<MarkerItem> markers;
    private final DynamoDbTable<BudgetCounterItem> counters;
    private final DynamoDbTable<SlaEventItem> slaEvents;
    private final DynamoDbTable<DigestLineItem> digestLines;
    private final DynamoDbTable<KeyItem> keys;

    public DynamoConversationStore(DynamoDbClient client, String tableName) {
        Objects.requireNonNull(client, "client");
        Objects.requireNonNull(tableName, "tableName");
        this.enhanced = DynamoDbEnhancedClient.builder().dynamoDbClient(client).build();
        this.sla = new DynamoSlaStore(client, tableName);
        this.conversations = enhanced.table(tableName, DeferredSchema.of(() -> ConversationItem.SCHEMA));
        this.messages = enhanced.table(tableName, DeferredSchema.of(() -> MessageItem.SCHEMA));
        this.pointers = enhanced.table(tableName, DeferredSchema.of(() -> PointerItem.SCHEMA));
        this.acks = enhanced.table(tableName, DeferredSchema.of(() -> AckItem.SCHEMA));
        this.outbox = enhanced.table(tableName, DeferredSchema.of(() -> OutboxItem.SCHEMA));
        this.markers = enhanced.table(tableName, DeferredSchema.of(() -> MarkerItem.SCHEMA));
        this.counters = enhanced.table(tableName, DeferredSchema.of(() -> BudgetCounterItem.SCHEMA));
        this.slaEvents = enhanced.table(tableName, DeferredSchema.of(() -> SlaEventItem.SCHEMA));
        this.digestLines = enhanced.table(tableName, DeferredSchema.of(() -> DigestLineItem.SCHEMA));
        this.keys = enhanced.table(tableName, DeferredSchema.of(() -> KeyItem.SCHEMA));
    }

    /**
     * Whether a marker for {@code senderIdentity} (an e-mail address, or {@code phone:<digits>}) was written
     * with an earlier message: one consistent {@code GetItem}. The marker holds a hash of the identity only.
     */
    @Override
    public boolean isKnownSender(ShopDomain shop, String senderIdentity) {
        return markers.getItem(r -> r.key(key(shop, knownSenderKey(senderIdentity))).consistentRead(true)) != null;
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
        return Optional.ofNullable(pointers.getItem(r -> r.key(key(shop, sk)).consistentRead(true)))
                .map(item -> new ConversationId(item.conversationId()));
    }

    /** A conversation's SLA event log, oldest first (see {@link DynamoSlaStore#events}). */
    @Override
    public List<SlaEvent> slaEvents(ShopDomain shop, ConversationId id) {
        return sla.events(shop, id);
    }

    @Override
    public Optional<StoredConversation> load(ShopDomain shop, ConversationId id) {
        return Optional.ofNullable(conversations.getItem(r -> r.key(key(shop, ConversationItems.CONVERSATION + id.value())).consistentRead(true)))
                .map(item -> new StoredConversation(ConversationItems.conversation(item), item.version()));
    }

    /**
     * The conversations about {@code orderId} that still wait for an answer or for the customer (not
     * solved), through the order's pointers; a pointer whose conversation was erased is skipped.
     */
    @Override
    public List<Conversation> openConversationsAbout(ShopDomain shop, String orderId) {
        List<ConversationId> ids = new ArrayList<>();
        ShopPartition.forEachWithPrefix(pointers, shop, ConversationItems.ORDER_CONVERSATION + orderId + "#",
                item -> ids.add(new ConversationId(item.conversationId())));
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
        return Optional.ofNullable(outbox.getItem(r -> r.key(key(shop, OutboxItems.SK_PREFIX + outboxId)).consistentRead(true)))
                .map(OutboxItems::message);
    }

    @Override
    public Optional<AckDecision> ackDecision(ShopDomain shop, ConversationId id) {
        return Optional.ofNullable(acks.getItem(r -> r.key(key(shop, ConversationItems.ACK + id.value())).consistentRead(true)))
                .map(item -> new AckDecision(item.outcome(), item.reason(), item.outboxId(), Instant.parse(item.decidedAt())));
    }

    /** A shop's conversations, most recently opened last (keys sort by id, so this sorts in memory). */
    public List<Conversation> list(ShopDomain shop) {
        List<Conversation> conversations = new ArrayList<>();
        ShopPartition.forEachWithPrefix(this.conversations, shop, ConversationItems.CONVERSATION,
                item -> conversations.add(ConversationItems.conversation(item)));
        conversations.sort(java.util.Comparator.comparing(Conversation::createdAt));
        return conversations;
    }

    /** A conversation's customer messages, oldest first, as JSON documents for the team. */
    @Override
    public List<JsonNode> messages(ShopDomain shop, ConversationId id) {
        List<JsonNode> messages = new ArrayList<>();
        ShopPartition.forEachWithPrefix(this.messages, shop, ConversationItems.MESSAGE + id.value() + "#",
                item -> messages.add(ConversationItems.messageDocument(item)));
        return messages;
    }

    /** The keys of the shop's items whose sort key starts with {@code prefix}, added to {@code found}. */
    private void keysWithPrefix(ShopDomain shop, String prefix, List<Key> found) {
        ShopPartition.forEachWithPrefix(keys, shop, prefix, item -> found.add(key(shop, item.sk())));
    }

    /**
     * Erases the customer's conversations {@code theirs} (the compliance rule decides whose, see
     * {@link #customerConversations}): each conversation, its
     * messages, its acknowledgement decision, its SLA event log, alert markers and held digest lines; and every
     * other item that names the customer: outbox records of every kind that belong to those conversations, are
     * about their orders {@code orderIds} (delay notices, the team's notes) or are addressed to their e-mail,
     * and their reply-budget counters, budget-alert, known-sender and survey markers (keyed by hashes of their
     * contacts), their satisfaction surveys (rating and comment), and the WhatsApp opt-out of the request's number
     * when one of the conversations was opened
     * from it as WhatsApp verified it. Their orders are the caller's to redact. The message-id pointers
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
        List<Key> keys = new ArrayList<>();
        // The known-sender markers (hashes of the customer's own contacts) go too, whether or not a conversation is left.
        if (wantedEmail != null) {
            keys.add(key(shop, knownSenderKey(wantedEmail)));
        }
        if (PhoneNumbers.digits(phone) != null) {
            keys.add(key(shop, knownSenderKey("phone:" + PhoneNumbers.digits(phone))));
        }
        String digits = PhoneNumbers.digits(phone);
        if (digits != null && matching.stream().anyMatch(id -> verifiedFrom(shop, id, digits))) {
            // WhatsApp verified the number as this customer's: its opt-out (keyed by a hash of it) goes too.
            keys.add(key(shop, WhatsAppOptOutItem.sk(digits)));
        }
        for (ConversationId id : matching) {
            keys.add(key(shop, ConversationItems.CONVERSATION + id.value()));
            keys.add(key(shop, ConversationItems.ACK + id.value()));
            keysWithPrefix(shop, ConversationItems.MESSAGE + id.value() + "#", keys);
            // The SLA log (its customer tags and order value) and the alert markers go with the conversation.
            keysWithPrefix(shop, SlaItems.eventPrefix(id), keys);
            keysWithPrefix(shop, SlaItems.ALERT + id.value() + "#", keys);
            // The satisfaction survey: its rating, and the comment the customer wrote.
            keys.add(key(shop, CsatItem.sk(id)));
        }
        ShopPartition.forEachWithPrefix(outbox, shop, OutboxItems.SK_PREFIX, item -> {
            if (namesCustomer(item, ids, orders, wantedEmail)) {
                keys.add(key(shop, item.sk()));
            }
        });
        if (!ids.isEmpty()) {
            // A held alert's line waits in its digest with the conversation's ticket; it goes too.
            ShopPartition.forEachWithPrefix(digestLines, shop, SlaItems.DIGEST, item -> {
                if (item.conversationId() != null && ids.contains(item.conversationId())) {
                    keys.add(key(shop, item.sk()));
                }
            });
        }
        for (String identity : budgetIdentities(wantedEmail, phone)) {
            String digest = ConversationItems.digest(identity);
            keysWithPrefix(shop, "BUDGET#SENDER#" + digest + "#", keys);
            keysWithPrefix(shop, "ALERT#BUDGET#sender#" + digest + "#", keys);
        }
        if (wantedEmail != null) {
            // The marker that keeps a second survey from the customer's address (keyed by a hash of it).
            keys.add(key(shop, CsatMarkerItem.sk(wantedEmail)));
        }
        ShopPartition.deleteAll(enhanced, this.keys, keys);
        return matching.size();
    }

    /** Whether conversation {@code id} was opened from the number {@code digits} as its channel verified it. */
    private boolean verifiedFrom(ShopDomain shop, ConversationId id, String digits) {
        ConversationItem item = conversations.getItem(r -> r.key(key(shop, ConversationItems.CONVERSATION + id.value())).consistentRead(true));
        return item != null && digits.equals(PhoneNumbers.digits(ConversationItems.conversation(item).verifiedPhone()));
    }

    /**
     * The SES message ids under which the raw MIME of these conversations' messages was stored (messages
     * recorded before ids were kept have none: the bucket's lifecycle removes their copies).
     */
    @Override
    public List<String> rawMailIds(ShopDomain shop, List<ConversationId> conversations) {
        List<String> ids = new ArrayList<>();
        for (ConversationId id : conversations) {
            ShopPartition.forEachWithPrefix(messages, shop, ConversationItems.MESSAGE + id.value() + "#", item -> {
                if (item.rawMailId() != null) {
                    ids.add(item.rawMailId());
                }
            });
        }
        return ids;
    }

    /**
     * Whether an outbox record belongs to one of the conversations, is about one of the orders, or goes to
     * the address. A phone number alone never makes a record the customer's: another customer may share it.
     */
    private static boolean namesCustomer(OutboxItem item, Set<String> conversations, Set<String> orders, String email) {
        String conversation = item.conversationId();
        String order = item.orderId();
        if ((conversation != null && conversations.contains(conversation)) || (order != null && orders.contains(order))) {
            return true;
        }
        String to = OutboxItems.message(item).to();
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
        ShopPartition.forEachWithPrefix(conversations, shop, ConversationItems.CONVERSATION, item -> {
            Conversation c = ConversationItems.conversation(item);
            if (ofCustomer.test(c)) {
                matching.add(c);
            }
        });
        return matching;
    }

    private static Key key(ShopDomain shop, String sk) {
        return Key.builder().partitionValue(shop.value()).sortValue(sk).build();
    }

    /** Writes {@code record} in one transaction; see the class comment. */
    @Override
    public RecordResult record(MessageRecord record) {
        InboundMessage message = record.message();
        Conversation conversation = record.conversation();
        ShopDomain shop = message.shop();
        long ttl = record.expiresAt();
        var writes = TransactWriteItemsEnhancedRequest.builder();
        List<RecordResult> onFailure = new ArrayList<>();

        writes.addPutItem(pointers, Conditions.putIf(PointerItem.class, ConversationItems.pointer(shop, ConversationItems.messageIdKey(message.messageId()),
                conversation.id(), "in", ttl), Conditions.IS_NEW));
        onFailure.add(RecordResult.DUPLICATE_MESSAGE);

        long nextVersion = record.readVersion().map(v -> v + 1).orElse(1L);
        // The conversation carries its next SLA checkpoint (sparse index SlaDue) only while one is due.
        ConversationItem conversationItem = SlaItems.withCheckpoint(ConversationItems.conversation(conversation, nextVersion, ttl),
                record.slaCheckpoint());
        writes.addPutItem(conversations, Conditions.putIf(ConversationItem.class, conversationItem,
                record.readVersion().map(Conditions::versionIs).orElse(Conditions.IS_NEW)));
        onFailure.add(RecordResult.CONFLICT);
        for (int i = 0; i < record.slaEvents().size(); i++) {
            String suffix = "m" + ConversationItems.digest(message.messageId()).substring(0, 8) + "-" + i;
            writes.addPutItem(slaEvents, SlaItems.event(shop, conversation.id(), record.slaEvents().get(i), suffix, ttl));
            onFailure.add(RecordResult.CONFLICT);
        }

        writes.addPutItem(messages, ConversationItems.message(message, conversation.id(), record.noReplyReason(), ttl));
        onFailure.add(RecordResult.CONFLICT);

        if (record.readVersion().isEmpty() && conversation.sessionId() != null) {
            // Conditional: two first messages of one chat session racing must end in one conversation. The
            // conversation's session, not the message's: a session held by another sender is not claimed.
            writes.addPutItem(pointers, Conditions.putIf(PointerItem.class, ConversationItems.pointer(shop,
                    ConversationItems.sessionKey(conversation.sessionId()), conversation.id(), "session", ttl), Conditions.IS_NEW));
            onFailure.add(RecordResult.CONFLICT);
        }
        if (conversation.orderId() != null) {
            // Idempotent: the delay scan finds an order's conversations through this pointer, not by reading them all.
            writes.addPutItem(pointers, ConversationItems.pointer(shop, ConversationItems.orderConversationKey(conversation.orderId(),
                    conversation.id()), conversation.id(), "order", ttl));
            onFailure.add(RecordResult.CONFLICT);
        }
        for (String outgoing : record.outgoingMessageIds()) {
            writes.addPutItem(pointers, ConversationItems.pointer(shop, ConversationItems.messageIdKey(outgoing), conversation.id(), "out", ttl));
            onFailure.add(RecordResult.CONFLICT);
        }
        record.ackDecision().ifPresent(decision -> {
            writes.addPutItem(acks, Conditions.putIf(AckItem.class, new AckItem(shop.value(), ConversationItems.ACK + conversation.id().value(),
                    decision.outcome(), decision.decidedAt().toString(), decision.reason(), decision.outboxId(), ttl), Conditions.IS_NEW));
            onFailure.add(RecordResult.CONFLICT);
        });
        record.outbox().ifPresent(m -> {
            writes.addPutItem(outbox, Conditions.putIf(OutboxItem.class, OutboxItems.item(m, ttl), Conditions.IS_NEW));
            onFailure.add(RecordResult.CONFLICT);
        });
        record.teamCopy().ifPresent(copy -> {
            writes.addPutItem(outbox, Conditions.putIf(OutboxItem.class, OutboxItems.item(copy, ttl), Conditions.IS_NEW));
            onFailure.add(RecordResult.CONFLICT);
        });
        record.budget().ifPresent(budget -> {
            Instant at = budget.at();
            count(counters, writes, shop, senderBudgetKey(budget.senderIdentity(), at),
                    budget.perSenderPerDay(), at.plusSeconds(2 * 86_400).getEpochSecond());
            onFailure.add(RecordResult.SENDER_BUDGET_EXHAUSTED);
            count(counters, writes, shop, shopBudgetKey(at), budget.perShopPerHour(), at.plusSeconds(2 * 86_400).getEpochSecond());
            onFailure.add(RecordResult.SHOP_BUDGET_EXHAUSTED);
            // After the shop's counter: when both are spent, the shop's budget is the one to report.
            budget.newSendersPerHour().ifPresent(cap -> {
                count(counters, writes, shop, "BUDGET#NEWSENDERS#" + HOUR.format(at), cap, at.plusSeconds(2 * 86_400).getEpochSecond());
                onFailure.add(RecordResult.NEW_SENDER_BUDGET_EXHAUSTED);
            });
        });
        record.knownSender().ifPresent(identity -> {
            writes.addPutItem(markers, new MarkerItem(shop.value(), knownSenderKey(identity), ttl));
            onFailure.add(RecordResult.CONFLICT);
        });

        try {
            enhanced.transactWriteItems(writes.build());
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
        var marker = new MarkerItem(shop.value(), "ALERT#BUDGET#" + scope + who + "#" + HOUR.format(at), at.plusSeconds(2 * 86_400).getEpochSecond());
        try {
            enhanced.transactWriteItems(TransactWriteItemsEnhancedRequest.builder()
                    .addPutItem(markers, Conditions.putIf(MarkerItem.class, marker, Conditions.IS_NEW))
                    .addPutItem(outbox, Conditions.putIf(OutboxItem.class, OutboxItems.item(alert, expiresAt), Conditions.IS_NEW))
                    .build());
            return true;
        } catch (TransactionCanceledException alreadyTold) {
            return false;
        }
    }

    /** The counter of the per-sender daily reply budget of {@code identity} (UTC day of {@code at}). */
    static String senderBudgetKey(String identity, Instant at) {
        return "BUDGET#SENDER#" + ConversationItems.digest(identity) + "#" + DAY.format(at);
    }

    /** The counter of the shop's hourly reply budget (UTC hour of {@code at}). */
    static String shopBudgetKey(Instant at) {
        return "BUDGET#SHOP#" + HOUR.format(at);
    }

    /**
     * Counts one reply on a budget's counter, refused once it reached {@code limit}: the enhanced client's
     * update adds one to the atomic counter {@code n} (see {@link BudgetCounterItem}) and sets the TTL.
     */
    static void count(DynamoDbTable<BudgetCounterItem> counters, TransactWriteItemsEnhancedRequest.Builder writes, ShopDomain shop, String sk,
                      int limit, long expiresAt) {
        writes.addUpdateItem(counters, TransactUpdateItemEnhancedRequest.builder(BudgetCounterItem.class)
                .item(new BudgetCounterItem(shop.value(), sk, null, expiresAt)).ignoreNulls(true)
                // A limit of 0 (a new-sender share of 0 %) must refuse the first reply too.
                .conditionExpression(Expression.builder()
                        .expression(limit > 0 ? "attribute_not_exists(#n) OR #n < :limit" : "attribute_exists(#n) AND #n < :limit")
                        .putExpressionName("#n", "n").putExpressionValue(":limit", AttributeValue.fromN(Integer.toString(limit))).build())
                .build());
    }
}
