package dev.promptly.aws.dynamodb;

import dev.promptly.app.port.KpiDigestStore;
import dev.promptly.core.ShopDomain;
import dev.promptly.core.outbox.OutboxMessage;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import software.amazon.awssdk.enhanced.dynamodb.Key;
import software.amazon.awssdk.enhanced.dynamodb.model.TransactWriteItemsEnhancedRequest;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * {@link KpiDigestStore} as a {@link MarkerItem} {@code KPIDIGEST#<Monday of the reported week>} Put with
 * {@code attribute_not_exists} in one TransactWriteItems with the digest's outbox records: of two runs racing on
 * the same week, one writes everything and the other nothing.
 */
public final class DynamoKpiDigestStore implements KpiDigestStore {
    static final String SK_PREFIX = "KPIDIGEST#";

    private final DynamoDbEnhancedClient enhanced;
    private final DynamoDbTable<MarkerItem> markers;
    private final DynamoDbTable<OutboxItem> outbox;

    public DynamoKpiDigestStore(DynamoDbClient client, String tableName) {
        Objects.requireNonNull(tableName, "tableName");
        this.enhanced = DynamoDbEnhancedClient.builder().dynamoDbClient(Objects.requireNonNull(client, "client")).build();
        this.markers = enhanced.table(tableName, DeferredSchema.of(() -> MarkerItem.SCHEMA));
        this.outbox = enhanced.table(tableName, DeferredSchema.of(() -> OutboxItem.SCHEMA));
    }

    @Override
    public boolean digestRecorded(ShopDomain shop, LocalDate week) {
        Key key = Key.builder().partitionValue(shop.value()).sortValue(SK_PREFIX + week).build();
        return markers.getItem(r -> r.key(key).consistentRead(true)) != null;
    }

    @Override
    public boolean recordDigest(ShopDomain shop, LocalDate week, List<OutboxMessage> messages, long expiresAt) {
        var writes = TransactWriteItemsEnhancedRequest.builder()
                .addPutItem(markers, Conditions.putIf(MarkerItem.class, new MarkerItem(shop.value(), SK_PREFIX + week, expiresAt), Conditions.IS_NEW));
        messages.forEach(m -> writes.addPutItem(outbox, Conditions.putIf(OutboxItem.class, OutboxItems.item(m, expiresAt), Conditions.IS_NEW)));
        try {
            enhanced.transactWriteItems(writes.build());
            return true;
        } catch (TransactionCanceledException alreadyRecorded) {
            return false;
        }
    }
}
