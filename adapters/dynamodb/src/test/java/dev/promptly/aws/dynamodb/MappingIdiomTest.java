package dev.promptly.aws.dynamodb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;
import software.amazon.awssdk.enhanced.dynamodb.mapper.StaticImmutableTableSchema;

/**
 * Keeps one mapping idiom in this package: every stored item is an immutable record with a static
 * {@link StaticImmutableTableSchema}, read and written through the enhanced client. Raw attribute maps and
 * raw client calls only where the enhanced client cannot express the request, each listed here with why.
 */
class MappingIdiomTest {
    private static final Path SOURCES = Path.of("src/main/java/dev/promptly/aws/dynamodb");

    /** Where raw DynamoDB requests or attribute maps stay, and why (the code says so too). */
    private static final Map<String, List<String>> EXCEPTIONS = Map.of(
            // The claim ADDs to attempts and returns the whole record in one round trip; see its comment.
            "DynamoOutboxStore.java", List.of("client.updateItem"),
            // A due page's cursor is the enhanced client's own type, Page.lastEvaluatedKey(): a raw map.
            "DynamoDelayStore.java", List.of("Map<String, AttributeValue>"),
            "DueIndex.java", List.of("Map<String, AttributeValue>"),
            // The goodwill budget is a conditional ADD of each code's own value, which the enhanced client cannot express
            // (its atomic counters add a constant); the code's state changes go with it in the same raw transactions.
            "DynamoGoodwillStore.java", List.of("Map<String, AttributeValue>", "client.updateItem", "client.transactWriteItems"),
            // A schema built on first use forwards the TableSchema methods, whose items are attribute maps.
            "DeferredSchema.java", List.of("Map<String, AttributeValue>"));

    /** Attribute values as such stay fine (a condition's values, a converter's output); whole items as maps do not. */
    private static final List<String> RAW = List.of("Map<String, AttributeValue>", "client.getItem", "client.putItem",
            "client.updateItem", "client.deleteItem", "client.query", "client.transactWriteItems", "client.batchWriteItem", "StaticTableSchema");

    @Test
    void everyItemIsARecordWithAStaticImmutableSchema() throws Exception {
        List<String> items = sourceNames().stream().filter(name -> name.endsWith("Item") && !name.equals("TableItem")).toList();

        assertFalse(items.isEmpty(), "the package has item classes");
        for (String name : items) {
            Class<?> type = Class.forName("dev.promptly.aws.dynamodb." + name);
            assertTrue(type.isRecord(), name + " is a record");
            assertTrue(TableItem.class.isAssignableFrom(type), name + " has the table's key (TableItem)");
            List<Object> schemas = new ArrayList<>();
            for (Field field : type.getDeclaredFields()) {
                if (Modifier.isStatic(field.getModifiers()) && Modifier.isFinal(field.getModifiers())
                        && TableSchema.class.isAssignableFrom(field.getType())) {
                    field.setAccessible(true);
                    schemas.add(field.get(null));
                }
            }
            assertFalse(schemas.isEmpty(), name + " declares its schema as a static final field");
            for (Object schema : schemas) {
                assertTrue(schema instanceof StaticImmutableTableSchema<?, ?> s && s.itemType().rawClass() == type,
                        name + "'s schema is a StaticImmutableTableSchema of " + name);
            }
        }
    }

    @Test
    void rawRequestsAndAttributeMapsAreLeftOnlyWhereListed() throws IOException {
        List<String> found = new ArrayList<>();

        for (String name : sourceNames()) {
            String source = Files.readString(SOURCES.resolve(name + ".java"));
            for (String raw : RAW) {
                if (source.contains(raw) && !EXCEPTIONS.getOrDefault(name + ".java", List.of()).contains(raw)) {
                    found.add(name + ": " + raw);
                }
            }
        }

        assertEquals(List.of(), found);
    }

    private static List<String> sourceNames() throws IOException {
        try (Stream<Path> files = Files.list(SOURCES)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".java"))
                    .map(n -> n.substring(0, n.length() - ".java".length())).sorted().toList();
        }
    }
}
