package dev.promptly.aws.dynamodb;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.promptly.app.port.OrderStore;
import dev.promptly.core.ShopDomain;
import dev.promptly.core.json.JsonTrees;
import dev.promptly.core.shopify.Order;
import dev.promptly.core.shopify.OrderDocument;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import software.amazon.awssdk.enhanced.dynamodb.Expression;
import software.amazon.awssdk.enhanced.dynamodb.Key;
import software.amazon.awssdk.enhanced.dynamodb.model.PutItemEnhancedRequest;
import software.amazon.awssdk.enhanced.dynamodb.model.QueryConditional;
import software.amazon.awssdk.enhanced.dynamodb.model.QueryEnhancedRequest;
import software.amazon.awssdk.enhanced.dynamodb.model.TransactPutItemEnhancedRequest;
import software.amazon.awssdk.enhanced.dynamodb.model.TransactWriteItemsEnhancedRequest;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * The {@link OrderStore} in {@link PromptlyTable}. Every change to an order is one conditional write: a
 * transaction of the webhook receipt ({@code attribute_not_exists}) and the order (expected version), so a
 * redelivered webhook and a concurrent writer are both detected and nothing is half-applied. Thread-safe.
 */
public final class DynamoOrderStore implements OrderStore {
    /** Shopify retries a failed delivery for up to about 48 hours; keep receipts well beyond that. */
    static final Duration RECEIPT_TTL = Duration.ofDays(7);

    private final DynamoDbEnhancedClient enhanced;
    private final DynamoDbTable<OrderItem> orders;
    private final DynamoDbTable<WebhookReceiptItem> receipts;
    private final DynamoDbTable<KeyItem> keys;

    public DynamoOrderStore(DynamoDbClient client, String tableName) {
        Objects.requireNonNull(client, "client");
        Objects.requireNonNull(tableName, "tableName");
        this.enhanced = DynamoDbEnhancedClient.builder().dynamoDbClient(client).build();
        this.orders = enhanced.table(tableName, DeferredSchema.of(() -> OrderItem.SCHEMA));
        this.receipts = enhanced.table(tableName, DeferredSchema.of(() -> WebhookReceiptItem.SCHEMA));
        this.keys = enhanced.table(tableName, DeferredSchema.of(() -> KeyItem.SCHEMA));
    }

    /** Whether a receipt with this dedupe key is stored (strongly consistent, so a retry right after sees it). */
    @Override
    public boolean receiptExists(ShopDomain shop, String webhookId) {
        return receipts.getItem(r -> r.key(key(shop.value(), WebhookReceiptItem.SK_PREFIX + webhookId)).consistentRead(true)) != null;
    }

    /** Reads an order with a strongly consistent read, so the version is current. */
    @Override
    public Optional<StoredOrder> load(ShopDomain shop, String orderId) {
        OrderItem item = orders.getItem(r -> r.key(key(shop.value(), OrderItem.SK_PREFIX + orderId)).consistentRead(true));
        return Optional.ofNullable(item).map(DynamoOrderStore::toStored);
    }

    /**
     * Records {@code receipt} and, when {@code next} is present, replaces the order read at
     * {@code readVersion} (empty: the order did not exist) — in one round trip. {@code delayCheckAt} is
     * when the delay scan should next look at the order (null: never, it leaves the {@code DelayDue} index).
     */
    @Override
    public WriteResult write(ShopDomain shop, Receipt receipt, Optional<Order> next, Optional<Long> readVersion,
                             int retentionDays, Instant delayCheckAt) {
        WebhookReceiptItem receiptItem = receiptItem(shop, receipt);
        Expression receiptIsNew = Expression.builder().expression("attribute_not_exists(" + PromptlyTable.PK + ")").build();
        if (next.isEmpty()) {
            try {
                receipts.putItem(PutItemEnhancedRequest.builder(WebhookReceiptItem.class)
                        .item(receiptItem).conditionExpression(receiptIsNew).build());
                return WriteResult.WRITTEN;
            } catch (ConditionalCheckFailedException seen) {
                return WriteResult.DUPLICATE_WEBHOOK;
            }
        }
        OrderItem orderItem = orderItem(next.get(), readVersion.map(v -> v + 1).orElse(1L), receipt.receivedAt(), retentionDays,
                delayCheckAt);
        try {
            enhanced.transactWriteItems(TransactWriteItemsEnhancedRequest.builder()
                    .addPutItem(receipts, TransactPutItemEnhancedRequest.builder(WebhookReceiptItem.class)
                            .item(receiptItem).conditionExpression(receiptIsNew).build())
                    .addPutItem(orders, TransactPutItemEnhancedRequest.builder(OrderItem.class)
                            .item(orderItem).conditionExpression(versionIs(readVersion)).build())
                    .build());
            return WriteResult.WRITTEN;
        } catch (TransactionCanceledException e) {
            List<CancellationReason> reasons = e.cancellationReasons();
            if (!reasons.isEmpty() && "ConditionalCheckFailed".equals(reasons.get(0).code())) {
                return WriteResult.DUPLICATE_WEBHOOK;
            }
            return WriteResult.CONFLICT;
        }
    }

