package dev.promptly.aws.dynamodb;

import dev.promptly.app.port.ConversationStore.StoredConversation;
import dev.promptly.app.port.HelpdeskLinks;
import dev.promptly.app.port.SlaStore;
import dev.promptly.core.ShopDomain;
import dev.promptly.core.message.Conversation;
import dev.promptly.core.message.ConversationId;
import dev.promptly.core.outbox.OutboxMessage;
import dev.promptly.core.sla.SlaEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import software.amazon.awssdk.enhanced.dynamodb.Expression;
import software.amazon.awssdk.enhanced.dynamodb.Key;
import software.amazon.awssdk.enhanced.dynamodb.model.TransactUpdateItemEnhancedRequest;
import software.amazon.awssdk.enhanced.dynamodb.model.TransactWriteItemsEnhancedRequest;
import software.amazon.awssdk.enhanced.dynamodb.model.UpdateItemEnhancedRequest;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * The {@link SlaStore} in {@link PromptlyTable}: a conversation's event log, the team's events (written with the
 * conversation at the version read, in one transaction), the checkpoints of the sparse {@code SlaDue}
 * index, and alert stages — each written once ({@code attribute_not_exists} on its marker) in one
 * transaction with its outbox records, so overlapping or retried monitor runs alert once. Thread-safe.
 */
public final class DynamoSlaStore implements SlaStore {
    // From the port, not HelpdeskWebhooks: naming the use case would put the whole intake in every jar with this store.
    private static final Duration HELPDESK_CLAIM_LIFETIME = HelpdeskLinks.CLAIM_LIFETIME;
    private final DynamoDbEnhancedClient enhanced;
    private final DynamoDbTable<ConversationItem> conversations;
    private final DynamoDbTable<ConversationCheckpointItem> checkpoints;
    private final DynamoDbTable<SlaEventItem> events;
    private final DynamoDbTable<SlaAlertItem> alerts;
    private final DynamoDbTable<DigestLineItem> digestLines;
    private final DynamoDbTable<SlaDigestItem> digests;
    private final DynamoDbTable<SlaDigestSentItem> sentDigests;
    private final DynamoDbTable<OutboxItem> outbox;
    private final DynamoDbTable<PointerItem> teamReplies;
    private final DynamoDbTable<HelpdeskMarkerItem> helpdeskMarkers;
    private final DeferredIndex<DueKeyItem> dueIndex;

    public DynamoSlaStore(DynamoDbClient client, String tableName) {
        Objects.requireNonNull(client, "client");
        Objects.requireNonNull(tableName, "tableName");
        this.enhanced = DynamoDbEnhancedClient.builder().dynamoDbClient(client).build();
        this.conversations = enhanced.table(tableName, DeferredSchema.of(() -> ConversationItem.SCHEMA));
        this.checkpoints = enhanced.table(tableName, DeferredSchema.of(() -> ConversationCheckpointItem.SCHEMA));
        this.events = enhanced.table(tableName, DeferredSchema.of(() -> SlaEventItem.SCHEMA));
        this.alerts = enhanced.table(tableName, DeferredSchema.of(() -> SlaAlertItem.SCHEMA));
        this.digestLines = enhanced.table(tableName, DeferredSchema.of(() -> DigestLineItem.SCHEMA));
        this.digests = enhanced.table(tableName, DeferredSchema.of(() -> SlaDigestItem.SCHEMA));
        this.sentDigests = enhanced.table(tableName, DeferredSchema.of(() -> SlaDigestSentItem.SCHEMA));
        this.outbox = enhanced.table(tableName, DeferredSchema.of(() -> OutboxItem.SCHEMA));
        this.teamReplies = enhanced.table(tableName, DeferredSchema.of(() -> PointerItem.SCHEMA));
        this.helpdeskMarkers = enhanced.table(tableName, DeferredSchema.of(() -> HelpdeskMarkerItem.SCHEMA));
        this.dueIndex = DeferredIndex.of(enhanced.table(tableName, DeferredSchema.of(() -> DueKeyItem.SLA_DUE)), PromptlyTable.SLA_DUE);
    }

