package dev.promptly.aws.dynamodb;

import dev.promptly.app.port.WhatsAppOptOuts;
import dev.promptly.core.ShopDomain;
import java.time.Instant;
import java.util.Objects;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import software.amazon.awssdk.enhanced.dynamodb.Key;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** {@link WhatsAppOptOuts} as {@link WhatsAppOptOutItem}s: one strongly consistent GetItem to check, one PutItem to change. */
public final class DynamoWhatsAppOptOutStore implements WhatsAppOptOuts {
    private final DynamoDbTable<WhatsAppOptOutItem> items;

    public DynamoWhatsAppOptOutStore(DynamoDbClient client, String tableName) {
        Objects.requireNonNull(client, "client");
        this.items = DynamoDbEnhancedClient.builder().dynamoDbClient(client).build().table(tableName, DeferredSchema.of(() -> WhatsAppOptOutItem.SCHEMA));
    }

    @Override
    public boolean optedOut(ShopDomain shop, String digits) {
        WhatsAppOptOutItem item = items.getItem(r -> r.key(key(shop, digits)).consistentRead(true));
        return item != null && item.optedOut();
    }

    @Override
    public void record(ShopDomain shop, String digits, boolean optedOut, Instant at) {
        items.putItem(new WhatsAppOptOutItem(shop.value(), sk(digits), optedOut, at.toString()));
    }

    private static Key key(ShopDomain shop, String digits) {
        return Key.builder().partitionValue(shop.value()).sortValue(sk(digits)).build();
    }

    private static String sk(String digits) {
        return WhatsAppOptOutItem.sk(digits);
    }
}
