package dev.promptly.aws.dynamodb;

import dev.promptly.core.ShopDomain;
import java.util.Map;
import java.util.function.Consumer;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/** Reads one kind of item of a shop: a Query on its partition by sort-key prefix, page by page (never a Scan). */
final class ShopPartition {
    private ShopPartition() {
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
}
