package dev.promptly.aws.dynamodb;

import dev.promptly.app.port.BackfillStore;
import dev.promptly.core.ShopDomain;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import software.amazon.awssdk.enhanced.dynamodb.Key;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** The {@link BackfillStore} in {@link PromptlyTable}: one {@link BackfillItem} per shop, read strongly consistent. Thread-safe. */
public final class DynamoBackfillStore implements BackfillStore {
    private final DynamoDbTable<BackfillItem> items;

    public DynamoBackfillStore(DynamoDbClient client, String tableName) {
        Objects.requireNonNull(client, "client");
        this.items = DynamoDbEnhancedClient.builder().dynamoDbClient(client).build().table(tableName, DeferredSchema.of(() -> BackfillItem.SCHEMA));
    }

    @Override
    public Optional<BackfillState> load(ShopDomain shop) {
        BackfillItem item = items.getItem(r -> r.key(Key.builder().partitionValue(shop.value()).sortValue(BackfillItem.SK).build())
                .consistentRead(true));
        if (item == null) {
            return Optional.empty();
        }
        return Optional.of(new BackfillState(shop, item.days(), Instant.parse(item.since()), item.cursor(), item.orders(), item.pages(),
                Instant.parse(item.startedAt()), Instant.parse(item.updatedAt()), Boolean.TRUE.equals(item.complete())));
    }

    @Override
    public void save(BackfillState state, long expiresAt) {
        items.putItem(new BackfillItem(state.shop().value(), BackfillItem.SK, state.days(), state.since().toString(), state.cursor(),
                state.orders(), state.pages(), state.startedAt().toString(), state.updatedAt().toString(), state.complete(), expiresAt));
    }
}
