package dev.promptly.aws.dynamodb;

import dev.promptly.app.port.DeliveryReports;
import dev.promptly.app.port.OutboxStore;
import dev.promptly.core.ShopDomain;
import dev.promptly.core.outbox.DeliveryState;
import dev.promptly.core.outbox.OutboxMessage;
import dev.promptly.core.outbox.OutboxStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import software.amazon.awssdk.enhanced.dynamodb.Expression;
import software.amazon.awssdk.enhanced.dynamodb.Key;
import software.amazon.awssdk.enhanced.dynamodb.model.QueryConditional;
import software.amazon.awssdk.enhanced.dynamodb.model.QueryEnhancedRequest;
import software.amazon.awssdk.enhanced.dynamodb.model.UpdateItemEnhancedRequest;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;

/**
 * Outbox records in {@link PromptlyTable}, the {@link OutboxStore}: the sender claims one with a lease,
 * delivers it and records the outcome, each step conditional on the record still being pending, so two
 * senders racing on the same record (the stream trigger and the sweep, or a retry) deliver it once. As the
 * {@link DeliveryReports} it finds a sent WhatsApp record by its {@code wamid} ({@link WhatsAppSentItem},
 * written with the outcome) and records the statuses WhatsApp reports, each conditional on the record still
 * being sent as that wamid and on the state moving forward; a status that came before the send was recorded
 * is held ({@link WhatsAppHeldStatusItem}) until then. Thread-safe.
 */
public final class DynamoOutboxStore implements OutboxStore, DeliveryReports {
    /** The channel whose sends are reported on later by message id. */
    private static final String WHATSAPP = "whatsapp";

    private final DynamoDbClient client;
    private final String tableName;
    private final DynamoDbTable<OutboxItem> outbox;
    private final DynamoDbTable<OutboxOutcomeItem> outcomes;
    private final DeferredIndex<DueKeyItem> dueIndex;
    private final DynamoDbTable<OutboxDeliveryItem> deliveries;
    private final DynamoDbTable<WhatsAppSentItem> sentPointers;
    private final DynamoDbTable<WhatsAppHeldStatusItem> heldStatuses;

    public DynamoOutboxStore(DynamoDbClient client, String tableName) {
        this.client = Objects.requireNonNull(client, "client");
        this.tableName = Objects.requireNonNull(tableName, "tableName");
        var enhanced = DynamoDbEnhancedClient.builder().dynamoDbClient(client).build();
        this.outbox = enhanced.table(tableName, DeferredSchema.of(() -> OutboxItem.SCHEMA));
        this.outcomes = enhanced.table(tableName, DeferredSchema.of(() -> OutboxOutcomeItem.SCHEMA));
        this.dueIndex = DeferredIndex.of(enhanced.table(tableName, DeferredSchema.of(() -> DueKeyItem.OUTBOX_DUE)), PromptlyTable.OUTBOX_DUE);
        this.deliveries = enhanced.table(tableName, DeferredSchema.of(() -> OutboxDeliveryItem.SCHEMA));
        this.sentPointers = enhanced.table(tableName, DeferredSchema.of(() -> WhatsAppSentItem.SCHEMA));
        this.heldStatuses = enhanced.table(tableName, DeferredSchema.of(() -> WhatsAppHeldStatusItem.SCHEMA));
    }

    public Optional<OutboxMessage> load(ShopDomain shop, String outboxId) {
        return Optional.ofNullable(outbox.getItem(r -> r.key(key(shop, outboxId)).consistentRead(true))).map(OutboxItems::message);
    }

    /**
     * Takes a pending record for delivery until {@code now + lease}; empty when it is not pending, not yet
     * due, or another sender holds an unexpired lease on it.
     */
    @Override
    public Optional<OutboxMessage> claim(ShopDomain shop, String outboxId, Instant now, Duration lease) {
        // The one raw write: it sets the lease, counts the attempt (ADD) and returns the whole record in one
        // round trip. The enhanced client maps an update's result with the schema of the item it writes, so a
        // two-attribute update could not return the message, and its atomic counter would also rewrite
        // attempts on every put of the record; the returned attributes are still read through OutboxItem.SCHEMA.
        try {
            var updated = client.updateItem(r -> r.tableName(tableName)
                    .key(Map.of(PromptlyTable.PK, s(shop.value()), PromptlyTable.SK, s(OutboxItems.SK_PREFIX + outboxId)))
                    .updateExpression("SET leaseUntil = :lease ADD attempts :one")
                    .conditionExpression("#status = :pending AND " + PromptlyTable.OUTBOX_DUE_AT + " <= :now"
                            + " AND (attribute_not_exists(leaseUntil) OR leaseUntil < :now)")
                    .expressionAttributeNames(Map.of("#status", "status"))
                    .expressionAttributeValues(Map.of(
                            ":lease", s(PromptlyTable.sortable(now.plus(lease))),
                            ":now", s(PromptlyTable.sortable(now)),
                            ":pending", s(OutboxStatus.PENDING.wire()),
                            ":one", AttributeValue.fromN("1")))
                    .returnValues(ReturnValue.ALL_NEW));
            return Optional.of(OutboxItems.message(OutboxItem.SCHEMA.mapToItem(updated.attributes())));
        } catch (ConditionalCheckFailedException notOurs) {
            return Optional.empty();
        }
    }

