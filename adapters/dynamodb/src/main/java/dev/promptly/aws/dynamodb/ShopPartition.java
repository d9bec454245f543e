package dev.promptly.aws.dynamodb;

import dev.promptly.core.ShopDomain;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import software.amazon.awssdk.enhanced.dynamodb.Key;
import software.amazon.awssdk.enhanced.dynamodb.model.QueryConditional;
import software.amazon.awssdk.enhanced.dynamodb.model.QueryEnhancedRequest;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.DeleteRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

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

    static void forEachWithPrefix(DynamoDbClient client, String tableName, ShopDomain shop, String prefix,
                                  Consumer<Map<String, AttributeValue>> each) {
        Map<String, AttributeValue> start = null;
        do {
            QueryResponse page = client.query(QueryRequest.builder()
                    .tableName(tableName)
                    .keyConditionExpression("#pk = :shop AND begins_with(#sk, :prefix)")
                    .expressionAttributeNames(Map.of("#pk", PromptlyTable.PK, "#sk", PromptlyTable.SK))
                    .expressionAttributeValues(Map.of(":shop", AttributeValue.fromS(shop.value()), ":prefix", AttributeValue.fromS(prefix)))
                    .exclusiveStartKey(start)
                    .build());
            page.items().forEach(each);
            start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (start != null);
    }

    /** Deletes {@code keys} in batches of 25, retrying what DynamoDB leaves unprocessed with back-off. */
    static void deleteAll(DynamoDbClient client, String tableName, List<Map<String, AttributeValue>> keys) {
        for (int from = 0; from < keys.size(); from += 25) {
            List<WriteRequest> batch = new ArrayList<>();
            for (Map<String, AttributeValue> key : keys.subList(from, Math.min(keys.size(), from + 25))) {
                batch.add(WriteRequest.builder().deleteRequest(DeleteRequest.builder().key(key).build()).build());
            }
            Map<String, List<WriteRequest>> pending = Map.of(tableName, batch);
            for (int attempt = 0; !pending.isEmpty(); attempt++) {
                if (attempt > 8) {
                    throw new IllegalStateException("DynamoDB kept throttling the deletion; it will be retried");
                }
                backOff(attempt);
                BatchWriteItemResponse response = client.batchWriteItem(
                        BatchWriteItemRequest.builder().requestItems(pending).build());
                pending = response.hasUnprocessedItems() ? response.unprocessedItems() : Map.of();
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
