package dev.promptly.aws.dynamodb;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/** A sparse due index read the one way schedules read it: one shard, due time {@code <= now}, oldest first, paged, never a Scan. */
final class DueIndex {
    private DueIndex() {
    }

    /** The keys (as projected) of up to {@code limit} items due by {@code now}. */
    static List<Map<String, AttributeValue>> due(DynamoDbClient client, String tableName, String index, String shardAttribute,
                                                 String dueAttribute, String shard, Instant now, int limit) {
        List<Map<String, AttributeValue>> keys = new ArrayList<>();
        Map<String, AttributeValue> start = null;
        do {
            QueryResponse page = client.query(QueryRequest.builder()
                    .tableName(tableName)
                    .indexName(index)
                    .keyConditionExpression("#shard = :shard AND #due <= :now")
                    .expressionAttributeNames(Map.of("#shard", shardAttribute, "#due", dueAttribute))
                    .expressionAttributeValues(Map.of(":shard", AttributeValue.fromS(shard), ":now", AttributeValue.fromS(PromptlyTable.sortable(now))))
                    .limit(limit - keys.size())
                    .exclusiveStartKey(start)
                    .build());
            keys.addAll(page.items());
            start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (start != null && keys.size() < limit);
        return keys;
    }
}