    /**
     * Records the outcome of a delivery attempt on a record this sender claimed: its status, and while it
     * stays pending the time of the next attempt. False when the record is no longer pending (someone
     * else finished it first). The record's TTL is left as written; a delivery state of an earlier send is
     * removed. A sent WhatsApp message gets its {@link WhatsAppSentItem} (written again, the same, on a retry).
     */
    @Override
    public boolean recordOutcome(OutboxMessage outcome) {
        boolean recorded = writeOutcome(outcome, null, Expression.builder().expression("#status = :pending")
                .putExpressionName("#status", "status").putExpressionValue(":pending", s(OutboxStatus.PENDING.wire())).build());
        if (recorded && outcome.status() == OutboxStatus.SENT && WHATSAPP.equals(outcome.channel()) && outcome.providerMessageId() != null) {
            Instant sent = outcome.sentAt() == null ? outcome.createdAt() : outcome.sentAt();
            sentPointers.putItem(new WhatsAppSentItem(outcome.shop().value(), WhatsAppSentItem.sk(outcome.providerMessageId()), outcome.id(),
                    sent.plus(WhatsAppSentItem.RETENTION).getEpochSecond()));
        }
        return recorded;
    }

    private boolean writeOutcome(OutboxMessage outcome, OutboxDeliveryItem delivery, Expression condition) {
        boolean pending = outcome.status() == OutboxStatus.PENDING;
        var item = new OutboxOutcomeItem(outcome.shop().value(), OutboxItems.SK_PREFIX + outcome.id(), outcome.status().wire(),
                outcome.lastError(), outcome.sentAt() == null ? null : outcome.sentAt().toString(), outcome.providerMessageId(), null,
                // A pending record already carries the shard; written again with its next due time, it stays in the index.
                pending ? OutboxItems.DUE_SHARD : null, pending ? PromptlyTable.sortable(outcome.notBefore()) : null,
                delivery == null ? null : delivery.deliveryState(), delivery == null ? null : delivery.deliveryStateAt());
        try {
            outcomes.updateItem(UpdateItemEnhancedRequest.builder(OutboxOutcomeItem.class).item(item).ignoreNulls(false)
                    .conditionExpression(condition).build());
            return true;
        } catch (ConditionalCheckFailedException finished) {
            return false;
        }
    }

    @Override
    public Optional<OutboxMessage> findSent(ShopDomain shop, String providerMessageId) {
        WhatsAppSentItem pointer = sentPointers.getItem(r -> r.key(Key.builder().partitionValue(shop.value())
                .sortValue(WhatsAppSentItem.sk(providerMessageId)).build()).consistentRead(true));
        return pointer == null ? Optional.empty() : load(shop, pointer.outboxId());
    }

    @Override
    public boolean recordDelivery(ShopDomain shop, String outboxId, String providerMessageId, DeliveryState state, Instant at) {
        var item = new OutboxDeliveryItem(shop.value(), OutboxItems.SK_PREFIX + outboxId, state.wire(), at.toString());
        try {
            deliveries.updateItem(UpdateItemEnhancedRequest.builder(OutboxDeliveryItem.class).item(item).ignoreNulls(true)
                    .conditionExpression(stillSentAs(providerMessageId, state)).build());
            return true;
        } catch (ConditionalCheckFailedException lateOrRepeated) {
            return false;
        }
    }

    @Override
    public boolean recordFailure(OutboxMessage outcome, String providerMessageId, Instant at) {
        var failed = new OutboxDeliveryItem(outcome.shop().value(), OutboxItems.SK_PREFIX + outcome.id(), DeliveryState.FAILED.wire(),
                at.toString());
        return writeOutcome(outcome, failed, stillSentAs(providerMessageId, DeliveryState.FAILED));
    }

    @Override
    public Optional<DeliveryState> deliveryState(ShopDomain shop, String outboxId) {
        OutboxDeliveryItem item = deliveries.getItem(r -> r.key(key(shop, outboxId)).consistentRead(true));
        return item == null || item.deliveryState() == null ? Optional.empty() : DeliveryState.fromWire(item.deliveryState());
    }

