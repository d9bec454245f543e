package dev.promptly.aws.dynamodb;

import dev.promptly.core.ShopDomain;
import java.util.List;
import java.util.function.Consumer;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import software.amazon.awssdk.enhanced.dynamodb.Key;
import software.amazon.awssdk.enhanced.dynamodb.model.BatchWriteItemEnhancedRequest;
import software.amazon.awssdk.enhanced.dynamodb.model.BatchWriteResult;
import software.amazon.awssdk.enhanced.dynamodb.model.QueryConditional;
import software.amazon.awssdk.enhanced.dynamodb.model.QueryEnhancedRequest;
import software.amazon.awssdk.enhanced.dynamodb.model.WriteBatch;

/** A shop's partition: read one kind of item by sort-key prefix, page by page (never a Scan), or delete items in batches. */
final class ShopPartition {
    private ShopPartition() {
    }

    /** Each item of {@code shop} whose sort key starts with {@code prefix}, read as {@code table}'s record, in key order. */
    static <T> void forEachWithPrefix(DynamoDbTable<T> table, ShopDomain shop, String prefix, Consumer<T> each) {
        table.query(QueryEnhancedRequest.builder()
                        .queryConditional(QueryConditional.sortBeginsWith(Key.builder().partitionValue(shop.value()).sortValue(prefix).build()))
                        .build())
                .items().forEach(each);
    }

    /** Deletes the items of {@code keys} in batches of 25, retrying what DynamoDB leaves unprocessed with back-off. */
    static void deleteAll(DynamoDbEnhancedClient enhanced, DynamoDbTable<KeyItem> table, List<Key> keys) {
        for (int from = 0; from < keys.size(); from += 25) {
            List<Key> pending = keys.subList(from, Math.min(keys.size(), from + 25));
            for (int attempt = 0; !pending.isEmpty(); attempt++) {
                if (attempt > 8) {
                    throw new IllegalStateException("DynamoDB kept throttling the deletion; it will be retried");
                }
                backOff(attempt);
                var batch = WriteBatch.builder(KeyItem.class).mappedTableResource(table);
                pending.forEach(batch::addDeleteItem);
                BatchWriteResult result = enhanced.batchWriteItem(BatchWriteItemEnhancedRequest.builder().addWriteBatch(batch.build()).build());
                pending = result.unprocessedDeleteItemsForTable(table);
            }
        }
    }

    private static void backOff(int attempt) {
        if (attempt == 0) {
            return;
        }
        try {
            Thread.sleep(Math.min(1000L, 25L << attempt));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while deleting", e);
        }
    }
}
