package dev.promptly.aws.dynamodb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.promptly.dynamodblocal.EmbeddedDynamoDb;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** A store's due index costs a cold start nothing until the store first queries it, or SnapStart primes it. */
class DeferredIndexTest {
    private static final String TABLE = "promptly-deferred-index-test";
    private static final EmbeddedDynamoDb DYNAMO = EmbeddedDynamoDb.inMemory(List.of(PromptlyTable.createTableRequest(TABLE)));

    private final AtomicInteger built = new AtomicInteger();
    private final DeferredIndex<DueKeyItem> due = DeferredIndex.of(DynamoDbEnhancedClient.builder().dynamoDbClient(DYNAMO.newClient()).build()
            .table(TABLE, DeferredSchema.of(() -> {
                built.incrementAndGet();
                return DueKeyItem.SLA_DUE;
            })), PromptlyTable.SLA_DUE);

    @Test
    void theIndexIsMadeWhenFirstQueriedAndFindsWhatIsDue() {
        // given an item due an hour ago and one due tomorrow on the SLA due index, and the index not made yet
        Instant now = Instant.parse("2026-11-20T10:00:00Z");
        put("deferred-index.myshopify.com", "CONV#1", now.minusSeconds(3600));
        put("deferred-index.myshopify.com", "CONV#2", now.plusSeconds(86_400));
        assertFalse(due.made());
        assertEquals(0, built.get());

        // when it is queried for what is due now
        List<DueKeyItem> found = DueIndex.due(due.index(), "deferred-index-shard", now, 10);

        // then only the overdue item is found, and the index and its schema were made once
        assertEquals(List.of(new DueKeyItem("deferred-index.myshopify.com", "CONV#1", "deferred-index-shard",
                PromptlyTable.sortable(now.minusSeconds(3600)))), found);
        assertTrue(due.made());
        DueIndex.due(due.index(), "deferred-index-shard", now, 10);
        assertEquals(1, built.get());
    }

    @Test
    void snapStartPrimingMakesTheIndexBeforeTheSnapshot() {
        due.beforeCheckpoint(null);

        assertTrue(due.made());
        assertEquals(1, built.get());
    }

    private static void put(String pk, String sk, Instant dueAt) {
        DYNAMO.newClient().putItem(r -> r.tableName(TABLE).item(Map.of(PromptlyTable.PK, AttributeValue.fromS(pk), PromptlyTable.SK, AttributeValue.fromS(sk),
                PromptlyTable.SLA_DUE_SHARD, AttributeValue.fromS("deferred-index-shard"),
                PromptlyTable.SLA_DUE_AT, AttributeValue.fromS(PromptlyTable.sortable(dueAt)))));
    }
}
