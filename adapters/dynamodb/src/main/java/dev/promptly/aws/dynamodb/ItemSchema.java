package dev.promptly.aws.dynamodb;

import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.primaryPartitionKey;
import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.primarySortKey;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import software.amazon.awssdk.enhanced.dynamodb.AttributeConverter;
import software.amazon.awssdk.enhanced.dynamodb.EnhancedType;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;
import software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTag;
import software.amazon.awssdk.enhanced.dynamodb.mapper.StaticImmutableTableSchema;

/**
 * Declares the {@link StaticImmutableTableSchema} of an item record: each attribute by name, stored type and
 * record accessor; the record is built from the values read, by name. One generic builder ({@link Values})
 * instead of a builder class per record: records have none, and the schema needs one to map items to
 * immutable values. Schemas are built once, into {@code static final} fields (no reflection, no per-call cost).
 *
 * @param <T> the item record
 */
final class ItemSchema<T> {
    private final StaticImmutableTableSchema.Builder<T, Values> builder;

    private ItemSchema(Class<T> type, Function<Values, T> constructor) {
        this.builder = StaticImmutableTableSchema.builder(type, Values.class).newItemBuilder(Values::new, constructor);
    }

    /** A schema for {@code type}, whose records {@code constructor} builds from the attribute values read. */
    static <T> ItemSchema<T> of(Class<T> type, Function<Values, T> constructor) {
        return new ItemSchema<>(type, constructor);
    }

    /** A schema for an item of the table: its key attributes {@code pk} and {@code sk} declared, the rest to add. */
    static <T extends TableItem> ItemSchema<T> keyed(Class<T> type, Function<Values, T> constructor) {
        return new ItemSchema<>(type, constructor)
                .add(String.class, PromptlyTable.PK, TableItem::pk, primaryPartitionKey())
                .add(String.class, PromptlyTable.SK, TableItem::sk, primarySortKey());
    }

    <A> ItemSchema<T> add(Class<A> attributeType, String name, Function<T, A> getter, StaticAttributeTag... tags) {
        return add(EnhancedType.of(attributeType), name, getter, tags);
    }

    <A> ItemSchema<T> add(EnhancedType<A> attributeType, String name, Function<T, A> getter, StaticAttributeTag... tags) {
        builder.addAttribute(attributeType, a -> a.name(name).getter(getter).setter((values, value) -> values.put(name, value)).tags(tags));
        return this;
    }

    /** An attribute stored through {@code converter}, where the SDK's default converter would change the stored form. */
    <A> ItemSchema<T> add(EnhancedType<A> attributeType, String name, Function<T, A> getter, AttributeConverter<A> converter) {
        builder.addAttribute(attributeType, a -> a.name(name).getter(getter).setter((values, value) -> values.put(name, value))
                .attributeConverter(converter));
        return this;
    }

    TableSchema<T> build() {
        return builder.build();
    }

    /** The attribute values of one item as read, by attribute name; absent attributes are null. Not thread-safe (one per item). */
    static final class Values {
        private final Map<String, Object> values = new HashMap<>();

        private void put(String name, Object value) {
            values.put(Objects.requireNonNull(name), value);
        }

        /** The value of attribute {@code name} as its declared type (null when the item has none). */
        @SuppressWarnings("unchecked")
        <A> A get(String name) {
            return (A) values.get(name);
        }
    }
}
