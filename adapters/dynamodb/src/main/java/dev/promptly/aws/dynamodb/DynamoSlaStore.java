package dev.promptly.aws.dynamodb;

import static dev.promptly.aws.dynamodb.OutboxItems.s;

import dev.promptly.app.port.ConversationStore.StoredConversation;
import dev.promptly.app.port.SlaStore;
import dev.promptly.core.ShopDomain;
import dev.promptly.core.message.Conversation;
import dev.promptly.core.message.ConversationId;
import dev.promptly.core.outbox.OutboxMessage;
import dev.promptly.core.sla.SlaEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.Update;

/**
 * The {@link SlaStore} in {@link PromptlyTable}: a conversation's event log, the team's events (written with the
 * conversation at the version read, in one transaction), the checkpoints of the sparse {@code SlaDue}
 * index, and alert stages — each written once ({@code attribute_not_exists} on its marker) in one
 * transaction with its outbox records, so overlapping or retried monitor runs alert once. Thread-safe.
 */
public final class DynamoSlaStore implements SlaStore {
    private static final String NEW = "attribute_not_exists(" + PromptlyTable.PK + ")";

    private final DynamoDbClient client;
    private final String tableName;

    public DynamoSlaStore(DynamoDbClient client, String tableName) {
        this.client = Objects.requireNonNull(client, "client");
        this.tableName = Objects.requireNonNull(tableName, "tableName");
    }

    /** A conversation's event log, oldest first (by time; the key sorts by it). */
    @Override
    public List<SlaEvent> events(ShopDomain shop, ConversationId conversation) {
        List<SlaEvent> events = new ArrayList<>();
        ShopPartition.forEachWithPrefix(client, tableName, shop, SlaItems.eventPrefix(conversation), item -> events.add(SlaItems.event(item)));
        return events;
    }

    /**
     * Records a team event: the conversation as {@code next} (at the version read, with its new checkpoint)
     * and the event, in one transaction.
     *
     * @return false when the conversation changed since it was read (nothing was written)
     */
    @Override
    public boolean recordTeamEvent(StoredConversation read, Conversation next, SlaEvent event, Optional<Instant> checkpoint, long expiresAt) {
        long version = read.version() + 1;
        Map<String, AttributeValue> conversation = SlaItems.withCheckpoint(ConversationItems.conversation(next, version, expiresAt), checkpoint);
        try {
            client.transactWriteItems(r -> r.transactItems(
                    put(conversation, "version = :v", Map.of(":v", AttributeValue.fromN(Long.toString(read.version())))),
                    put(SlaItems.event(next.shop(), next.id(), event, String.format("t%010d", version), expiresAt), NEW, Map.of())));
            return true;
        } catch (TransactionCanceledException changed) {
            return false;
        }
    }

    @Override
    public boolean teamReplyRecorded(ShopDomain shop, String replyKey) {
        return client.getItem(r -> r.tableName(tableName).key(ConversationItems.key(shop, teamReplyKey(replyKey))).consistentRead(true))
                .hasItem();
    }

    /** The conversation, the event and the reply's marker together; a digest of the key, as it may hold the reply's text. */
    @Override
    public boolean recordTeamReply(StoredConversation read, Conversation next, SlaEvent event, Optional<Instant> checkpoint, long expiresAt,
                                   String replyKey) {
        long version = read.version() + 1;
        Map<String, AttributeValue> conversation = SlaItems.withCheckpoint(ConversationItems.conversation(next, version, expiresAt), checkpoint);
        Map<String, AttributeValue> marker = new java.util.HashMap<>(ConversationItems.key(next.shop(), teamReplyKey(replyKey)));
        marker.put("conversationId", AttributeValue.fromS(next.id().value()));
        marker.put(PromptlyTable.TTL, AttributeValue.fromN(Long.toString(expiresAt)));
        try {
            client.transactWriteItems(r -> r.transactItems(
                    put(conversation, "version = :v", Map.of(":v", AttributeValue.fromN(Long.toString(read.version())))),
                    put(SlaItems.event(next.shop(), next.id(), event, String.format("t%010d", version), expiresAt), NEW, Map.of()),
                    put(marker, NEW, Map.of())));
            return true;
        } catch (TransactionCanceledException changedOrSeen) {
            return false;
        }
    }

