package dev.promptly.core.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** {@link JsonTrees} reads and writes exactly as a default {@code ObjectMapper}, which it replaces in deployed code. */
class JsonTreesTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    static Stream<String> documents() {
        List<String> documents = new ArrayList<>(List.of(
                "{\"version\":\"2.0\",\"headers\":{\"a\":\"b\"},\"body\":\"x\",\"n\":[1,2.5,true,null]}",
                "{}", "[]", "[[]]", "{\"a\":{}}", "  {\"spaced\" : [ 1 , 2 ] }  ",
                "\"top-level string\"", "42", "-7", "0", "-0", "true", "false", "null", "3.14", "-0.0",
                "2147483647", "2147483648", "-2147483648", "-2147483649",
                "9223372036854775807", "9223372036854775808", "-9223372036854775808", "-9223372036854775809",
                "123456789012345678901234567890123456789", "[1e3, 1E-3, -2.5e+10, 6.02214076e23, 1.0, 100.000]",
                "[1e308, 1e309, -1e309, 4.9e-324, 1e-400, 0.1, 0.30000000000000004, 123456789.123456789]",
                "[12345678901234567890.5, 1.7976931348623157E308]",
                "{\"emoji\":\"😀 \\ud83d\\ude00 🇩🇪\",\"umlaut\":\"Grüße, Straße\",\"cjk\":\"東京\",\"rtl\":\"שלום\"}",
                "{\"escapes\":\"quote \\\" backslash \\\\ slash \\/ tab \\t nl \\n cr \\r bs \\b ff \\f\"}",
                "{\"controls\":\"\\u0000\\u0001\\u001f\\u007f\\u0080\\u2028\\u2029\"}",
                "{\"lone\":\"\\ud83d\"}", "{\"html\":\"<script>&amp;'</script>\"}",
                "{\"dup\":1,\"other\":2,\"dup\":\"last\"}", "{\"\":\"empty name\",\"a b\":\"\\u00e9\"}",
                "{\"a\":1} trailing", "[1] ]", "1 2", "{\"a\":1}{\"b\":2}", "null garbage",
                "", " ", "\n\t\r "));
        documents.add("[".repeat(200) + "]".repeat(200));
        documents.add("{\"a\":".repeat(200) + "1" + "}".repeat(200));
        documents.add("[\"" + "x".repeat(100_000) + "\"]");
        Random random = new Random(15);
        for (int i = 0; i < 300; i++) {
            documents.add(randomNode(random, 0).toString());
        }
        return documents.stream();
    }

    static Stream<String> malformed() {
        return Stream.of("{", "[", "{\"a\"", "{\"a\":", "{\"a\":1,}", "[1,]", "[1 2]", "{a:1}", "{'a':1}", "tru", "nul",
                "01", "1.", ".5", "+1", "NaN", "Infinity", "-", "\"unterminated", "\"tab\tin string\"", "\"bad \\x escape\"",
                "}", "]", "{\"a\":1]", "[1}", "/* comment */ 1", "# hash", "\"\\u12\"", "{\"a\" 1}",
                "[".repeat(1_001) + "]".repeat(1_001), "{\"a\":".repeat(1_001) + "1" + "}".repeat(1_001),
                "1" + "0".repeat(1_000), "[0." + "1".repeat(1_000) + "]");
    }

    @ParameterizedTest
    @MethodSource("documents")
    void readsAStringIntoTheSameNodesAsTheMapper(String json) throws Exception {
        JsonNode expected = MAPPER.readTree(json);

        JsonNode actual = JsonTrees.read(json);

        assertEquals(typed(expected), typed(actual));
    }

    @ParameterizedTest
    @MethodSource("documents")
    void readsBytesAndStreamsIntoTheSameNodesAsTheMapper(String json) throws Exception {
        byte[] utf8 = json.getBytes(StandardCharsets.UTF_8);
        byte[] utf16 = json.getBytes(StandardCharsets.UTF_16BE);

        JsonNode fromBytes = JsonTrees.read(utf8);
        JsonNode fromUtf16 = JsonTrees.read(utf16);
        JsonNode fromStream = JsonTrees.read(new ByteArrayInputStream(utf8));

        assertEquals(typed(MAPPER.readTree(utf8)), typed(fromBytes));
        assertEquals(typed(MAPPER.readTree(utf16)), typed(fromUtf16));
        assertEquals(typed(MAPPER.readTree(new ByteArrayInputStream(utf8))), typed(fromStream));
    }

    @ParameterizedTest
    @MethodSource("documents")
    void writesWhatItReadsCharacterForCharacterAsTheMapper(String json) throws Exception {
        JsonNode tree = MAPPER.readTree(json);

        String asString = JsonTrees.writeString(tree);
        String asBytes = describe(() -> Arrays.toString(JsonTrees.writeBytes(tree)));
        String streamed = describe(() -> {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            JsonTrees.write(out, tree);
            return Arrays.toString(out.toByteArray());
        });

        assertEquals(MAPPER.writeValueAsString(tree), asString);
        assertEquals(tree.toString(), JsonTrees.toJson(tree));
        assertEquals(describe(() -> Arrays.toString(MAPPER.writeValueAsBytes(tree))), asBytes);
        assertEquals(describe(() -> {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            MAPPER.writeValue(out, tree);
            return Arrays.toString(out.toByteArray());
        }), streamed);
    }

    @ParameterizedTest
    @MethodSource("malformed")
    void refusesMalformedDocumentsWithTheMappersExceptionAndMessage(String json) {
        byte[] utf8 = json.getBytes(StandardCharsets.UTF_8);
        String expectedFromBytes = describe(() -> MAPPER.readTree(utf8));

        String fromString = describe(() -> JsonTrees.read(json));
        String fromBytes = describe(() -> JsonTrees.read(utf8));

        assertTrue(expectedFromBytes.startsWith("com.fasterxml.jackson.core."), expectedFromBytes);
        assertEquals(describe(() -> MAPPER.readTree(json)), fromString);
        assertEquals(expectedFromBytes, fromBytes);
    }

    @Test
    void readsBlankInputAsAMissingNodeLikeTheMapper() throws Exception {
        JsonNode empty = JsonTrees.read("");
        JsonNode blank = JsonTrees.read(" \n".getBytes(StandardCharsets.UTF_8));
        JsonNode emptyStream = JsonTrees.read(new ByteArrayInputStream(new byte[0]));

        assertTrue(MAPPER.readTree("").isMissingNode());
        assertTrue(empty.isMissingNode());
        assertTrue(blank.isMissingNode());
        assertTrue(emptyStream.isMissingNode());
    }

    @Test
    void skipsAUtf8ByteOrderMarkLikeTheMapper() throws Exception {
        byte[] withBom = "\uFEFF{\"bom\":true}".getBytes(StandardCharsets.UTF_8);

        JsonNode read = JsonTrees.read(withBom);

        assertEquals(typed(MAPPER.readTree(withBom)), typed(read));
        assertEquals("{bom=BooleanNode(true),}", typed(read));
    }

    @Test
    void refusesNestingDeeperThanTheParserLimitWithAConstraintsException() {
        String deep = "[".repeat(1_001) + "]".repeat(1_001);

        StreamConstraintsException refused = assertThrows(StreamConstraintsException.class, () -> JsonTrees.read(deep));

        assertTrue(refused.getMessage().contains("nesting depth (1001) exceeds the maximum allowed (1000"), refused.getMessage());
    }

    @Test
    void writesEveryNodeTypeTheFactoryBuildsAsTheMapper() throws Exception {
        ObjectNode node = NODES.objectNode();
        node.put("int", 7).put("negative", -7).put("long", 1L << 40).put("short", (short) 12)
                .put("bigInteger", new BigInteger("123456789012345678901234567890"))
                .put("double", 0.1).put("float", 1.5f).put("nan", Double.NaN).put("infinity", Double.NEGATIVE_INFINITY)
                .put("decimal", new BigDecimal("1.50")).put("scientific", new BigDecimal("1E+3"))
                .put("true", true).put("false", false).put("text", "Grüße 😀 \u0000 \u001f \"q\" \\ </").put("lone", "\ud83d")
                .put("bytes", new byte[] {0, 1, 2, (byte) 255, 60, 61, 62, 63}).put("emptyBytes", new byte[0])
                .put("nullText", (String) null).putNull("null");
        node.set("missing", MissingNode.getInstance());
        node.putArray("array").add(1).add("two").addNull().add(NODES.objectNode()).add(NODES.arrayNode());
        node.putObject("empty");
        node.set("root", NODES.textNode("x"));

        assertEquals(MAPPER.writeValueAsString(node), JsonTrees.writeString(node));
        assertEquals(describe(() -> new String(MAPPER.writeValueAsBytes(node), StandardCharsets.UTF_8)),
                describe(() -> new String(JsonTrees.writeBytes(node), StandardCharsets.UTF_8)));
        assertEquals(MAPPER.writeValueAsString(MissingNode.getInstance()), JsonTrees.writeString(MissingNode.getInstance()));
        assertEquals(MAPPER.writeValueAsString(null), JsonTrees.writeString(null));
        assertEquals(MAPPER.writeValueAsString(NODES.numberNode(new BigDecimal("-0.000001"))),
                JsonTrees.writeString(NODES.numberNode(new BigDecimal("-0.000001"))));
    }

    @Test
    void refusesToWriteTreesDeeperThanTheGeneratorLimitAsTheMapperDoes() {
        ArrayNode root = NODES.arrayNode();
        ArrayNode inner = root;
        for (int i = 0; i < 1_000; i++) {
            inner = inner.addArray();
        }

        String mapper = describe(() -> MAPPER.writeValueAsString(root));
        String trees = describe(() -> JsonTrees.writeString(root));

        assertTrue(mapper.startsWith(StreamConstraintsException.class.getName()), mapper);
        assertEquals(mapper, trees);
    }

    @Test
    void closesTheStreamsItReadsAndWritesAsTheMapperDoes() throws Exception {
        boolean[] closed = new boolean[2];
        var in = new ByteArrayInputStream("{\"a\":1}".getBytes(StandardCharsets.UTF_8)) {
            @Override
            public void close() {
                closed[0] = true;
            }
        };
        var out = new ByteArrayOutputStream() {
            @Override
            public void close() {
                closed[1] = true;
            }
        };

        JsonTrees.write(out, JsonTrees.read(in));

        assertTrue(closed[0] && closed[1]);
        assertEquals("{\"a\":1}", out.toString(StandardCharsets.UTF_8));
    }

    @Test
    void refusesANullDocumentWithTheMappersMessage() {
        String expected = describe(() -> MAPPER.readTree((String) null));

        String actual = describe(() -> JsonTrees.read((String) null));

        assertEquals(expected, actual);
    }

    /** The node classes and values, so that an IntNode 1 and a LongNode 1 differ, and member order counts. */
    private static String typed(JsonNode node) {
        if (node.isObject()) {
            StringBuilder out = new StringBuilder("{");
            for (Map.Entry<String, JsonNode> member : node.properties()) {
                out.append(member.getKey()).append('=').append(typed(member.getValue())).append(',');
            }
            return out.append('}').toString();
        }
        if (node.isArray()) {
            StringBuilder out = new StringBuilder("[");
            node.forEach(element -> out.append(typed(element)).append(','));
            return out.append(']').toString();
        }
        return node.getClass().getSimpleName() + "(" + node.asText() + ")";
    }

    private static String describe(Callable<?> call) {
        try {
            return String.valueOf(call.call());
        } catch (Exception e) {
            return e.getClass().getName() + ": " + e.getMessage();
        }
    }

    private static JsonNode randomNode(Random random, int depth) {
        int kind = depth > 4 ? 2 + random.nextInt(6) : random.nextInt(8);
        switch (kind) {
            case 0: {
                ObjectNode object = NODES.objectNode();
                for (int i = random.nextInt(5); i > 0; i--) {
                    object.set(randomText(random), randomNode(random, depth + 1));
                }
                return object;
            }
            case 1: {
                ArrayNode array = NODES.arrayNode();
                for (int i = random.nextInt(5); i > 0; i--) {
                    array.add(randomNode(random, depth + 1));
                }
                return array;
            }
            case 2:
                return NODES.textNode(randomText(random));
            case 3:
                return NODES.numberNode(random.nextInt() >> random.nextInt(32));
            case 4:
                return NODES.numberNode(random.nextLong());
            case 5:
                return NODES.numberNode(random.nextGaussian() * Math.pow(10, random.nextInt(40) - 20));
            case 6:
                return NODES.numberNode(new BigInteger(64 + random.nextInt(64), random).negate());
            default:
                return random.nextBoolean() ? NODES.booleanNode(random.nextBoolean()) : NODES.nullNode();
        }
    }

    /** Text from ASCII, controls, Latin-1, BMP and astral code points (emoji), valid UTF-16 only. */
    private static String randomText(Random random) {
        StringBuilder text = new StringBuilder();
        for (int i = random.nextInt(12); i > 0; i--) {
            int range = random.nextInt(5);
            int codePoint = switch (range) {
                case 0 -> random.nextInt(0x20);
                case 1 -> 0x20 + random.nextInt(0x60);
                case 2 -> 0x80 + random.nextInt(0x180);
                case 3 -> 0x100 + random.nextInt(0xD000);
                default -> 0x1F300 + random.nextInt(0x300);
            };
            text.appendCodePoint(codePoint);
        }
        return text.toString();
    }
}
