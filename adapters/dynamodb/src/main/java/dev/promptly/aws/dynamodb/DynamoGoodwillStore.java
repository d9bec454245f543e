package dev.promptly.aws.dynamodb;

import dev.promptly.app.port.GoodwillStore;
import dev.promptly.core.ShopDomain;
import dev.promptly.core.delay.DelayStage;
import dev.promptly.core.outbox.OutboxMessage;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import software.amazon.awssdk.enhanced.dynamodb.Key;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.Update;

/**
 * The {@link GoodwillStore} in {@link PromptlyTable}: one {@code GOODWILL#<order>#<stage>} item per code and
 * one {@code GOODWILLBUDGET#<yyyy-MM>} counter per shop and month.
 *
 * <p>A reservation is one transaction of the code's put (only if the order has none for the stage) and an
 * atomic {@code ADD} to the month's counter whose condition is the budget itself ({@code codes < max} and
 * {@code value <= max - this code's value}): DynamoDB checks and applies it in one step, so concurrent scans
 * can never together pass the budget (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/transaction-apis.html).
 * A failed code gives its budget back with a negative {@code ADD} in the same transaction that marks it failed.
 * These requests are raw: the enhanced client's atomic counters add only a constant, not each code's value;
 * the items are still written and read through their record schemas.
 */
public final class DynamoGoodwillStore implements GoodwillStore {
    static final String CODE = "GOODWILL#";
    static final String BUDGET = "GOODWILLBUDGET#";
    /** Counters are kept about 13 months: the current month's and last year's same month stay readable. */
    static final long BUDGET_SECONDS = 400L * 24 * 3600;

    private final DynamoDbClient client;
    private final String tableName;
    private final DynamoDbTable<GoodwillCodeItem> codes;
    private final DynamoDbTable<GoodwillBudgetItem> budgets;

    public DynamoGoodwillStore(DynamoDbClient client, String tableName) {
        this.client = Objects.requireNonNull(client, "client");
        this.tableName = Objects.requireNonNull(tableName, "tableName");
        DynamoDbEnhancedClient enhanced = DynamoDbEnhancedClient.builder().dynamoDbClient(client).build();
        this.codes = enhanced.table(tableName, DeferredSchema.of(() -> GoodwillCodeItem.SCHEMA));
        this.budgets = enhanced.table(tableName, DeferredSchema.of(() -> GoodwillBudgetItem.SCHEMA));
    }

    @Override
    public Optional<GoodwillCode> find(ShopDomain shop, String orderId, DelayStage stage) {
        GoodwillCodeItem item = codes.getItem(r -> r.key(key(shop, codeKey(orderId, stage))).consistentRead(true));
        return Optional.ofNullable(item).map(i -> code(shop, orderId, stage, i));
    }

    @Override
    public Reservation reserve(GoodwillCode code, Budget budget, long expiresAt) {
        BigDecimal room = budget.maxValue().subtract(code.budgetValue());
        if (room.signum() < 0 || budget.maxCodes() < 1) {
            return Reservation.OVER_BUDGET;
        }
        Update count = Update.builder().tableName(tableName).key(keyMap(code.shop(), BUDGET + code.month()))
                .updateExpression("ADD #codes :one, #value :value SET #ttl = if_not_exists(#ttl, :ttl)")
                .conditionExpression("attribute_not_exists(#pk) OR (#codes < :maxCodes AND #value <= :room)")
                .expressionAttributeNames(Map.of("#pk", PromptlyTable.PK, "#codes", "codes", "#value", "value", "#ttl", PromptlyTable.TTL))
                .expressionAttributeValues(Map.of(":one", n(1), ":value", n(code.budgetValue()), ":maxCodes", n(budget.maxCodes()),
                        ":room", n(room), ":ttl", n(code.reservedAt().getEpochSecond() + BUDGET_SECONDS)))
                .build();
        Put put = Put.builder().tableName(tableName).item(GoodwillCodeItem.SCHEMA.itemToMap(item(code, expiresAt), true))
                .conditionExpression("attribute_not_exists(#pk)").expressionAttributeNames(Map.of("#pk", PromptlyTable.PK)).build();
        try {
            client.transactWriteItems(r -> r.transactItems(TransactWriteItem.builder().update(count).build(),
                    TransactWriteItem.builder().put(put).build()));
            return Reservation.RESERVED;
        } catch (TransactionCanceledException e) {
            List<CancellationReason> reasons = e.cancellationReasons();
            if (failed(reasons, 1)) {
                return Reservation.EXISTS;
            }
            if (failed(reasons, 0)) {
                return Reservation.OVER_BUDGET;
            }
            throw e;
        }
    }

