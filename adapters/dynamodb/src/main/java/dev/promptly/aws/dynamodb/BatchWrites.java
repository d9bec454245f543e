package dev.promptly.aws.dynamodb;

import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.BiFunction;
import java.util.function.IntFunction;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import software.amazon.awssdk.enhanced.dynamodb.MappedTableResource;
import software.amazon.awssdk.enhanced.dynamodb.model.BatchWriteItemEnhancedRequest;
import software.amazon.awssdk.enhanced.dynamodb.model.BatchWriteResult;
import software.amazon.awssdk.enhanced.dynamodb.model.WriteBatch;

/**
 * Writes (puts or deletes) in BatchWriteItem requests of at most {@link #MAX_PER_REQUEST}, sending again what DynamoDB
 * returns unprocessed after a growing pause (25, 50, 100… ms, at most a second), as
 * <a href="https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_BatchWriteItem.html">BatchWriteItem</a>
 * asks: unprocessed writes mean the table is throttling.
 */
final class BatchWrites {
    /** DynamoDB's most writes in one BatchWriteItem. */
    static final int MAX_PER_REQUEST = 25;

    private BatchWrites() {
    }

    /**
     * Sends {@code writes} to {@code table}, {@code add} putting one into a batch and {@code unprocessed} reading back what
     * DynamoDB left, at most {@code maxRequests} requests per batch of 25.
     *
     * @param exhausted the exception for a batch that still has this many writes unprocessed after the last request
     * @param doing     what an interruption interrupted, for its message ("deleting")
     */
    static <T, W> void write(DynamoDbEnhancedClient enhanced, DynamoDbTable<T> table, Class<T> type, List<W> writes,
                             BiConsumer<WriteBatch.Builder<T>, W> add, BiFunction<BatchWriteResult, MappedTableResource<T>, List<W>> unprocessed,
                             int maxRequests, IntFunction<RuntimeException> exhausted, String doing) {
        for (int from = 0; from < writes.size(); from += MAX_PER_REQUEST) {
            List<W> pending = writes.subList(from, Math.min(writes.size(), from + MAX_PER_REQUEST));
            for (int attempt = 0; !pending.isEmpty(); attempt++) {
                if (attempt >= maxRequests) {
                    throw exhausted.apply(pending.size());
                }
                backOff(attempt, doing);
                WriteBatch.Builder<T> batch = WriteBatch.builder(type).mappedTableResource(table);
                for (W write : pending) {
                    add.accept(batch, write);
                }
                BatchWriteResult result = enhanced.batchWriteItem(BatchWriteItemEnhancedRequest.builder().addWriteBatch(batch.build()).build());
                pending = unprocessed.apply(result, table);
            }
        }
    }

    private static void backOff(int attempt, String doing) {
        if (attempt == 0) {
            return;
        }
        try {
            Thread.sleep(Math.min(1000L, 25L << attempt));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while " + doing, e);
        }
    }
}
