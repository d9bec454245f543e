package dev.promptly.aws.dynamodb;

import static dev.promptly.aws.dynamodb.OutboxItems.s;

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

    public DynamoOutboxStore(DynamoDbClient client, String tableName) {
        this.client = Objects.requireNonNull(client, "client");
        this.tableName = Objects.requireNonNull(tableName, "tableName");
    }

    public Optional<OutboxMessage> load(ShopDomain shop, String outboxId) {
        var item = client.getItem(r -> r.tableName(tableName).key(key(shop, outboxId)).consistentRead(true)).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(OutboxItems.fromItem(item));
    }

    /**
     * Takes a pending record for delivery until {@code now + lease}; empty when it is not pending, not yet
     * due, or another sender holds an unexpired lease on it.
     */
    @Override
    public Optional<OutboxMessage> claim(ShopDomain shop, String outboxId, Instant now, Duration lease) {
        try {
            var updated = client.updateItem(r -> r.tableName(tableName).key(key(shop, outboxId))
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
            return Optional.of(OutboxItems.fromItem(updated.attributes()));
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
        Map<String, String> names = new java.util.HashMap<>(Map.of("#status", "status"));
        Map<String, AttributeValue> values = new java.util.HashMap<>(Map.of(
                ":pending", s(OutboxStatus.PENDING.wire()),
                ":next", s(outcome.status().wire())));
        StringBuilder set = new StringBuilder("SET #status = :next");
        StringBuilder remove = new StringBuilder(" REMOVE leaseUntil");
        optional(set, remove, values, "lastError", outcome.lastError());
        optional(set, remove, values, "sentAt", outcome.sentAt() == null ? null : outcome.sentAt().toString());
        optional(set, remove, values, "providerMessageId", outcome.providerMessageId());
        if (outcome.status() == OutboxStatus.PENDING) {
            set.append(", ").append(PromptlyTable.OUTBOX_DUE_AT).append(" = :due");
            values.put(":due", s(PromptlyTable.sortable(outcome.notBefore())));
        } else {
            remove.append(", ").append(PromptlyTable.OUTBOX_DUE_SHARD).append(", ").append(PromptlyTable.OUTBOX_DUE_AT);
        }
        try {
            client.updateItem(r -> r.tableName(tableName).key(key(outcome.shop(), outcome.id()))
                    .updateExpression(set.toString() + remove)
                    .conditionExpression("#status = :pending")
                    .expressionAttributeNames(names)
                    .expressionAttributeValues(values));
            return true;
        } catch (ConditionalCheckFailedException finished) {
            return false;
        }
    }

    private static void optional(StringBuilder set, StringBuilder remove, Map<String, AttributeValue> values, String name, String value) {
        if (value == null) {
            remove.append(", ").append(name);
        } else {
            set.append(", ").append(name).append(" = :").append(name);
            values.put(":" + name, s(value));
        }
    }

    /** Up to {@code limit} records due at {@code now}, oldest first, through the sparse index (no Scan). */
    @Override
    public List<DueKey> due(Instant now, int limit) {
        List<DueKey> keys = new ArrayList<>();
        for (var item : DueIndex.due(client, tableName, PromptlyTable.OUTBOX_DUE, PromptlyTable.OUTBOX_DUE_SHARD, PromptlyTable.OUTBOX_DUE_AT,
                OutboxItems.DUE_SHARD, now, limit)) {
            keys.add(new DueKey(new ShopDomain(item.get(PromptlyTable.PK).s()),
                    item.get(PromptlyTable.SK).s().substring(OutboxItems.SK_PREFIX.length())));
        }
        return keys;
    }

    /** A shop's outbox, oldest first (ids start with the creation time). */
    public List<OutboxMessage> list(ShopDomain shop) {
        List<OutboxMessage> messages = new ArrayList<>();
        ShopPartition.forEachWithPrefix(client, tableName, shop, OutboxItems.SK_PREFIX, item -> messages.add(OutboxItems.fromItem(item)));
        return messages;
    }

    private static Map<String, AttributeValue> key(ShopDomain shop, String outboxId) {
        return Map.of(PromptlyTable.PK, s(shop.value()), PromptlyTable.SK, s(OutboxItems.SK_PREFIX + outboxId));
    }
}