    @Override
    public void hold(ShopDomain shop, HeldStatus status) {
        heldStatuses.putItem(new WhatsAppHeldStatusItem(shop.value(), WhatsAppHeldStatusItem.sk(status.providerMessageId(),
                status.state().wire()), status.state().wire(), status.at().toString(), status.errorCode() == 0 ? null : status.errorCode(),
                null, status.until().getEpochSecond()));
    }

    /** A consistent query of the id's held statuses (at most one per state), so a hold written just before is seen. */
    @Override
    public List<HeldStatus> held(ShopDomain shop, String providerMessageId, Instant now) {
        var ofThisId = QueryConditional.sortBeginsWith(Key.builder().partitionValue(shop.value())
                .sortValue(WhatsAppHeldStatusItem.prefix(providerMessageId)).build());
        List<HeldStatus> held = new ArrayList<>();
        for (WhatsAppHeldStatusItem item : heldStatuses.query(QueryEnhancedRequest.builder().consistentRead(true)
                .queryConditional(ofThisId).build()).items()) {
            Instant until = Instant.ofEpochSecond(item.expiresAt());
            // TTL deletes late (within days): an expired item still read is ignored, as is one already applied.
            Optional<DeliveryState> state = DeliveryState.fromWire(item.state());
            if (state.isPresent() && until.isAfter(now) && item.released() == null) {
                held.add(new HeldStatus(providerMessageId, state.get(), Instant.parse(item.at()),
                        item.errorCode() == null ? 0 : item.errorCode(), until));
            }
        }
        return held;
    }

    /**
     * Marks the held status released, on the condition that it is there and not yet released: the one caller
     * whose update succeeds applies it. An update, not a delete, so the functions that apply statuses need no
     * further permission; the TTL removes the item.
     */
    @Override
    public boolean release(ShopDomain shop, HeldStatus status) {
        var released = new WhatsAppHeldStatusItem(shop.value(), WhatsAppHeldStatusItem.sk(status.providerMessageId(), status.state().wire()),
                null, null, null, true, null);
        try {
            heldStatuses.updateItem(UpdateItemEnhancedRequest.builder(WhatsAppHeldStatusItem.class).item(released).ignoreNulls(true)
                    .conditionExpression(Expression.builder().expression("attribute_exists(" + PromptlyTable.PK + ") AND attribute_not_exists(released)")
                            .build()).build());
            return true;
        } catch (ConditionalCheckFailedException alreadyReleased) {
            return false;
        }
    }

    /**
     * The record is sent, as {@code wamid}, and its delivery state may move to {@code next}: none yet, or one
     * of the states {@link DeliveryState#precedes} allows - so a late or repeated status changes nothing.
     */
    private static Expression stillSentAs(String wamid, DeliveryState next) {
        StringBuilder earlier = new StringBuilder();
        var condition = Expression.builder().putExpressionName("#status", "status")
                .putExpressionValue(":sent", s(OutboxStatus.SENT.wire())).putExpressionValue(":wamid", s(wamid));
        for (DeliveryState state : DeliveryState.values()) {
            if (state.precedes(next)) {
                earlier.append(" OR deliveryState = :").append(state.wire());
                condition.putExpressionValue(":" + state.wire(), s(state.wire()));
            }
        }
        return condition.expression("#status = :sent AND providerMessageId = :wamid AND (attribute_not_exists(deliveryState)"
                + earlier + ")").build();
    }

    /** Up to {@code limit} records due at {@code now}, oldest first, through the sparse index (no Scan). */
    @Override
    public List<DueKey> due(Instant now, int limit) {
        List<DueKey> keys = new ArrayList<>();
        for (DueKeyItem item : DueIndex.due(dueIndex.index(), OutboxItems.DUE_SHARD, now, limit)) {
            keys.add(new DueKey(new ShopDomain(item.pk()), item.sk().substring(OutboxItems.SK_PREFIX.length())));
        }
        return keys;
    }

    /** A shop's outbox, oldest first (ids start with the creation time). */
    public List<OutboxMessage> list(ShopDomain shop) {
        List<OutboxMessage> messages = new ArrayList<>();
        ShopPartition.forEachWithPrefix(outbox, shop, OutboxItems.SK_PREFIX, item -> messages.add(OutboxItems.message(item)));
        return messages;
    }

    private static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }

    private static Key key(ShopDomain shop, String outboxId) {
        return Key.builder().partitionValue(shop.value()).sortValue(OutboxItems.SK_PREFIX + outboxId).build();
    }
}