    @Override
    public boolean claim(GoodwillCode code, Instant now, Instant leaseUntil) {
        try {
            client.updateItem(r -> r.tableName(tableName).key(keyMap(code.shop(), codeKey(code.orderId(), code.stage())))
                    .updateExpression("SET leaseUntil = :until, updatedAt = :now")
                    .conditionExpression("#state = :reserved AND leaseUntil < :now")
                    .expressionAttributeNames(Map.of("#state", "state"))
                    .expressionAttributeValues(Map.of(":until", s(PromptlyTable.sortable(leaseUntil)), ":now", s(PromptlyTable.sortable(now)),
                            ":reserved", s(State.RESERVED.wire()))));
            return true;
        } catch (ConditionalCheckFailedException taken) {
            return false;
        }
    }

    @Override
    public void created(GoodwillCode code, String discountId, Instant at) {
        try {
            client.updateItem(r -> r.tableName(tableName).key(keyMap(code.shop(), codeKey(code.orderId(), code.stage())))
                    // Without a discount id when Shopify answered TAKEN for a code an earlier, unanswered call created.
                    .updateExpression("SET #state = :created, discountId = :id, updatedAt = :at")
                    .conditionExpression("#state = :reserved")
                    .expressionAttributeNames(Map.of("#state", "state"))
                    .expressionAttributeValues(Map.of(":created", s(State.CREATED.wire()), ":id", s(discountId == null ? "" : discountId),
                            ":at", s(at.toString()), ":reserved", s(State.RESERVED.wire()))));
        } catch (ConditionalCheckFailedException alreadyMoved) {
            // Another scan that took over the lease decided it first; its state stands.
        }
    }

    @Override
    public boolean noteFailure(GoodwillCode code, String reason, OutboxMessage note, long expiresAt) {
        Update mark = Update.builder().tableName(tableName).key(keyMap(code.shop(), codeKey(code.orderId(), code.stage())))
                .updateExpression("SET teamNotedAt = :at, lastError = :reason")
                .conditionExpression("attribute_exists(#pk) AND attribute_not_exists(teamNotedAt)")
                .expressionAttributeNames(Map.of("#pk", PromptlyTable.PK))
                .expressionAttributeValues(Map.of(":at", s(note.createdAt().toString()), ":reason", s(reason))).build();
        Put put = Put.builder().tableName(tableName).item(OutboxItem.SCHEMA.itemToMap(OutboxItems.item(note, expiresAt), true))
                .conditionExpression("attribute_not_exists(#pk)").expressionAttributeNames(Map.of("#pk", PromptlyTable.PK)).build();
        try {
            client.transactWriteItems(r -> r.transactItems(TransactWriteItem.builder().update(mark).build(),
                    TransactWriteItem.builder().put(put).build()));
            return true;
        } catch (TransactionCanceledException alreadyTold) {
            if (failed(alreadyTold.cancellationReasons(), 0) || failed(alreadyTold.cancellationReasons(), 1)) {
                return false;
            }
            throw alreadyTold;
        }
    }

