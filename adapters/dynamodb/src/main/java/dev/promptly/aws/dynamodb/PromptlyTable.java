package dev.promptly.aws.dynamodb;

import java.util.List;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/**
 * The single table all of a deployment's state lives in, keyed {@code pk} = shop domain and
 * {@code sk} = entity prefix and id ({@code ORDER#…}, {@code WEBHOOK#…}, {@code EXPORT#…}, {@code CONV#…},
 * {@code MSG#…}, {@code MSGID#…}, {@code ACK#…}, {@code OUTBOX#…}, {@code BUDGET#…}). The reasons
 * for this layout are in {@code docs/architecture.md}. This definition is the one source for the tests,
 * the local runner and the check that {@code template.yaml} declares the same keys, indexes and TTL.
 */
public final class PromptlyTable {
    public static final String PK = "pk";
    public static final String SK = "sk";
    /** Epoch seconds after which DynamoDB's TTL deletes the item. */
    public static final String TTL = "expiresAt";

    public static final String ORDERS_BY_EMAIL = "OrdersByEmail";
    public static final String ORDERS_BY_PHONE = "OrdersByPhone";
    public static final String ORDERS_BY_NAME = "OrdersByName";
    /** Sparse: an item is in it only while a delay check is due (the delay scan, issue "Proactive delay notices"). */
    public static final String DELAY_DUE = "DelayDue";
    /** Sparse: an item is in it only while an SLA checkpoint is due (the SLA monitor). */
    public static final String SLA_DUE = "SlaDue";
    /** Sparse: an outbox message is in it only while it waits to be sent (the outbox sender's sweep). */
    public static final String OUTBOX_DUE = "OutboxDue";
    /**
     * Sparse: only conversation items carry its keys (shop, fixed-width opening time), so the KPI rollup finds a
     * day's conversations with one Query of a time range instead of reading the shop's partition.
     */
    public static final String CONVERSATIONS_BY_OPENING = "ConversationsByOpening";

    public static final String ORDER_EMAIL_KEY = "orderEmailKey";
    public static final String ORDER_PHONE_KEY = "orderPhoneKey";
    public static final String ORDER_NAME_KEY = "orderNameKey";
    public static final String CREATED_AT = "createdAt";
    public static final String DELAY_DUE_SHARD = "delayDueShard";
    public static final String DELAY_DUE_AT = "delayDueAt";
    public static final String SLA_DUE_SHARD = "slaDueShard";
    public static final String SLA_DUE_AT = "slaDueAt";
    public static final String OUTBOX_DUE_SHARD = "outboxDueShard";
    public static final String OUTBOX_DUE_AT = "outboxDueAt";
    public static final String OPENING_SHOP = "openingShop";
    public static final String OPENING_AT = "openingAt";

    /** The environment variable that names the table in a deployed function. */
    public static final String TABLE_NAME_ENV = "TABLE_NAME";

    private PromptlyTable() {
    }

    /** The index name and its key attributes (hash, then range or null), with the projection used. */
    public record Index(String name, String hashKey, String rangeKey, ProjectionType projection) {
    }

    public static final List<Index> INDEXES = List.of(
            new Index(ORDERS_BY_EMAIL, ORDER_EMAIL_KEY, CREATED_AT, ProjectionType.ALL),
            new Index(ORDERS_BY_PHONE, ORDER_PHONE_KEY, CREATED_AT, ProjectionType.ALL),
            new Index(ORDERS_BY_NAME, ORDER_NAME_KEY, null, ProjectionType.KEYS_ONLY),
            new Index(DELAY_DUE, DELAY_DUE_SHARD, DELAY_DUE_AT, ProjectionType.KEYS_ONLY),
            new Index(SLA_DUE, SLA_DUE_SHARD, SLA_DUE_AT, ProjectionType.KEYS_ONLY),
            new Index(OUTBOX_DUE, OUTBOX_DUE_SHARD, OUTBOX_DUE_AT, ProjectionType.KEYS_ONLY),
            new Index(CONVERSATIONS_BY_OPENING, OPENING_SHOP, OPENING_AT, ProjectionType.KEYS_ONLY));

    /** Every attribute used in a key, all strings. */
    public static final List<String> KEY_ATTRIBUTES = List.of(PK, SK, ORDER_EMAIL_KEY, ORDER_PHONE_KEY, ORDER_NAME_KEY,
            CREATED_AT, DELAY_DUE_SHARD, DELAY_DUE_AT, SLA_DUE_SHARD, SLA_DUE_AT, OUTBOX_DUE_SHARD, OUTBOX_DUE_AT, OPENING_SHOP, OPENING_AT);

    /** The table as {@code template.yaml} declares it (on-demand capacity). TTL is enabled separately. */
    public static CreateTableRequest createTableRequest(String tableName) {
        return CreateTableRequest.builder()
                .tableName(tableName)
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(KEY_ATTRIBUTES.stream()
                        .map(a -> AttributeDefinition.builder().attributeName(a).attributeType(ScalarAttributeType.S).build())
                        .toList())
                .keySchema(key(PK, KeyType.HASH), key(SK, KeyType.RANGE))
                .globalSecondaryIndexes(INDEXES.stream().map(PromptlyTable::gsi).toList())
                .build();
    }

    private static GlobalSecondaryIndex gsi(Index index) {
        var keys = index.rangeKey() == null
                ? List.of(key(index.hashKey(), KeyType.HASH))
                : List.of(key(index.hashKey(), KeyType.HASH), key(index.rangeKey(), KeyType.RANGE));
        return GlobalSecondaryIndex.builder()
                .indexName(index.name())
                .keySchema(keys)
                .projection(Projection.builder().projectionType(index.projection()).build())
                .build();
    }

    private static KeySchemaElement key(String name, KeyType type) {
        return KeySchemaElement.builder().attributeName(name).keyType(type).build();
    }

    /**
     * An instant as fixed-width text ({@code 2026-11-27T16:59:00.000000000Z}), so that comparing strings
     * — the due indexes' sort keys and the outbox lease condition — orders instants correctly;
     * {@link java.time.Instant#toString()} drops zero fractions and would sort 16:59:00Z after 16:59:00.450Z.
     */
    public static String sortable(java.time.Instant instant) {
        return SORTABLE.format(instant);
    }

    private static final java.time.format.DateTimeFormatter SORTABLE =
            java.time.format.DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSSSSS'Z'").withZone(java.time.ZoneOffset.UTC);
}
