package dev.promptly.core.json;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * Reads JSON documents into Jackson's tree model and writes trees back, through jackson-core's streaming
 * parser and generator instead of databind's {@code ObjectMapper}. Every function uses JSON only as trees,
 * and a first {@code ObjectMapper} costs a fresh JVM about 430 classes and 200 ms of cold start (its
 * serializer and deserializer caches, type factory, introspection), the streaming path about a quarter.
 * Never call {@code JsonNode.toString()} in deployed code for the same reason: it builds databind's
 * internal mapper; use {@link #writeString}.
 *
 * <p>The result is the same as a default {@code ObjectMapper}'s {@code readTree} and
 * {@code writeValueAsString/Bytes/writeValue}, which {@code JsonTreesTest} checks document by document:
 * <ul>
 *   <li>integers become {@code IntNode}, {@code LongNode} or {@code BigIntegerNode} by size, other numbers
 *       {@code DoubleNode}; a repeated member keeps its first position and its last value;</li>
 *   <li>an empty or blank document is a {@code MissingNode}, {@code null} a {@code NullNode}; content after
 *       the first value is not read (the mapper's {@code FAIL_ON_TRAILING_TOKENS} is off by default);</li>
 *   <li>errors are jackson-core's own ({@code JsonParseException}, {@code JsonEOFException},
 *       {@code StreamConstraintsException}, all {@link JsonProcessingException}s) under the default
 *       {@code StreamReadConstraints} and {@code StreamWriteConstraints} (nesting depth 1,000, numbers of
 *       1,000 characters, strings of 20 million);</li>
 *   <li>output is compact, escaped as the mapper escapes (only control characters, quote and backslash;
 *       other Unicode as is), binary as MIME base64 without line feeds, a missing node as {@code null}.</li>
 * </ul>
 *
 * <p>Both directions recurse once per nesting level; the depth is bounded by the parser's and the
 * generator's nesting limit (1,000 by default), which fails with a {@code StreamConstraintsException}
 * before the stack could overflow. Thread-safe: the factories are immutable once built.
 */
public final class JsonTrees {
    private static final JsonFactory FACTORY = new JsonFactory();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private JsonTrees() {
    }

    /** A document as a tree, as {@code ObjectMapper.readTree(String)}. */
    public static JsonNode read(String json) throws JsonProcessingException {
        try (JsonParser parser = FACTORY.createParser(requireContent(json))) {
            return readRoot(parser);
        } catch (JsonProcessingException e) {
            throw e;
        } catch (IOException e) {
            // A String source does no I/O; the mapper's readTree(String) declares no IOException either.
            throw new UncheckedIOException(e);
        }
    }

    /** A UTF-8 (or UTF-16/32, detected as Jackson does) document as a tree, as {@code ObjectMapper.readTree(byte[])}. */
    public static JsonNode read(byte[] json) throws IOException {
        try (JsonParser parser = FACTORY.createParser(requireContent(json))) {
            return readRoot(parser);
        }
    }

    /** A document as a tree, as {@code ObjectMapper.readTree(InputStream)}; closes the stream, as the mapper does. */
    public static JsonNode read(InputStream json) throws IOException {
        try (JsonParser parser = FACTORY.createParser(requireContent(json))) {
            return readRoot(parser);
        }
    }

    /** A new empty object, as {@code ObjectMapper.createObjectNode()}. */
    public static ObjectNode object() {
        return NODES.objectNode();
    }

    /** A new empty array, as {@code ObjectMapper.createArrayNode()}. */
    public static ArrayNode array() {
        return NODES.arrayNode();
    }

    /** Compact JSON, as {@code ObjectMapper.writeValueAsString}; a Java null is written as {@code null}. */
    public static String writeString(JsonNode node) throws JsonProcessingException {
        StringWriter out = new StringWriter();
        try (JsonGenerator generator = FACTORY.createGenerator(out)) {
            write(generator, node);
        } catch (JsonProcessingException e) {
            throw e;
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a StringWriter does no I/O
        }
        return out.toString();
    }

    /**
     * Compact JSON of a tree built in code, what {@code JsonNode.toString()} gives without building databind's
     * internal mapper: a missing node is {@code ""} (not {@code null} as in {@link #writeString}). Unchecked as
     * {@code toString()} is: only a tree over the generator's nesting limit fails.
     */
    public static String toJson(JsonNode node) {
        try {
            return node != null && node.isMissingNode() ? "" : writeString(node);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Compact UTF-8 JSON, as {@code ObjectMapper.writeValueAsBytes}. */
    public static byte[] writeBytes(JsonNode node) throws JsonProcessingException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JsonGenerator generator = FACTORY.createGenerator(out, JsonEncoding.UTF8)) {
            write(generator, node);
        } catch (JsonProcessingException e) {
            throw e;
        } catch (IOException e) {
            throw new UncheckedIOException(e); // an in-memory buffer does no I/O
        }
        return out.toByteArray();
    }

    /** Compact UTF-8 JSON to a stream, as {@code ObjectMapper.writeValue(OutputStream, node)}: flushes and closes it. */
    public static void write(OutputStream out, JsonNode node) throws IOException {
        try (JsonGenerator generator = FACTORY.createGenerator(out, JsonEncoding.UTF8)) {
            write(generator, node);
        }
    }

    /** A compact UTF-8 generator for JSON written field by field; closing it closes {@code out} unless disabled. */
    public static JsonGenerator generator(OutputStream out) throws IOException {
        return FACTORY.createGenerator(out, JsonEncoding.UTF8);
    }

    private static <T> T requireContent(T content) {
        if (content == null) {
            // The mapper's message for a null argument.
            throw new IllegalArgumentException("argument \"content\" is null");
        }
        return content;
    }

    private static JsonNode readRoot(JsonParser parser) throws IOException {
        JsonToken first = parser.nextToken();
        return first == null ? NODES.missingNode() : readValue(parser, first);
    }

    /** Recursion depth is bounded by the parser's nesting limit (StreamReadConstraints, 1,000 by default). */
    private static JsonNode readValue(JsonParser parser, JsonToken token) throws IOException {
        switch (token) {
            case START_OBJECT: {
                ObjectNode object = NODES.objectNode();
                String name;
                while ((name = parser.nextFieldName()) != null) {
                    // As the mapper: a repeated name replaces the value, keeping the first position.
                    object.set(name, readValue(parser, parser.nextToken()));
                }
                return object;
            }
            case START_ARRAY: {
                ArrayNode array = NODES.arrayNode();
                JsonToken next;
                while ((next = parser.nextToken()) != JsonToken.END_ARRAY) {
                    array.add(readValue(parser, next));
                }
                return array;
            }
            case VALUE_STRING:
                return NODES.textNode(parser.getText());
            case VALUE_NUMBER_INT:
                return integer(parser);
            case VALUE_NUMBER_FLOAT:
                return NODES.numberNode(parser.getDoubleValue());
            case VALUE_TRUE:
                return NODES.booleanNode(true);
            case VALUE_FALSE:
                return NODES.booleanNode(false);
            case VALUE_NULL:
                return NODES.nullNode();
            default:
                // JSON text has no other value tokens (embedded objects come from binary formats only).
                throw new IllegalStateException("unexpected token " + token);
        }
    }

    private static JsonNode integer(JsonParser parser) throws IOException {
        switch (parser.getNumberType()) {
            case INT:
                return NODES.numberNode(parser.getIntValue());
            case LONG:
                return NODES.numberNode(parser.getLongValue());
            default:
                return NODES.numberNode(parser.getBigIntegerValue());
        }
    }

    /** Recursion depth is bounded by the generator's nesting limit (StreamWriteConstraints, 1,000 by default). */
    private static void write(JsonGenerator generator, JsonNode node) throws IOException {
        if (node == null) {
            generator.writeNull();
            return;
        }
        switch (node.getNodeType()) {
            case OBJECT:
                generator.writeStartObject();
                for (Map.Entry<String, JsonNode> member : node.properties()) {
                    generator.writeFieldName(member.getKey());
                    write(generator, member.getValue());
                }
                generator.writeEndObject();
                break;
            case ARRAY:
                generator.writeStartArray();
                for (JsonNode element : node) {
                    write(generator, element);
                }
                generator.writeEndArray();
                break;
            case STRING:
                generator.writeString(node.textValue());
                break;
            case NUMBER:
                number(generator, node);
                break;
            case BOOLEAN:
                generator.writeBoolean(node.booleanValue());
                break;
            case BINARY:
                generator.writeBinary(node.binaryValue());
                break;
            case NULL:
            case MISSING:
                // The mapper writes a missing node as null too, so that a member name is never left dangling.
                generator.writeNull();
                break;
            default:
                // POJO nodes need databind's serializers; deployed code never builds them.
                throw new IllegalArgumentException("cannot write a " + node.getNodeType() + " node without an ObjectMapper");
        }
    }

    private static void number(JsonGenerator generator, JsonNode node) throws IOException {
        switch (node.numberType()) {
            case INT:
                generator.writeNumber(node.intValue());
                break;
            case LONG:
                generator.writeNumber(node.longValue());
                break;
            case BIG_INTEGER:
                generator.writeNumber(node.bigIntegerValue());
                break;
            case FLOAT:
                generator.writeNumber(node.floatValue());
                break;
            case DOUBLE:
                generator.writeNumber(node.doubleValue());
                break;
            default:
                generator.writeNumber(node.decimalValue());
                break;
        }
    }
}
