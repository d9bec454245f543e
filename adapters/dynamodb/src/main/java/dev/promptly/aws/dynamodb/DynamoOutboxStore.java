package dev.promptly.aws.dynamodb;

import dev.promptly.app.port.OutboxStore;
import dev.promptly.core.ShopDomain;
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
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbIndex;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import software.amazon.awssdk.enhanced.dynamodb.Expression;
import software.amazon.awssdk.enhanced.dynamodb.Key;
import software.amazon.awssdk.enhanced.dynamodb.model.UpdateItemEnhancedRequest;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;

/**
 * Outbox records in {@link PromptlyTable}, the {@link OutboxStore}: the sender claims one with a lease,
 * delivers it and records the outcome, each step conditional on the record still being pending, so two
 * senders racing on the same record (the stream trigger and the sweep, or a retry) deliver it once.
 * Thread-safe.
 */
public final class DynamoOutboxStore implements OutboxStore {
    private final DynamoDbClient client;
    private final String tableName;
    private final DynamoDbTable<OutboxItem> outbox;
    private final DynamoDbTable<OutboxOutcomeItem> outcomes;
    private final DynamoDbIndex<DueKeyItem> dueIndex;

    public DynamoOutboxStore(DynamoDbClient client, String tableName) {
        this.client = Objects.requireNonNull(client, "client");
        this.tableName = Objects.requireNonNull(tableName, "tableName");
        var enhanced = DynamoDbEnhancedClient.builder().dynamoDbClient(client).build();
        this.outbox = enhanced.table(tableName, OutboxItem.SCHEMA);
        this.outcomes = enhanced.table(tableName, OutboxOutcomeItem.SCHEMA);
        this.dueIndex = enhanced.table(tableName, DueKeyItem.OUTBOX_DUE).index(PromptlyTable.OUTBOX_DUE);
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
     * else finished it first). The record's TTL is left as written.
     */
    @Override
    public boolean recordOutcome(OutboxMessage outcome) {
        boolean pending = outcome.status() == OutboxStatus.PENDING;
        var item = new OutboxOutcomeItem(outcome.shop().value(), OutboxItems.SK_PREFIX + outcome.id(), outcome.status().wire(),
                outcome.lastError(), outcome.sentAt() == null ? null : outcome.sentAt().toString(), outcome.providerMessageId(), null,
                // A pending record already carries the shard; written again with its next due time, it stays in the index.
                pending ? OutboxItems.DUE_SHARD : null, pending ? PromptlyTable.sortable(outcome.notBefore()) : null);
        try {
            outcomes.updateItem(UpdateItemEnhancedRequest.builder(OutboxOutcomeItem.class).item(item).ignoreNulls(false)
                    .conditionExpression(Expression.builder().expression("#status = :pending")
                            .putExpressionName("#status", "status").putExpressionValue(":pending", s(OutboxStatus.PENDING.wire())).build())
                    .build());
            return true;
        } catch (ConditionalCheckFailedException finished) {
            return false;
        }
    }

    /** Up to {@code limit} records due at {@code now}, oldest first, through the sparse index (no Scan). */
    @Override
    public List<DueKey> due(Instant now, int limit) {
        List<DueKey> keys = new ArrayList<>();
        for (DueKeyItem item : DueIndex.due(dueIndex, OutboxItems.DUE_SHARD, now, limit)) {
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