    /** Replaces an order read at {@code readVersion}; false when another writer changed it meanwhile. */
    @Override
    public boolean replace(Order next, long readVersion, Instant now, int retentionDays, Instant delayCheckAt) {
        try {
            orders.putItem(PutItemEnhancedRequest.builder(OrderItem.class)
                    .item(orderItem(next, readVersion + 1, now, retentionDays, delayCheckAt))
                    .conditionExpression(versionIs(Optional.of(readVersion))).build());
            return true;
        } catch (ConditionalCheckFailedException changed) {
            return false;
        }
    }

    /** All of a shop's orders, read by partition query (for the local dashboard; no request path lists orders). */
    public List<StoredOrder> list(ShopDomain shop) {
        List<StoredOrder> found = new ArrayList<>();
        ShopPartition.forEachWithPrefix(orders, shop, OrderItem.SK_PREFIX, item -> found.add(toStored(item)));
        return found;
    }

    /** A shop's orders placed with this e-mail address or phone number, newest first, through the indexes. */
    @Override
    public List<StoredOrder> findByContact(ShopDomain shop, String email, String phone) {
        Map<String, StoredOrder> found = new LinkedHashMap<>();
        queryIndex(PromptlyTable.ORDERS_BY_EMAIL, ContactKeys.email(shop, email), found);
        queryIndex(PromptlyTable.ORDERS_BY_PHONE, ContactKeys.phone(shop, phone), found);
        return new ArrayList<>(found.values());
    }

    /**
     * Whether the shop has an order placed with this e-mail address (or, when no address is given, this
     * phone number): one {@code Query} of one item on the contact index, however many orders there are.
     */
    @Override
    public boolean hasOrderFrom(ShopDomain shop, String email, String phone) {
        String index = email != null ? PromptlyTable.ORDERS_BY_EMAIL : PromptlyTable.ORDERS_BY_PHONE;
        String keyValue = email != null ? ContactKeys.email(shop, email) : ContactKeys.phone(shop, phone);
        if (keyValue == null) {
            return false;
        }
        var firstPage = orders.index(index)
                .query(r -> r.queryConditional(QueryConditional.keyEqualTo(Key.builder().partitionValue(keyValue).build())).limit(1))
                .iterator().next();
        return !firstPage.items().isEmpty();
    }

    /**
     * The shop's orders named {@code name} (e.g. {@code #1001}) through the keys-only name index, each then
     * read by key. Shopify names are unique per shop, so this is at most one order in practice.
     */
    @Override
    public List<StoredOrder> findByName(ShopDomain shop, String name) {
        String keyValue = ContactKeys.orderName(shop, name);
        List<StoredOrder> found = new ArrayList<>();
        if (keyValue == null) {
            return found;
        }
        orders.index(PromptlyTable.ORDERS_BY_NAME)
                .query(r -> r.queryConditional(QueryConditional.keyEqualTo(Key.builder().partitionValue(keyValue).build())))
                .forEach(page -> page.items().forEach(item -> {
                    if (item.sk().startsWith(OrderItem.SK_PREFIX)) {
                        load(shop, item.sk().substring(OrderItem.SK_PREFIX.length())).ifPresent(found::add);
                    }
                }));
        return found;
    }