    @Override
    public void failed(GoodwillCode code, Instant at) {
        Update mark = Update.builder().tableName(tableName).key(keyMap(code.shop(), codeKey(code.orderId(), code.stage())))
                .updateExpression("SET #state = :failed, updatedAt = :at")
                .conditionExpression("#state = :reserved")
                .expressionAttributeNames(Map.of("#state", "state"))
                .expressionAttributeValues(Map.of(":failed", s(State.FAILED.wire()), ":at", s(at.toString()),
                        ":reserved", s(State.RESERVED.wire()))).build();
        Update giveBack = Update.builder().tableName(tableName).key(keyMap(code.shop(), BUDGET + code.month()))
                .updateExpression("ADD #codes :minusOne, #value :minusValue")
                .conditionExpression("attribute_exists(#pk)")
                .expressionAttributeNames(Map.of("#pk", PromptlyTable.PK, "#codes", "codes", "#value", "value"))
                .expressionAttributeValues(Map.of(":minusOne", n(-1), ":minusValue", n(code.budgetValue().negate()))).build();
        try {
            client.transactWriteItems(r -> r.transactItems(TransactWriteItem.builder().update(mark).build(),
                    TransactWriteItem.builder().update(giveBack).build()));
        } catch (TransactionCanceledException alreadyMoved) {
            if (!failed(alreadyMoved.cancellationReasons(), 0)) {
                throw alreadyMoved;
            }
            // No longer reserved: another scan decided it, and gave back (or used) its budget itself.
        }
    }

    @Override
    public BudgetUse used(ShopDomain shop, String month) {
        GoodwillBudgetItem item = budgets.getItem(r -> r.key(key(shop, BUDGET + month)).consistentRead(true));
        return item == null ? new BudgetUse(shop, month, 0, BigDecimal.ZERO)
                : new BudgetUse(shop, month, item.codes() == null ? 0 : item.codes(), item.value() == null ? BigDecimal.ZERO : item.value());
    }

    static String codeKey(String orderId, DelayStage stage) {
        return CODE + orderId + "#" + stage.wire();
    }

    private static GoodwillCodeItem item(GoodwillCode c, long expiresAt) {
        return new GoodwillCodeItem(c.shop().value(), codeKey(c.orderId(), c.stage()), c.code(), c.state().wire(), plain(c.percentage()),
                plain(c.amount()), c.currency(), plain(c.minimum()), c.budgetValue().toPlainString(), c.month(), c.reservedAt().toString(),
                c.leaseUntil() == null ? null : PromptlyTable.sortable(c.leaseUntil()), c.endsAt().toString(), c.discountId(), null, null, c.reservedAt().toString(), expiresAt);
    }

    private static GoodwillCode code(ShopDomain shop, String orderId, DelayStage stage, GoodwillCodeItem i) {
        return new GoodwillCode(shop, orderId, stage, i.code(), decimal(i.percentage()), decimal(i.amount()), i.currency(), decimal(i.minimum()),
                new BigDecimal(i.budgetValue()), i.month(), State.valueOf(i.state().toUpperCase(java.util.Locale.ROOT)),
                Instant.parse(i.reservedAt()), i.leaseUntil() == null ? null : Instant.parse(i.leaseUntil()), Instant.parse(i.endsAt()),
                i.discountId(), i.teamNotedAt() != null);
    }

    private static boolean failed(List<CancellationReason> reasons, int index) {
        return reasons.size() > index && "ConditionalCheckFailed".equals(reasons.get(index).code());
    }

    private static String plain(BigDecimal value) {
        return value == null ? null : value.toPlainString();
    }

    private static BigDecimal decimal(String value) {
        return value == null ? null : new BigDecimal(value);
    }

    private static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }

    private static AttributeValue n(Number value) {
        return AttributeValue.fromN(value instanceof BigDecimal d ? d.toPlainString() : value.toString());
    }

    private static Map<String, AttributeValue> keyMap(ShopDomain shop, String sk) {
        Map<String, AttributeValue> key = new HashMap<>();
        key.put(PromptlyTable.PK, s(shop.value()));
        key.put(PromptlyTable.SK, s(sk));
        return key;
    }

    private static Key key(ShopDomain shop, String sk) {
        return Key.builder().partitionValue(shop.value()).sortValue(sk).build();
    }
}
