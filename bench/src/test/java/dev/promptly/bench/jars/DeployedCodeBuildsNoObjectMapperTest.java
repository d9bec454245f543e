package dev.promptly.bench.jars;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Deployed code reads and writes JSON through {@code dev.promptly.core.json.JsonTrees}, never through databind's
 * mappers: a first {@code ObjectMapper} costs a cold start about 430 classes and 200 ms. Also refused are the calls
 * that build one behind the caller's back: {@code JsonNode.toString()} and {@code toPrettyString()} (databind's
 * {@code InternalNodeMapper}, a {@code JsonMapper}) and POJO or raw-value nodes, which only a mapper can write.
 *
 * <p>Reads the constant pools (https://docs.oracle.com/javase/specs/jvms/se17/html/jvms-4.html#jvms-4.4) of the
 * compiled classes of every deployed module (core, configuration, app, adapters, edge, wiring, functions); a module
 * not compiled yet is skipped, saying so. Not seen here: {@code String.valueOf(node)}, {@code append(node)} and,
 * from JDK 19's javac on, {@code "text" + node} (it compiles to {@code String.valueOf}), which pass a node as an
 * {@code Object}; older compilers' concatenation with a node type in its descriptor is refused.
 */
class DeployedCodeBuildsNoObjectMapperTest {
    private static final List<String> MAPPER_CLASSES = List.of("com/fasterxml/jackson/databind/ObjectMapper",
            "com/fasterxml/jackson/databind/json/JsonMapper", "com/fasterxml/jackson/databind/ObjectReader",
            "com/fasterxml/jackson/databind/ObjectWriter", "com/fasterxml/jackson/databind/node/POJONode");
    private static final Set<String> MAPPER_METHODS = Set.of("toString", "toPrettyString", "putPOJO", "addPOJO",
            "insertPOJO", "pojoNode", "putRawValue", "addRawValue", "rawValueNode", "valueToTree", "treeToValue");
    private static final String DATABIND = "com/fasterxml/jackson/databind/";

    @TestFactory
    Stream<DynamicTest> noDeployedClassUsesAnObjectMapper() throws IOException {
        Path root = repositoryRoot();
        List<Path> modules = new ArrayList<>(List.of(root.resolve("core"), root.resolve("configuration"), root.resolve("app"),
                root.resolve("edge"), root.resolve("wiring")));
        for (String group : List.of("adapters", "functions")) {
            try (var list = Files.list(root.resolve(group))) {
                list.filter(Files::isDirectory).sorted().forEach(modules::add);
            }
        }
        return modules.stream().map(module -> DynamicTest.dynamicTest(root.relativize(module).toString(), () -> {
            Path classes = module.resolve("target/classes/dev/promptly");
            Assumptions.assumeTrue(Files.isDirectory(classes), classes + " is not compiled: run mvn test-compile to check it");

            List<String> uses = new ArrayList<>();
            try (var files = Files.walk(classes)) {
                for (Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
                    mapperUses(Files.readAllBytes(file)).forEach(use -> uses.add(classes.relativize(file) + ": " + use));
                }
            }

            assertEquals(List.of(), uses);
        }));
    }

    @Test
    void findsEveryKindOfMapperUseInAClass() throws IOException {
        byte[] offender = classBytes(UsesMappers.class);

        Set<String> uses = mapperUses(offender);

        assertEquals(Set.of("class com/fasterxml/jackson/databind/ObjectMapper",
                "com/fasterxml/jackson/databind/JsonNode.toString", "com/fasterxml/jackson/databind/node/ObjectNode.toPrettyString",
                "com/fasterxml/jackson/databind/node/ObjectNode.putPOJO"), uses);
    }

    @Test
    void findsNothingInAClassThatOnlyBuildsAndReadsNodes() throws IOException {
        byte[] clean = classBytes(BuildsNodes.class);

        Set<String> uses = mapperUses(clean);

        assertTrue(uses.isEmpty(), uses.toString());
    }

    /** What a class file names that needs a mapper: classes, member calls, and concatenations of a databind type. */
    static Set<String> mapperUses(byte[] classFile) {
        try (var in = new DataInputStream(new ByteArrayInputStream(classFile))) {
            in.readInt(); // magic
            in.readUnsignedShort(); // minor
            in.readUnsignedShort(); // major
            int count = in.readUnsignedShort();
            int[] tags = new int[count];
            String[] utf8 = new String[count];
            int[] first = new int[count];  // Class: name; member ref: class; NameAndType: name; InvokeDynamic: NameAndType
            int[] second = new int[count]; // member ref: NameAndType; NameAndType: descriptor
            for (int i = 1; i < count; i++) {
                tags[i] = in.readUnsignedByte();
                switch (tags[i]) {
                    case 1 -> utf8[i] = in.readUTF();
                    case 3, 4 -> in.readInt();
                    case 5, 6 -> {
                        in.readLong();
                        i++; // 8-byte constants take two slots (§4.4.5)
                    }
                    case 7, 8, 16, 19, 20 -> first[i] = in.readUnsignedShort();
                    case 9, 10, 11, 12, 17, 18 -> {
                        first[i] = in.readUnsignedShort();
                        second[i] = in.readUnsignedShort();
                    }
                    case 15 -> {
                        in.readUnsignedByte();
                        in.readUnsignedShort();
                    }
                    default -> throw new IllegalArgumentException("unknown constant pool tag " + tags[i]);
                }
            }
            Set<String> uses = new TreeSet<>();
            for (int i = 1; i < count; i++) {
                if (tags[i] == 1) {
                    for (String mapper : MAPPER_CLASSES) {
                        if (utf8[i].contains(mapper) && !isStringLiteral(tags, first, i)) {
                            uses.add("class " + mapper);
                        }
                    }
                } else if (tags[i] == 10 || tags[i] == 11) {
                    String owner = utf8[first[first[i]]];
                    String name = utf8[first[second[i]]];
                    if (owner.startsWith(DATABIND) && MAPPER_METHODS.contains(name)) {
                        uses.add(owner + "." + name);
                    }
                } else if (tags[i] == 18 && "makeConcatWithConstants".equals(utf8[first[second[i]]])
                        && utf8[second[second[i]]].contains("L" + DATABIND)) {
                    uses.add("string concatenation of a databind node");
                }
            }
            return uses;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean isStringLiteral(int[] tags, int[] first, int utf8Index) {
        for (int i = 1; i < tags.length; i++) {
            if (tags[i] == 8 && first[i] == utf8Index) {
                return true;
            }
        }
        return false;
    }

    private static byte[] classBytes(Class<?> type) throws IOException {
        String file = type.getName().substring(type.getName().lastIndexOf('.') + 1) + ".class";
        try (InputStream in = type.getResourceAsStream(file)) {
            return Objects.requireNonNull(in, type.getName()).readAllBytes();
        }
    }

    private static Path repositoryRoot() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.isRegularFile(dir.resolve("template.yaml"))) {
            dir = dir.getParent();
        }
        return Objects.requireNonNull(dir, "no template.yaml above the working directory");
    }

    /** Each use the check must find (compiled, never run). */
    static final class UsesMappers {
        String all(JsonNode node) throws Exception {
            var object = JsonNodeFactory.instance.objectNode().putPOJO("pojo", new Object());
            return new ObjectMapper().writeValueAsString(node) + node.toString() + object.toPrettyString() + "node " + node;
        }
    }

    /** Trees built, read and walked without a mapper. */
    static final class BuildsNodes {
        String all(JsonNode node) {
            var object = JsonNodeFactory.instance.objectNode().put("text", "ObjectMapper").put("n", 1);
            object.putArray("list").add(node.path("a").asText());
            return object.path("text").asText() + node.size() + "com/fasterxml/jackson/databind/ObjectMapper";
        }
    }
}
