package dev.promptly.aws.dynamodb;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbIndex;
import software.amazon.awssdk.enhanced.dynamodb.Key;
import software.amazon.awssdk.enhanced.dynamodb.model.Page;
import software.amazon.awssdk.enhanced.dynamodb.model.QueryConditional;
import software.amazon.awssdk.enhanced.dynamodb.model.QueryEnhancedRequest;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** A sparse due index read the one way schedules read it: one shard, due time {@code <= now}, oldest first, paged, never a Scan. */
final class DueIndex {
    private DueIndex() {
    }

    /** The entries (as projected) of up to {@code limit} items due by {@code now}. */
    static List<DueKeyItem> due(DynamoDbIndex<DueKeyItem> index, String shard, Instant now, int limit) {
        List<DueKeyItem> keys = new ArrayList<>();
        Map<String, AttributeValue> start = null;
        do {
            Page<DueKeyItem> page = page(index, shard, now, limit - keys.size(), start);
            keys.addAll(page.items());
            start = page.lastEvaluatedKey() == null || page.lastEvaluatedKey().isEmpty() ? null : page.lastEvaluatedKey();
        } while (start != null && keys.size() < limit);
        return keys;
    }

    /**
     * One page, one {@code Query} of at most {@code limit} entries, from {@code start} (null: the beginning). The
     * start key is the enhanced client's own cursor type ({@link Page#lastEvaluatedKey()}), hence a raw map.
     */
    static Page<DueKeyItem> page(DynamoDbIndex<DueKeyItem> index, String shard, Instant now, int limit, Map<String, AttributeValue> start) {
        return index.query(QueryEnhancedRequest.builder()
                .queryConditional(QueryConditional.sortLessThanOrEqualTo(
                        Key.builder().partitionValue(shard).sortValue(PromptlyTable.sortable(now)).build()))
                .limit(limit)
                .exclusiveStartKey(start)
                .build()).iterator().next();
    }
}
