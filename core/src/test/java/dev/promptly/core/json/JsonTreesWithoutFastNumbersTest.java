package dev.promptly.core.json;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The function jars leave out jackson-core's FastDoubleParser and Schubfach writer (about 0.1 MB): that holds
 * only while JsonTrees reads and writes every kind of number without them. Here they are missing from the class
 * path, as in a jar, and every number still makes its way through.
 */
class JsonTreesWithoutFastNumbersTest {
    private static final List<String> LEFT_OUT = List.of("com.fasterxml.jackson.core.internal.shaded.fdp.",
            "com.fasterxml.jackson.core.io.schubfach.");
    private static final String NUMBERS = "{\"d\":1.5e300,\"f\":-0.1,\"e\":12E-3,\"big\":123456789012345678901234567890,"
            + "\"long\":9007199254740993,\"exact\":3.141592653589793238462643383279502884197,\"tiny\":4.9e-324}";

    @Test
    void numbersAreReadAndWrittenWithoutTheFastParserOrWriter() throws Exception {
        var loader = new WithoutFastNumbers();
        Class<?> trees = loader.loadClass(JsonTrees.class.getName());

        Object node = trees.getMethod("read", String.class).invoke(null, NUMBERS);
        String written = (String) trees.getMethod("writeString", loader.loadClass(JsonNode.class.getName())).invoke(null, node);

        assertEquals(JsonTrees.writeString(JsonTrees.read(NUMBERS)), written);
    }

    /** Loads Jackson and JsonTrees itself, child first, and finds no FastDoubleParser or Schubfach class. */
    private static final class WithoutFastNumbers extends ClassLoader {
        WithoutFastNumbers() {
            super(JsonTreesWithoutFastNumbersTest.class.getClassLoader());
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            if (LEFT_OUT.stream().anyMatch(name::startsWith)) {
                throw new ClassNotFoundException(name + " is left out of the function jars");
            }
            if (!name.startsWith("com.fasterxml.jackson.") && !name.startsWith(JsonTrees.class.getName())) {
                return super.loadClass(name, resolve);
            }
            synchronized (getClassLoadingLock(name)) {
                Class<?> c = findLoadedClass(name);
                if (c == null) {
                    try (InputStream in = getParent().getResourceAsStream(name.replace('.', '/') + ".class")) {
                        if (in == null) {
                            throw new ClassNotFoundException(name);
                        }
                        byte[] bytes = in.readAllBytes();
                        c = defineClass(name, bytes, 0, bytes.length);
                    } catch (IOException e) {
                        throw new ClassNotFoundException(name, e);
                    }
                }
                if (resolve) {
                    resolveClass(c);
                }
                return c;
            }
        }
    }
}