    private void queryIndex(String index, String keyValue, Map<String, StoredOrder> found) {
        if (keyValue == null) {
            return;
        }
        orders.index(index)
                .query(r -> r.queryConditional(QueryConditional.keyEqualTo(Key.builder().partitionValue(keyValue).build()))
                        .scanIndexForward(false))
                .forEach(page -> page.items().forEach(item -> found.putIfAbsent(item.sk(), toStored(item))));
    }

    /**
     * Deletes every item of {@code shop} (its whole partition) while {@code timeLeft} says so.
     *
     * @return true when nothing of the shop remains
     */
    @Override
    public boolean deleteShop(ShopDomain shop, BooleanSupplier timeLeft) {
        // Keys only, 100 a page, each page deleted before the next is read, so a run out of time stops between pages.
        var pages = keys.query(QueryEnhancedRequest.builder()
                .queryConditional(QueryConditional.keyEqualTo(Key.builder().partitionValue(shop.value()).build()))
                .attributesToProject(PromptlyTable.PK, PromptlyTable.SK)
                .limit(100)
                .consistentRead(true)
                .build()).iterator();
        // hasNext reads nothing (it looks at the last page's LastEvaluatedKey); next() reads the page.
        while (true) {
            if (!pages.hasNext()) {
                return true;
            }
            if (!timeLeft.getAsBoolean()) {
                return false;
            }
            List<Key> page = new ArrayList<>();
            pages.next().items().forEach(item -> page.add(key(item.pk(), item.sk())));
            ShopPartition.deleteAll(enhanced, keys, page);
        }
    }

    private static Expression versionIs(Optional<Long> readVersion) {
        return readVersion
                .map(v -> Expression.builder().expression("version = :expected")
                        .putExpressionValue(":expected", AttributeValue.fromN(Long.toString(v))).build())
                .orElseGet(() -> Expression.builder().expression("attribute_not_exists(" + PromptlyTable.PK + ")").build());
    }

    private static WebhookReceiptItem receiptItem(ShopDomain shop, Receipt receipt) {
        return new WebhookReceiptItem(shop.value(), WebhookReceiptItem.SK_PREFIX + receipt.webhookId(), receipt.topic(),
                receipt.outcome(), receipt.receivedAt().toString(), receipt.receivedAt().plus(RECEIPT_TTL).getEpochSecond());
    }

    /** One shard: orders due for a delay check at one moment are few; the scan pages through them by time. */
    static final String DELAY_DUE_SHARD = "DELAY";

    private static OrderItem orderItem(Order order, long version, Instant now, int retentionDays, Instant delayCheckAt) {
        // Index keys only where there is a value, so the indexes stay sparse and a redaction removes them.
        boolean placed = order.createdAt() != null;
        String doc;
        try {
            doc = JsonTrees.writeString(OrderDocument.toJson(order));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("an order document is always serialisable", e);
        }
        Instant lastChange = order.updatedAt() != null && order.updatedAt().isAfter(now) ? order.updatedAt() : now;
        return new OrderItem(order.shop().value(), OrderItem.SK_PREFIX + order.orderId(), version,
                order.updatedAt() == null ? null : order.updatedAt().toString(),
                placed ? order.createdAt().toString() : null,
                placed ? ContactKeys.email(order.shop(), order.customer().email()) : null,
                placed ? ContactKeys.phone(order.shop(), order.customer().phone()) : null,
                ContactKeys.orderName(order.shop(), order.name()),
                delayCheckAt == null ? null : DELAY_DUE_SHARD,
                delayCheckAt == null ? null : PromptlyTable.sortable(delayCheckAt),
                doc, lastChange.plus(Duration.ofDays(retentionDays)).getEpochSecond());
    }

    private static StoredOrder toStored(OrderItem item) {
        try {
            return new StoredOrder(OrderDocument.fromJson(JsonTrees.read(item.doc())), item.version());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored order " + item.sk() + " has an unreadable document", e);
        }
    }

    private static Key key(String pk, String sk) {
        return Key.builder().partitionValue(pk).sortValue(sk).build();
    }
}
