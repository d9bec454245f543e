package dev.promptly.aws.dynamodb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.promptly.app.port.DelayStore;
import dev.promptly.core.ShopDomain;
import dev.promptly.dynamodblocal.EmbeddedDynamoDb;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** The delay store against DynamoDB Local, in a table of its own: its due index is shared by every shop. */
class DynamoDelayStoreTest {
    private static final String TABLE = "promptly-delay-store-test";
    private static final EmbeddedDynamoDb DYNAMO = EmbeddedDynamoDb.inMemory(List.of(PromptlyTable.createTableRequest(TABLE)));

    private final DynamoDbClient client = DYNAMO.newClient();
    private final DynamoDelayStore store = new DynamoDelayStore(client, TABLE);
    private final ShopDomain shop = new ShopDomain("delay-store.myshopify.com");
    private final Instant now = Instant.parse("2026-11-25T10:00:00Z");

    @Test
    void dueOrdersContinueOnTheNextPageFromTheCursorOfThePreviousOne() {
        dueAt("1001", now.minus(Duration.ofMinutes(3)));
        dueAt("1002", now.minus(Duration.ofMinutes(2)));
        dueAt("1003", now.minus(Duration.ofMinutes(1)));
        dueAt("1004", now.plus(Duration.ofHours(1)));

        DelayStore.DuePage first = store.due(now, 2, null);
        DelayStore.DuePage second = store.due(now, 2, first.next());

        assertEquals(List.of("1001", "1002"), first.orders().stream().map(DelayStore.DueOrder::orderId).toList());
        assertNotNull(first.next(), "a full page continues");
        assertEquals(List.of("1003"), second.orders().stream().map(DelayStore.DueOrder::orderId).toList());
        assertNull(second.next(), "the order due in an hour is not read, so the read ends here");
    }

    /** An order item in the {@code DelayDue} index as the order store writes it, without the document the index never reads. */
    private void dueAt(String orderId, Instant dueAt) {
        client.putItem(r -> r.tableName(TABLE).item(Map.of(
                PromptlyTable.PK, AttributeValue.fromS(shop.value()),
                PromptlyTable.SK, AttributeValue.fromS(OrderItem.SK_PREFIX + orderId),
                PromptlyTable.DELAY_DUE_SHARD, AttributeValue.fromS(DynamoOrderStore.DELAY_DUE_SHARD),
                PromptlyTable.DELAY_DUE_AT, AttributeValue.fromS(PromptlyTable.sortable(dueAt)))));
    }
}