    /** A conversation's event log, oldest first (by time; the key sorts by it). */
    @Override
    public List<SlaEvent> events(ShopDomain shop, ConversationId conversation) {
        List<SlaEvent> log = new ArrayList<>();
        ShopPartition.forEachWithPrefix(events, shop, SlaItems.eventPrefix(conversation), item -> log.add(SlaItems.event(item)));
        return log;
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
        ConversationItem conversation = SlaItems.withCheckpoint(ConversationItems.conversation(next, version, expiresAt), checkpoint);
        return write(TransactWriteItemsEnhancedRequest.builder()
                .addPutItem(conversations, Conditions.putIf(ConversationItem.class, conversation, Conditions.versionIs(read.version())))
                .addPutItem(events, Conditions.putIf(SlaEventItem.class, SlaItems.event(next.shop(), next.id(), event, String.format("t%010d", version),
                        expiresAt), Conditions.IS_NEW)));
    }

    @Override
    public boolean teamReplyRecorded(ShopDomain shop, String replyKey, Optional<String> helpdeskClaim) {
        return teamReplies.getItem(r -> r.key(Key.builder().partitionValue(shop.value()).sortValue(teamReplyKey(replyKey)).build())
                .consistentRead(true)) != null
                || helpdeskClaim.filter(claim -> helpdeskMarkers.getItem(r -> r.key(Key.builder().partitionValue(shop.value())
                        .sortValue(HelpdeskMarkerItem.PREFIX + claim).build()).consistentRead(true)) != null).isPresent();
    }

    /** The conversation, the event and the reply's marker together; a digest of the key, as it may hold the reply's text. */
    @Override
    public boolean recordTeamReply(StoredConversation read, Conversation next, SlaEvent event, Optional<Instant> checkpoint, long expiresAt,
                                   String replyKey, Optional<String> helpdeskClaim) {
        long version = read.version() + 1;
        ConversationItem conversation = SlaItems.withCheckpoint(ConversationItems.conversation(next, version, expiresAt), checkpoint);
        PointerItem marker = new PointerItem(next.shop().value(), teamReplyKey(replyKey), next.id().value(), null, expiresAt);
        TransactWriteItemsEnhancedRequest.Builder request = TransactWriteItemsEnhancedRequest.builder()
                .addPutItem(conversations, Conditions.putIf(ConversationItem.class, conversation, Conditions.versionIs(read.version())))
                .addPutItem(events, Conditions.putIf(SlaEventItem.class, SlaItems.event(next.shop(), next.id(), event, String.format("t%010d", version),
                        expiresAt), Conditions.IS_NEW))
                .addPutItem(teamReplies, Conditions.putIf(PointerItem.class, marker, Conditions.IS_NEW));
        // The helpdesk webhook's claim for the same reply (DynamoHelpdeskLinks#claim), expiring as its claims do.
        helpdeskClaim.ifPresent(claim -> request.addPutItem(helpdeskMarkers, Conditions.putIf(HelpdeskMarkerItem.class,
                new HelpdeskMarkerItem(next.shop().value(), HelpdeskMarkerItem.PREFIX + claim, event.at().toString(),
                        event.at().plus(HELPDESK_CLAIM_LIFETIME).getEpochSecond()), Conditions.IS_NEW)));
        return write(request);
    }

    private static String teamReplyKey(String replyKey) {
        return "TEAMREPLY#" + ConversationItems.digest(replyKey);
    }

