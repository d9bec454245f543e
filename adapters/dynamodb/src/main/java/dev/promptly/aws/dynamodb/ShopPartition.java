package dev.promptly.aws.dynamodb;

import dev.promptly.core.ShopDomain;
import java.util.List;
import java.util.function.Consumer;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import software.amazon.awssdk.enhanced.dynamodb.Key;
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
        BatchWrites.write(enhanced, table, KeyItem.class, keys, WriteBatch.Builder::addDeleteItem, BatchWriteResult::unprocessedDeleteItemsForTable,
                9, left -> new IllegalStateException("DynamoDB kept throttling the deletion; it will be retried"), "deleting");
    }
}