    private static String teamReplyKey(String replyKey) {
        return "TEAMREPLY#" + ConversationItems.digest(replyKey);
    }

    /** Up to {@code limit} items whose checkpoint has come by {@code now}, oldest first, through the sparse index (no Scan). */
    @Override
    public List<DueItem> due(Instant now, int limit) {
        List<DueItem> due = new ArrayList<>();
        for (var item : DueIndex.due(client, tableName, PromptlyTable.SLA_DUE, PromptlyTable.SLA_DUE_SHARD, PromptlyTable.SLA_DUE_AT,
                SlaItems.DUE_SHARD, now, limit)) {
            ShopDomain shop = new ShopDomain(item.get(PromptlyTable.PK).s());
            String sk = item.get(PromptlyTable.SK).s();
            if (sk.startsWith(ConversationItems.CONVERSATION)) {
                due.add(new DueItem(shop, Optional.of(new ConversationId(sk.substring(ConversationItems.CONVERSATION.length()))), Optional.empty()));
            } else if (sk.startsWith(SlaItems.DIGEST)) {
                due.add(new DueItem(shop, Optional.empty(), Optional.of(Instant.parse(sk.substring(SlaItems.DIGEST.length())))));
            }
        }
        return due;
    }

    /**
     * Moves a conversation's checkpoint (empty: out of the index) unless the conversation changed since
     * {@code readVersion}; whoever changed it set a checkpoint from newer facts.
     */
    @Override
    public boolean moveCheckpoint(ShopDomain shop, ConversationId conversation, long readVersion, Optional<Instant> checkpoint) {
        Map<String, String> names = Map.of("#shard", PromptlyTable.SLA_DUE_SHARD, "#due", PromptlyTable.SLA_DUE_AT);
        Map<String, AttributeValue> values = new HashMap<>(Map.of(":v", AttributeValue.fromN(Long.toString(readVersion))));
        String update;
        if (checkpoint.isPresent()) {
            update = "SET #shard = :shard, #due = :due";
            values.put(":shard", s(SlaItems.DUE_SHARD));
            values.put(":due", s(PromptlyTable.sortable(checkpoint.get())));
        } else {
            update = "REMOVE #shard, #due";
        }
        try {
            client.updateItem(r -> r.tableName(tableName)
                    .key(ConversationItems.key(shop, ConversationItems.CONVERSATION + conversation.value()))
                    .updateExpression(update)
                    .conditionExpression("version = :v")
                    .expressionAttributeNames(names)
                    .expressionAttributeValues(values));
            return true;
        } catch (ConditionalCheckFailedException changed) {
            return false;
        }
    }

    /**
     * Records an alert stage once: its marker and its outbox records in one transaction.
     *
     * @return false when the stage was recorded before (nothing was written)
     */
    @Override
    public boolean recordAlert(ShopDomain shop, ConversationId conversation, String clockId, String stageKey, List<OutboxMessage> outbox,
                               long expiresAt) {
        List<TransactWriteItem> writes = new ArrayList<>();
        writes.add(put(marker(shop, conversation, clockId, stageKey, "sent", expiresAt), NEW, Map.of()));
        outbox.forEach(m -> writes.add(put(OutboxItems.toItem(m, expiresAt), NEW, Map.of())));
        return write(writes);
    }

