package dev.promptly.aws.dynamodb;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import org.crac.Context;
import org.crac.Core;
import org.crac.Resource;
import software.amazon.awssdk.enhanced.dynamodb.AttributeConverter;
import software.amazon.awssdk.enhanced.dynamodb.EnhancedType;
import software.amazon.awssdk.enhanced.dynamodb.TableMetadata;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * An item type's schema, built when a store first reads or writes that type. An item's
 * {@code static final SCHEMA} is built by its class's static initialiser (the enhanced client's mappers and
 * converters, one lambda per attribute: 10-30 ms each at a cold start), and a store serves many types of
 * which one invocation uses a few: the SLA monitor's idle run reads only the due index. The enhanced client
 * keeps the schema a table handle is made with and asks it nothing until an operation, so a handle over
 * this one costs nothing until used. SnapStart builds it before the snapshot, as when the store built every
 * schema at once: each registers itself with CRaC, so Lambda calls {@link #beforeCheckpoint} besides the
 * handler's own hook (without a CRaC runtime, locally and in tests, the registration does nothing).
 * Thread-safe.
 */
final class DeferredSchema<T> implements TableSchema<T>, Resource {
    private final Supplier<TableSchema<T>> source;
    private volatile TableSchema<T> schema;

    private DeferredSchema(Supplier<TableSchema<T>> source) {
        this.source = Objects.requireNonNull(source, "source");
    }

    /**
     * @param source the item class's {@code SCHEMA}, read when the schema is first needed (that initialises the class).
     *     CRaC holds resources weakly: the table handle holding this schema keeps it registered as long as it lives.
     */
    static <T> DeferredSchema<T> of(Supplier<TableSchema<T>> source) {
        var deferred = new DeferredSchema<>(source);
        Core.getGlobalContext().register(deferred);
        return deferred;
    }

    TableSchema<T> schema() {
        TableSchema<T> built = schema;
        if (built == null) {
            synchronized (this) {
                built = schema;
                if (built == null) {
                    built = Objects.requireNonNull(source.get(), "schema");
                    schema = built;
                }
            }
        }
        return built;
    }

    boolean built() {
        return schema != null;
    }

    /** SnapStart priming: the snapshot holds the schema built. */
    @Override
    public void beforeCheckpoint(Context<? extends Resource> context) {
        schema();
    }

    @Override
    public void afterRestore(Context<? extends Resource> context) {
    }

    @Override
    public T mapToItem(Map<String, AttributeValue> attributeMap) {
        return schema().mapToItem(attributeMap);
    }

    @Override
    public T mapToItem(Map<String, AttributeValue> attributeMap, boolean preserveEmptyObject) {
        return schema().mapToItem(attributeMap, preserveEmptyObject);
    }

    @Override
    public Map<String, AttributeValue> itemToMap(T item, boolean ignoreNulls) {
        return schema().itemToMap(item, ignoreNulls);
    }

    @Override
    public Map<String, AttributeValue> itemToMap(T item, Collection<String> attributes) {
        return schema().itemToMap(item, attributes);
    }

    @Override
    public AttributeValue attributeValue(T item, String attributeName) {
        return schema().attributeValue(item, attributeName);
    }

    @Override
    public TableMetadata tableMetadata() {
        return schema().tableMetadata();
    }

    @Override
    public EnhancedType<T> itemType() {
        return schema().itemType();
    }

    @Override
    public List<String> attributeNames() {
        return schema().attributeNames();
    }

    @Override
    public boolean isAbstract() {
        return schema().isAbstract();
    }

    @Override
    public AttributeConverter<T> converterForAttribute(Object key) {
        return schema().converterForAttribute(key);
    }
}
