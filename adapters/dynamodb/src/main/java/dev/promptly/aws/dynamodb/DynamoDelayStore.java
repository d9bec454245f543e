package dev.promptly.aws.dynamodb;

import static dev.promptly.aws.dynamodb.OutboxItems.s;

import dev.promptly.app.port.DelayStore;
import dev.promptly.core.ShopDomain;
import dev.promptly.core.outbox.OutboxMessage;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.Update;

/**
 * The {@link DelayStore} in {@link PromptlyTable}: the sparse {@code DelayDue} index of orders whose next
 * check has come, one {@code DELAY#<key>} marker per notice ever decided (the business identity of {@link
 * dev.promptly.core.delay.Delay#key()}), the circuit breaker's alert marker and its release.
 *
 * <p>A decision is one transaction: its markers (conditional on not existing, so overlapping or retried
 * runs decide once), its outbox record, and the order's next check time (conditional on the order's
 * version, so a webhook that changed the order in between wins and the order is assessed again).
 */
public final class DynamoDelayStore implements DelayStore {
    static final String NOTICE = "DELAY#";
    private static final String BREAKER_RELEASE = "DELAYBREAKER#RELEASE";
    private static final String BREAKER_ALERT = "ALERT#DELAYBREAKER#";

    private final DynamoDbClient client;
    private final String tableName;

    public DynamoDelayStore(DynamoDbClient client, String tableName) {
        this.client = Objects.requireNonNull(client, "client");
        this.tableName = Objects.requireNonNull(tableName, "tableName");
    }

    /** The index's {@code LastEvaluatedKey}, handed back to continue the query. */
    private record StartKey(Map<String, AttributeValue> key) implements Cursor {
    }

    /** Orders due at or before {@code now}, at most {@code limit}, from {@code start} (null: the beginning). */
    @Override
    public DuePage due(Instant now, int limit, Cursor start) {
        QueryResponse page = client.query(QueryRequest.builder()
                .tableName(tableName)
                .indexName(PromptlyTable.DELAY_DUE)
                .keyConditionExpression("#shard = :shard AND #due <= :now")
                .expressionAttributeNames(Map.of("#shard", PromptlyTable.DELAY_DUE_SHARD, "#due", PromptlyTable.DELAY_DUE_AT))
                .expressionAttributeValues(Map.of(":shard", s(DynamoOrderStore.DELAY_DUE_SHARD), ":now", s(PromptlyTable.sortable(now))))
                .limit(limit)
                .exclusiveStartKey(start == null ? null : ((StartKey) start).key())
                .build());
        List<DueOrder> orders = new ArrayList<>();
        for (var item : page.items()) {
            orders.add(new DueOrder(new ShopDomain(item.get(PromptlyTable.PK).s()),
                    item.get(PromptlyTable.SK).s().substring(OrderItem.SK_PREFIX.length()),
                    Instant.parse(item.get(PromptlyTable.DELAY_DUE_AT).s())));
        }
        return new DuePage(orders, page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty()
                ? new StartKey(page.lastEvaluatedKey()) : null);
    }

    /** One notice decision as stored: its key, when, and what was done ({@code notice}, {@code note}, ...). */
    public record DecidedNotice(String key, Instant decidedAt, String outcome) {
    }

    /** The notices decided for {@code orderId} so far: key to the instant of the decision. */
    @Override
    public Map<String, Instant> decided(ShopDomain shop, String orderId) {
        Map<String, Instant> decided = new HashMap<>();
        decisions(shop, orderId).forEach(d -> decided.put(d.key(), d.decidedAt()));
        return decided;
    }

    /** The notice decisions for {@code orderId}, in key order. */
    public List<DecidedNotice> decisions(ShopDomain shop, String orderId) {
        List<DecidedNotice> decisions = new ArrayList<>();
        ShopPartition.forEachWithPrefix(client, tableName, shop, NOTICE + orderId + "#", item ->
                decisions.add(new DecidedNotice(item.get(PromptlyTable.SK).s().substring(NOTICE.length()),
                        Instant.parse(item.get("decidedAt").s()), item.get("outcome").s())));
        return decisions;
    }

    /** The order's next delay check, empty when it is not in the {@code DelayDue} index. */
    public Optional<Instant> nextCheck(ShopDomain shop, String orderId) {
        var item = client.getItem(r -> r.tableName(tableName).key(ConversationItems.key(shop, OrderItem.SK_PREFIX + orderId))
                .projectionExpression("#due").expressionAttributeNames(Map.of("#due", PromptlyTable.DELAY_DUE_AT))).item();
        return item == null || !item.containsKey(PromptlyTable.DELAY_DUE_AT) ? Optional.empty()
                : Optional.of(Instant.parse(item.get(PromptlyTable.DELAY_DUE_AT).s()));
    }

