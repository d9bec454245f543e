package dev.promptly.aws.dynamodb;

import dev.promptly.app.port.AdminLookupCache;
import dev.promptly.core.ShopDomain;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import software.amazon.awssdk.enhanced.dynamodb.Key;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** The {@link AdminLookupCache} in {@link PromptlyTable}: one {@link AdminLookupItem} per remembered lookup. Thread-safe. */
public final class DynamoAdminLookupCache implements AdminLookupCache {
    private final DynamoDbTable<AdminLookupItem> items;

    public DynamoAdminLookupCache(DynamoDbClient client, String tableName) {
        Objects.requireNonNull(client, "client");
        this.items = DynamoDbEnhancedClient.builder().dynamoDbClient(client).build().table(tableName, DeferredSchema.of(() -> AdminLookupItem.SCHEMA));
    }

    @Override
    public Optional<Outcome> recent(ShopDomain shop, String key, Instant now) {
        AdminLookupItem item = items.getItem(Key.builder().partitionValue(shop.value()).sortValue(AdminLookupItem.SK_PREFIX + key).build());
        if (item == null || item.expiresAt() == null || item.expiresAt() <= now.getEpochSecond()) {
            return Optional.empty();
        }
        return Optional.of(Outcome.valueOf(item.outcome()));
    }

    @Override
    public void remember(ShopDomain shop, String key, Outcome outcome, Instant now, Instant expiresAt) {
        items.putItem(new AdminLookupItem(shop.value(), AdminLookupItem.SK_PREFIX + key, outcome.name(), now.toString(),
                expiresAt.getEpochSecond()));
    }
}
