package dev.promptly.aws.dynamodb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.promptly.dynamodblocal.EmbeddedDynamoDb;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import software.amazon.awssdk.enhanced.dynamodb.Key;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** A store's item types cost a cold start nothing until the store reads or writes them, or SnapStart primes them. */
class DeferredSchemaTest {
    private static final String TABLE = "promptly-deferred-schema-test";
    private static final EmbeddedDynamoDb DYNAMO = EmbeddedDynamoDb.inMemory(List.of(PromptlyTable.createTableRequest(TABLE)));

    private final AtomicInteger built = new AtomicInteger();
    private final DeferredSchema<MarkerItem> schema = DeferredSchema.of(() -> {
        built.incrementAndGet();
        return MarkerItem.SCHEMA;
    });

    @Test
    void aTableHandleOverTheSchemaBuildsItWhenAnItemIsFirstWrittenAndReadsAndWritesAsTheSchemaItself() {
        // given a table handle over the deferred schema: nothing built yet
        DynamoDbTable<MarkerItem> markers = DynamoDbEnhancedClient.builder().dynamoDbClient(DYNAMO.newClient()).build().table(TABLE, schema);
        assertFalse(schema.built());

        // when an item is written and read back through it
        markers.putItem(new MarkerItem("deferred.myshopify.com", "ALERT#1", 1_766_000_000L));
        MarkerItem read = markers.getItem(Key.builder().partitionValue("deferred.myshopify.com").sortValue("ALERT#1").build());

        // then the item is stored as the schema maps it, and the schema was built once
        assertEquals(new MarkerItem("deferred.myshopify.com", "ALERT#1", 1_766_000_000L), read);
        assertEquals(java.util.Map.of("pk", AttributeValue.fromS("deferred.myshopify.com"), "sk", AttributeValue.fromS("ALERT#1"),
                "expiresAt", AttributeValue.fromN("1766000000")), DYNAMO.newClient().getItem(r -> r.tableName(TABLE).key(java.util.Map.of(
                "pk", AttributeValue.fromS("deferred.myshopify.com"), "sk", AttributeValue.fromS("ALERT#1")))).item());
        assertTrue(schema.built());
        assertEquals(1, built.get());
    }

    @Test
    void snapStartPrimingBuildsTheSchemaBeforeTheSnapshot() {
        schema.beforeCheckpoint(null);

        assertTrue(schema.built());
        assertEquals(1, built.get());
    }
}