    /**
     * Records an alert stage once as a line of the digest sent at {@code opening}, and puts that digest in
     * the index to be found then.
     *
     * @return false when the stage was recorded before
     */
    @Override
    public boolean recordDigestLine(ShopDomain shop, ConversationId conversation, String clockId, String stageKey, Instant opening,
                                    List<String> targetNames, String line, long expiresAt) {
        String digest = SlaItems.digestKey(opening);
        Map<String, AttributeValue> lineItem = new HashMap<>(ConversationItems.key(shop,
                digest + SlaItems.DIGEST_LINE + conversation.value() + "#" + clockId + "#" + stageKey));
        lineItem.put("targets", AttributeValue.fromL(targetNames.stream().map(OutboxItems::s).toList()));
        lineItem.put("line", s(line));
        lineItem.put("conversationId", s(conversation.value()));
        lineItem.put(PromptlyTable.TTL, AttributeValue.fromN(Long.toString(expiresAt)));
        TransactWriteItem head = TransactWriteItem.builder().update(Update.builder()
                .tableName(tableName)
                .key(ConversationItems.key(shop, digest))
                .updateExpression("SET #shard = if_not_exists(#shard, :shard), #due = if_not_exists(#due, :due), #ttl = :ttl ADD #n :one")
                .expressionAttributeNames(Map.of("#shard", PromptlyTable.SLA_DUE_SHARD, "#due", PromptlyTable.SLA_DUE_AT,
                        "#ttl", PromptlyTable.TTL, "#n", "lines"))
                .expressionAttributeValues(Map.of(":shard", s(SlaItems.DUE_SHARD), ":due", s(PromptlyTable.sortable(opening)),
                        ":ttl", AttributeValue.fromN(Long.toString(expiresAt)), ":one", AttributeValue.fromN("1")))
                .build()).build();
        return write(List.of(put(marker(shop, conversation, clockId, stageKey, "digest", expiresAt), NEW, Map.of()),
                put(lineItem, NEW, Map.of()), head));
    }

    /** The lines of the digest for {@code opening}, in key order. */
    @Override
    public List<DigestLine> digestLines(ShopDomain shop, Instant opening) {
        List<DigestLine> lines = new ArrayList<>();
        ShopPartition.forEachWithPrefix(client, tableName, shop, SlaItems.digestKey(opening) + SlaItems.DIGEST_LINE,
                item -> lines.add(new DigestLine(item.get("line").s(), SlaItems.targetNames(item))));
        return lines;
    }

    /**
     * Sends a digest once: its outbox records and the removal of the digest from the index, in one
     * transaction. False when it was sent before.
     */
    @Override
    public boolean recordDigestSent(ShopDomain shop, Instant opening, List<OutboxMessage> outbox, long expiresAt) {
        List<TransactWriteItem> writes = new ArrayList<>();
        writes.add(TransactWriteItem.builder().update(Update.builder()
                .tableName(tableName)
                .key(ConversationItems.key(shop, SlaItems.digestKey(opening)))
                .updateExpression("REMOVE #shard, #due SET sentAt = :now")
                .conditionExpression("attribute_exists(#due)")
                .expressionAttributeNames(Map.of("#shard", PromptlyTable.SLA_DUE_SHARD, "#due", PromptlyTable.SLA_DUE_AT))
                .expressionAttributeValues(Map.of(":now", s(opening.toString())))
                .build()).build());
        outbox.forEach(m -> writes.add(put(OutboxItems.toItem(m, expiresAt), NEW, Map.of())));
        return write(writes);
    }

    /** Whether a stage was recorded (for tests and the explain view). */
    public Optional<String> alertOutcome(ShopDomain shop, ConversationId conversation, String clockId, String stageKey) {
        var item = client.getItem(r -> r.tableName(tableName).key(ConversationItems.key(shop, SlaItems.alertKey(conversation, clockId, stageKey)))
                .consistentRead(true)).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(item.get("outcome").s());
    }

    private Map<String, AttributeValue> marker(ShopDomain shop, ConversationId conversation, String clockId, String stageKey, String outcome,
                                               long expiresAt) {
        Map<String, AttributeValue> item = new HashMap<>(ConversationItems.key(shop, SlaItems.alertKey(conversation, clockId, stageKey)));
        item.put("outcome", s(outcome));
        item.put("conversationId", s(conversation.value()));
        item.put(PromptlyTable.TTL, AttributeValue.fromN(Long.toString(expiresAt)));
        return item;
    }

    private boolean write(List<TransactWriteItem> writes) {
        try {
            client.transactWriteItems(r -> r.transactItems(writes));
            return true;
        } catch (TransactionCanceledException alreadyRecorded) {
            return false;
        }
    }

    private TransactWriteItem put(Map<String, AttributeValue> item, String condition, Map<String, AttributeValue> values) {
        Put.Builder put = Put.builder().tableName(tableName).item(item).conditionExpression(condition);
        if (!values.isEmpty()) {
            put.expressionAttributeValues(values);
        }
        return TransactWriteItem.builder().put(put.build()).build();
    }
}
