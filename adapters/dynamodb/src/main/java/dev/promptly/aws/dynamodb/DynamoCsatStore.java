package dev.promptly.aws.dynamodb;

import dev.promptly.app.port.CsatRatings;
import dev.promptly.core.ShopDomain;
import dev.promptly.core.message.ConversationId;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import software.amazon.awssdk.enhanced.dynamodb.Key;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** Satisfaction surveys as {@link CsatItem}s, one per conversation. */
public final class DynamoCsatStore implements CsatRatings {
    private final DynamoDbTable<CsatItem> items;

    public DynamoCsatStore(DynamoDbClient client, String tableName) {
        this.items = DynamoDbEnhancedClient.builder().dynamoDbClient(Objects.requireNonNull(client, "client")).build()
                .table(tableName, CsatItem.SCHEMA);
    }

    @Override
    public Optional<CsatOutcome> outcome(ShopDomain shop, ConversationId conversation) {
        CsatItem item = items.getItem(r -> r.key(Key.builder().partitionValue(shop.value()).sortValue(CsatItem.sk(conversation)).build()));
        if (item == null || item.surveySentAt() == null) {
            return Optional.empty();
        }
        return Optional.of(new CsatOutcome(Instant.parse(item.surveySentAt()),
                item.rating() == null ? OptionalInt.empty() : OptionalInt.of(item.rating()),
                Optional.ofNullable(item.ratedAt()).map(Instant::parse), Optional.ofNullable(item.comment())));
    }
}