    /** Up to {@code limit} items whose checkpoint has come by {@code now}, oldest first, through the sparse index (no Scan). */
    @Override
    public List<DueItem> due(Instant now, int limit) {
        List<DueItem> due = new ArrayList<>();
        for (DueKeyItem item : DueIndex.due(dueIndex.index(), SlaItems.DUE_SHARD, now, limit)) {
            ShopDomain shop = new ShopDomain(item.pk());
            String sk = item.sk();
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
        var item = new ConversationCheckpointItem(shop.value(), ConversationItems.CONVERSATION + conversation.value(),
                checkpoint.isPresent() ? SlaItems.DUE_SHARD : null, checkpoint.map(PromptlyTable::sortable).orElse(null));
        try {
            checkpoints.updateItem(UpdateItemEnhancedRequest.builder(ConversationCheckpointItem.class).item(item).ignoreNulls(false)
                    .conditionExpression(Conditions.versionIs(readVersion)).build());
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
        var writes = TransactWriteItemsEnhancedRequest.builder()
                .addPutItem(alerts, Conditions.putIf(SlaAlertItem.class, marker(shop, conversation, clockId, stageKey, "sent", expiresAt), Conditions.IS_NEW));
        outbox.forEach(m -> writes.addPutItem(this.outbox, Conditions.putIf(OutboxItem.class, OutboxItems.item(m, expiresAt), Conditions.IS_NEW)));
        return write(writes);
    }

    /**
     * Records an alert stage once as a line of the digest sent at {@code opening}, and puts that digest in
     * the index to be found then (at the opening, so writing the index attributes again changes nothing).
     *
     * @return false when the stage was recorded before
     */
    @Override
    public boolean recordDigestLine(ShopDomain shop, ConversationId conversation, String clockId, String stageKey, Instant opening,
                                    List<String> targetNames, String line, long expiresAt) {
        String digest = SlaItems.digestKey(opening);
        var lineItem = new DigestLineItem(shop.value(), digest + SlaItems.DIGEST_LINE + conversation.value() + "#" + clockId + "#" + stageKey,
                List.copyOf(targetNames), line, conversation.value(), expiresAt);
        var head = new SlaDigestItem(shop.value(), digest, SlaItems.DUE_SHARD, PromptlyTable.sortable(opening), null, expiresAt);
        return write(TransactWriteItemsEnhancedRequest.builder()
                .addPutItem(alerts, Conditions.putIf(SlaAlertItem.class, marker(shop, conversation, clockId, stageKey, "digest", expiresAt), Conditions.IS_NEW))
                .addPutItem(digestLines, Conditions.putIf(DigestLineItem.class, lineItem, Conditions.IS_NEW))
                .addUpdateItem(digests, TransactUpdateItemEnhancedRequest.builder(SlaDigestItem.class).item(head).ignoreNulls(true).build()));
    }

    /** The lines of the digest for {@code opening}, in key order. */
    @Override
    public List<DigestLine> digestLines(ShopDomain shop, Instant opening) {
        List<DigestLine> lines = new ArrayList<>();
        ShopPartition.forEachWithPrefix(digestLines, shop, SlaItems.digestKey(opening) + SlaItems.DIGEST_LINE,
                item -> lines.add(new DigestLine(item.line(), item.targets())));
        return lines;
    }

    /**
     * Sends a digest once: its outbox records and the removal of the digest from the index, in one
     * transaction. False when it was sent before.
     */
    @Override
    public boolean recordDigestSent(ShopDomain shop, Instant opening, List<OutboxMessage> outbox, long expiresAt) {
        var writes = TransactWriteItemsEnhancedRequest.builder()
                .addUpdateItem(sentDigests, TransactUpdateItemEnhancedRequest.builder(SlaDigestSentItem.class)
                        .item(new SlaDigestSentItem(shop.value(), SlaItems.digestKey(opening), null, null, opening.toString()))
                        .ignoreNulls(false)
                        .conditionExpression(Expression.builder().expression("attribute_exists(#due)")
                                .putExpressionName("#due", PromptlyTable.SLA_DUE_AT).build())
                        .build());
        outbox.forEach(m -> writes.addPutItem(this.outbox, Conditions.putIf(OutboxItem.class, OutboxItems.item(m, expiresAt), Conditions.IS_NEW)));
        return write(writes);
    }

    /** Whether a stage was recorded (for tests and the explain view). */
    public Optional<String> alertOutcome(ShopDomain shop, ConversationId conversation, String clockId, String stageKey) {
        Key key = Key.builder().partitionValue(shop.value()).sortValue(SlaItems.alertKey(conversation, clockId, stageKey)).build();
        return Optional.ofNullable(alerts.getItem(r -> r.key(key).consistentRead(true))).map(SlaAlertItem::outcome);
    }

    private static SlaAlertItem marker(ShopDomain shop, ConversationId conversation, String clockId, String stageKey, String outcome,
                                       long expiresAt) {
        return new SlaAlertItem(shop.value(), SlaItems.alertKey(conversation, clockId, stageKey), outcome, conversation.value(), expiresAt);
    }

    private boolean write(TransactWriteItemsEnhancedRequest.Builder writes) {
        try {
            enhanced.transactWriteItems(writes.build());
            return true;
        } catch (TransactionCanceledException alreadyRecorded) {
            return false;
        }
    }
}