    /** Writes {@code decision} in one transaction; see the class comment. */
    @Override
    public Outcome record(Decision decision) {
        List<TransactWriteItem> writes = new ArrayList<>();
        for (String key : decision.keys()) {
            Map<String, AttributeValue> item = new HashMap<>(ConversationItems.key(decision.shop(), NOTICE + key));
            item.put("decidedAt", s(decision.decidedAt().toString()));
            item.put("outcome", s(decision.outcome()));
            decision.outbox().ifPresent(m -> item.put("outboxId", s(m.id())));
            item.put(PromptlyTable.TTL, AttributeValue.fromN(Long.toString(decision.expiresAt())));
            writes.add(putIfAbsent(item));
        }
        decision.outbox().ifPresent(m -> writes.add(putIfAbsent(OutboxItems.toItem(m, decision.expiresAt()))));
        writes.add(TransactWriteItem.builder().update(nextCheck(decision.shop(), decision.orderId(), decision.readVersion(),
                decision.nextCheckAt())).build());
        try {
            client.transactWriteItems(r -> r.transactItems(writes));
            return Outcome.WRITTEN;
        } catch (TransactionCanceledException e) {
            List<CancellationReason> reasons = e.cancellationReasons();
            int orderUpdate = writes.size() - 1;
            if (reasons.size() > orderUpdate && "ConditionalCheckFailed".equals(reasons.get(orderUpdate).code())) {
                return Outcome.ORDER_CHANGED;
            }
            if (reasons.stream().anyMatch(r -> "ConditionalCheckFailed".equals(r.code()))) {
                return Outcome.ALREADY_DECIDED;
            }
            throw e;
        }
    }

    /**
     * Moves the order's next check (null: out of the index) if it is still at {@code readVersion}; false
     * when a webhook changed it meanwhile, which set its own next check.
     */
    @Override
    public boolean moveCheck(ShopDomain shop, String orderId, long readVersion, Instant nextCheckAt) {
        try {
            client.updateItem(r -> {
                Update u = nextCheck(shop, orderId, readVersion, nextCheckAt);
                r.tableName(u.tableName()).key(u.key()).updateExpression(u.updateExpression())
                        .conditionExpression(u.conditionExpression()).expressionAttributeNames(u.expressionAttributeNames())
                        .expressionAttributeValues(u.expressionAttributeValues());
            });
            return true;
        } catch (ConditionalCheckFailedException changed) {
            return false;
        }
    }

    /**
     * Records that the team was told today that the circuit breaker held {@code shop}'s notices, with the
     * alert itself; false when it was already told today.
     */
    @Override
    public boolean recordBreakerAlert(ShopDomain shop, String day, OutboxMessage alert, long expiresAt) {
        Map<String, AttributeValue> marker = new HashMap<>(ConversationItems.key(shop, BREAKER_ALERT + day));
        marker.put(PromptlyTable.TTL, AttributeValue.fromN(Long.toString(expiresAt)));
        try {
            client.transactWriteItems(r -> r.transactItems(putIfAbsent(marker), putIfAbsent(OutboxItems.toItem(alert, expiresAt))));
            return true;
        } catch (TransactionCanceledException alreadyTold) {
            return false;
        }
    }

    /** Lets the next scan send {@code shop}'s held notices although they trip the circuit breaker (a person checked them). */
    public void releaseBreaker(ShopDomain shop, Instant at, long expiresAt) {
        Map<String, AttributeValue> item = new HashMap<>(ConversationItems.key(shop, BREAKER_RELEASE));
        item.put("releasedAt", s(at.toString()));
        item.put(PromptlyTable.TTL, AttributeValue.fromN(Long.toString(expiresAt)));
        client.putItem(r -> r.tableName(tableName).item(item));
    }

    /** Whether a release is pending for {@code shop}; it is used up by the run that finds it. */
    @Override
    public boolean takeBreakerRelease(ShopDomain shop) {
        try {
            client.deleteItem(r -> r.tableName(tableName).key(ConversationItems.key(shop, BREAKER_RELEASE))
                    .conditionExpression("attribute_exists(" + PromptlyTable.PK + ")"));
            return true;
        } catch (ConditionalCheckFailedException none) {
            return false;
        }
    }

    private Update nextCheck(ShopDomain shop, String orderId, long readVersion, Instant nextCheckAt) {
        Map<String, String> names = new HashMap<>(Map.of("#shard", PromptlyTable.DELAY_DUE_SHARD, "#due", PromptlyTable.DELAY_DUE_AT,
                "#version", "version"));
        Map<String, AttributeValue> values = new HashMap<>(Map.of(":v", AttributeValue.fromN(Long.toString(readVersion))));
        String update;
        if (nextCheckAt == null) {
            update = "REMOVE #shard, #due";
        } else {
            update = "SET #shard = :shard, #due = :due";
            values.put(":shard", s(DynamoOrderStore.DELAY_DUE_SHARD));
            values.put(":due", s(PromptlyTable.sortable(nextCheckAt)));
        }
        return Update.builder().tableName(tableName)
                .key(ConversationItems.key(shop, OrderItem.SK_PREFIX + orderId))
                .updateExpression(update)
                .conditionExpression("#version = :v")
                .expressionAttributeNames(names)
                .expressionAttributeValues(values)
                .build();
    }

    private TransactWriteItem putIfAbsent(Map<String, AttributeValue> item) {
        return TransactWriteItem.builder().put(Put.builder().tableName(tableName).item(item)
                .conditionExpression("attribute_not_exists(" + PromptlyTable.PK + ")").build()).build();
    }
}
