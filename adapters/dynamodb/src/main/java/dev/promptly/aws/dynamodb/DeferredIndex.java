package dev.promptly.aws.dynamodb;

import java.util.Objects;
import org.crac.Context;
import org.crac.Core;
import org.crac.Resource;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbIndex;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;

/**
 * A secondary index's handle, made when a store first queries it. Unlike a table handle, the enhanced client's
 * {@code table.index(name)} asks the schema at once whether it has that index, which builds the schema (the
 * due-index key schema: about 150 of the enhanced client's mapper and converter classes). The SLA, outbox and
 * delay stores are built by functions that never query their due index (the webhook, the message intake), so
 * they make the handle here on first use. Registered with CRaC as {@link DeferredSchema} is, so SnapStart makes it
 * before the snapshot. Thread-safe.
 */
final class DeferredIndex<T> implements Resource {
    private final DynamoDbTable<T> table;
    private final String indexName;
    private volatile DynamoDbIndex<T> index;

    private DeferredIndex(DynamoDbTable<T> table, String indexName) {
        this.table = Objects.requireNonNull(table, "table");
        this.indexName = Objects.requireNonNull(indexName, "indexName");
    }

    /** {@code indexName} of {@code table}, whose schema is best a {@link DeferredSchema}. */
    static <T> DeferredIndex<T> of(DynamoDbTable<T> table, String indexName) {
        var deferred = new DeferredIndex<>(table, indexName);
        Core.getGlobalContext().register(deferred);
        return deferred;
    }

    DynamoDbIndex<T> index() {
        DynamoDbIndex<T> made = index;
        if (made == null) {
            synchronized (this) {
                made = index;
                if (made == null) {
                    made = table.index(indexName);
                    index = made;
                }
            }
        }
        return made;
    }

    boolean made() {
        return index != null;
    }

    /** SnapStart priming: the snapshot holds the handle and its schema. */
    @Override
    public void beforeCheckpoint(Context<? extends Resource> context) {
        index();
    }

    @Override
    public void afterRestore(Context<? extends Resource> context) {
    }
}
