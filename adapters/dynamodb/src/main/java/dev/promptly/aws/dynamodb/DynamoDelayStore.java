package dev.promptly.aws.dynamodb;

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
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import software.amazon.awssdk.enhanced.dynamodb.Expression;
import software.amazon.awssdk.enhanced.dynamodb.Key;
import software.amazon.awssdk.enhanced.dynamodb.model.DeleteItemEnhancedRequest;
import software.amazon.awssdk.enhanced.dynamodb.model.Page;
import software.amazon.awssdk.enhanced.dynamodb.model.TransactUpdateItemEnhancedRequest;
import software.amazon.awssdk.enhanced.dynamodb.model.TransactWriteItemsEnhancedRequest;
import software.amazon.awssdk.enhanced.dynamodb.model.UpdateItemEnhancedRequest;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

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

    private final DynamoDbEnhancedClient enhanced;
    private final DynamoDbTable<DelayNoticeItem> notices;
    private final DynamoDbTable<OutboxItem> outbox;
    private final DynamoDbTable<OrderDelayCheckItem> checks;
    private final DynamoDbTable<MarkerItem> markers;
    private final DynamoDbTable<BreakerReleaseItem> releases;
    private final DeferredIndex<DueKeyItem> dueIndex;

    public DynamoDelayStore(DynamoDbClient client, String tableName) {
        Objects.requireNonNull(client, "client");
        Objects.requireNonNull(tableName, "tableName");
        this.enhanced = DynamoDbEnhancedClient.builder().dynamoDbClient(client).build();
        this.notices = enhanced.table(tableName, DeferredSchema.of(() -> DelayNoticeItem.SCHEMA));
        this.outbox = enhanced.table(tableName, DeferredSchema.of(() -> OutboxItem.SCHEMA));
        this.checks = enhanced.table(tableName, DeferredSchema.of(() -> OrderDelayCheckItem.SCHEMA));
        this.markers = enhanced.table(tableName, DeferredSchema.of(() -> MarkerItem.SCHEMA));
        this.releases = enhanced.table(tableName, DeferredSchema.of(() -> BreakerReleaseItem.SCHEMA));
        this.dueIndex = DeferredIndex.of(enhanced.table(tableName, DeferredSchema.of(() -> DueKeyItem.DELAY_DUE)), PromptlyTable.DELAY_DUE);
    }

    /** The index's {@code LastEvaluatedKey} (the enhanced client's own cursor type, a raw map), handed back to continue the query. */
    private record StartKey(Map<String, AttributeValue> key) implements Cursor {
    }

    /** Orders due at or before {@code now}, at most {@code limit}, from {@code start} (null: the beginning). */
    @Override
    public DuePage due(Instant now, int limit, Cursor start) {
        Page<DueKeyItem> page = DueIndex.page(dueIndex.index(), DynamoOrderStore.DELAY_DUE_SHARD, now, limit,
                start == null ? null : ((StartKey) start).key());
        List<DueOrder> orders = new ArrayList<>();
        for (DueKeyItem item : page.items()) {
            orders.add(new DueOrder(new ShopDomain(item.pk()), item.sk().substring(OrderItem.SK_PREFIX.length()), Instant.parse(item.dueAt())));
        }
        return new DuePage(orders, page.lastEvaluatedKey() != null && !page.lastEvaluatedKey().isEmpty()
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
        ShopPartition.forEachWithPrefix(notices, shop, NOTICE + orderId + "#", item ->
                decisions.add(new DecidedNotice(item.sk().substring(NOTICE.length()), Instant.parse(item.decidedAt()), item.outcome())));
        return decisions;
    }

    /** The order's next delay check, empty when it is not in the {@code DelayDue} index. */
    public Optional<Instant> nextCheck(ShopDomain shop, String orderId) {
        OrderDelayCheckItem item = checks.getItem(r -> r.key(key(shop, OrderItem.SK_PREFIX + orderId)));
        return item == null || item.delayDueAt() == null ? Optional.empty() : Optional.of(Instant.parse(item.delayDueAt()));
    }

    /** Writes {@code decision} in one transaction; see the class comment. */
    @Override
    public Outcome record(Decision decision) {
        var writes = TransactWriteItemsEnhancedRequest.builder();
        int count = 0;
        for (String key : decision.keys()) {
            writes.addPutItem(notices, Conditions.putIf(DelayNoticeItem.class, new DelayNoticeItem(decision.shop().value(), NOTICE + key,
                    decision.decidedAt().toString(), decision.outcome(), decision.outbox().map(OutboxMessage::id).orElse(null),
                    decision.expiresAt()), Conditions.IS_NEW));
            count++;
        }
        if (decision.outbox().isPresent()) {
            writes.addPutItem(outbox, Conditions.putIf(OutboxItem.class, OutboxItems.item(decision.outbox().get(), decision.expiresAt()),
                    Conditions.IS_NEW));
            count++;
        }
        writes.addUpdateItem(checks, TransactUpdateItemEnhancedRequest.builder(OrderDelayCheckItem.class)
                .item(nextCheck(decision.shop(), decision.orderId(), decision.nextCheckAt())).ignoreNulls(false)
                .conditionExpression(Conditions.versionIs(decision.readVersion())).build());
        int orderUpdate = count;
        try {
            enhanced.transactWriteItems(writes.build());
            return Outcome.WRITTEN;
        } catch (TransactionCanceledException e) {
            List<CancellationReason> reasons = e.cancellationReasons();
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
            checks.updateItem(UpdateItemEnhancedRequest.builder(OrderDelayCheckItem.class)
                    .item(nextCheck(shop, orderId, nextCheckAt)).ignoreNulls(false)
                    .conditionExpression(Conditions.versionIs(readVersion)).build());
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
        try {
            enhanced.transactWriteItems(TransactWriteItemsEnhancedRequest.builder()
                    .addPutItem(markers, Conditions.putIf(MarkerItem.class, new MarkerItem(shop.value(), BREAKER_ALERT + day, expiresAt),
                            Conditions.IS_NEW))
                    .addPutItem(outbox, Conditions.putIf(OutboxItem.class, OutboxItems.item(alert, expiresAt), Conditions.IS_NEW))
                    .build());
            return true;
        } catch (TransactionCanceledException alreadyTold) {
            return false;
        }
    }

    /** Lets the next scan send {@code shop}'s held notices although they trip the circuit breaker (a person checked them). */
    public void releaseBreaker(ShopDomain shop, Instant at, long expiresAt) {
        releases.putItem(new BreakerReleaseItem(shop.value(), BREAKER_RELEASE, at.toString(), expiresAt));
    }

    /** Whether a release is pending for {@code shop}; it is used up by the run that finds it. */
    @Override
    public boolean takeBreakerRelease(ShopDomain shop) {
        try {
            releases.deleteItem(DeleteItemEnhancedRequest.builder().key(key(shop, BREAKER_RELEASE))
                    .conditionExpression(Expression.builder().expression("attribute_exists(" + PromptlyTable.PK + ")").build()).build());
            return true;
        } catch (ConditionalCheckFailedException none) {
            return false;
        }
    }

    /** The order's next check in the index, or (null) out of it. */
    private static OrderDelayCheckItem nextCheck(ShopDomain shop, String orderId, Instant nextCheckAt) {
        return new OrderDelayCheckItem(shop.value(), OrderItem.SK_PREFIX + orderId,
                nextCheckAt == null ? null : DynamoOrderStore.DELAY_DUE_SHARD, nextCheckAt == null ? null : PromptlyTable.sortable(nextCheckAt));
    }

    private static Key key(ShopDomain shop, String sk) {
        return Key.builder().partitionValue(shop.value()).sortValue(sk).build();
    }
}
