package dev.promptly.bench.jars;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JarReferenceCheckTest {
    @TempDir
    Path dir;

    private final JarReferenceCheck check = new JarReferenceCheck(List.of());

    @Test
    void classTheCodeCallsButTheJarLacksIsReportedWithItsUser() throws IOException {
        compile(Map.of(
                "demo/Used.java", "package demo; public class Used { public void run() { } }",
                "demo/Uses.java", "package demo; public class Uses { void go() { new Used().run(); } }"));

        var dangling = check.dangling(jar("demo/Uses.class"));

        assertEquals(List.of(new JarReferenceCheck.Dangling("demo/Used", Set.of("demo/Uses"))), dangling);
    }

    @Test
    void jarHoldingEverythingItsClassesUseIsClosed() throws IOException {
        compile(Map.of(
                "demo/Used.java", "package demo; public class Used { public void run() { } }",
                "demo/Uses.java", "package demo; public class Uses { void go() { new Used().run(); } }"));

        assertEquals(List.of(), check.dangling(jar("demo/Uses.class", "demo/Used.class")));
    }

    @Test
    void constantCopiedFromAnAbsentClassIsNoUse() throws IOException {
        compile(Map.of(
                "demo/Names.java", "package demo; public final class Names { public static final String NAME = \"n\"; }",
                "demo/Reads.java", "package demo; public class Reads { String name() { return Names.NAME; } }"));

        assertEquals(List.of(), check.dangling(jar("demo/Reads.class")));
    }

    @Test
    void classNamedOnlyInAGenericSignatureIsAUse() throws IOException {
        compile(Map.of(
                "demo/Item.java", "package demo; public class Item { }",
                "demo/Basket.java", "package demo; public class Basket { java.util.List<Item> items; }"));

        var dangling = check.dangling(jar("demo/Basket.class"));

        assertEquals(List.of("demo/Item"), dangling.stream().map(JarReferenceCheck.Dangling::missing).toList());
    }

    @Test
    void caughtExceptionTypeIsAUse() throws IOException {
        compile(Map.of(
                "demo/Failure.java", "package demo; public class Failure extends RuntimeException { }",
                "demo/Guard.java", "package demo; public class Guard { void go(Runnable r) { try { r.run(); } catch (Failure e) { } } }"));

        var dangling = check.dangling(jar("demo/Guard.class"));

        assertEquals(List.of("demo/Failure"), dangling.stream().map(JarReferenceCheck.Dangling::missing).toList());
    }

    @Test
    void allowanceExcusesAMissingLibraryOnlyForTheClassesItNames() throws IOException {
        compile(Map.of(
                "demo/Used.java", "package demo; public class Used { public void run() { } }",
                "demo/Uses.java", "package demo; public class Uses { void go() { new Used().run(); } }"));
        Path jar = jar("demo/Uses.class");

        var fromDemo = new JarReferenceCheck(List.of(new JarReferenceCheck.Allowance("demo/Used", "demo/", "optional")));
        var fromElsewhere = new JarReferenceCheck(List.of(new JarReferenceCheck.Allowance("demo/Used", "other/", "optional")));

        assertEquals(List.of(), fromDemo.dangling(jar));
        assertEquals(1, fromElsewhere.dangling(jar).size());
    }

    @Test
    void serviceFileNamingAnAbsentImplementationIsReported() throws IOException {
        compile(Map.of("demo/Api.java", "package demo; public interface Api { }"));
        Path jar = jar(Map.of("demo/Api.class", Files.readAllBytes(dir.resolve("classes/demo/Api.class")),
                "META-INF/services/demo.Api", "# providers\ndemo.ApiImpl\n".getBytes(StandardCharsets.UTF_8)));

        var dangling = check.dangling(jar);

        assertEquals(List.of(new JarReferenceCheck.Dangling("demo/ApiImpl", Set.of("META-INF/services/demo.Api"))), dangling);
    }

    @Test
    void mailcapNamingAnAbsentContentHandlerIsReported() throws IOException {
        Path jar = jar(Map.of("META-INF/mailcap",
                "text/plain;; x-java-content-handler=org.eclipse.angus.mail.handlers.text_plain\n".getBytes(StandardCharsets.UTF_8)));

        var dangling = check.dangling(jar);

        assertEquals(List.of("org/eclipse/angus/mail/handlers/text_plain"), dangling.stream().map(JarReferenceCheck.Dangling::missing).toList());
    }

    @Test
    void mailProviderListNamingAnAbsentStoreIsReported() throws IOException {
        Path jar = jar(Map.of("META-INF/jakarta.providers",
                "# Jakarta Mail POP3 provider\nprotocol=pop3; type=store; class=org.eclipse.angus.mail.pop3.POP3Store; vendor=Oracle;\n"
                        .getBytes(StandardCharsets.UTF_8)));

        var dangling = check.dangling(jar);

        assertEquals(List.of(new JarReferenceCheck.Dangling("org/eclipse/angus/mail/pop3/POP3Store", Set.of("META-INF/jakarta.providers"))),
                dangling);
    }

    @Test
    void jdkClassesNeedNotBeInTheJar() throws IOException {
        compile(Map.of("demo/Clock.java", "package demo; public class Clock { java.time.Instant now() { return java.time.Instant.now(); } }"));

        assertEquals(List.of(), check.dangling(jar("demo/Clock.class")));
    }

    private void compile(Map<String, String> sources) throws IOException {
        Path src = dir.resolve("src");
        List<String> arguments = new ArrayList<>(List.of("-d", dir.resolve("classes").toString()));
        for (var source : sources.entrySet()) {
            Path file = src.resolve(source.getKey());
            Files.createDirectories(file.getParent());
            Files.writeString(file, source.getValue());
            arguments.add(file.toString());
        }
        int status = ToolProvider.getSystemJavaCompiler().run(null, null, null, arguments.toArray(String[]::new));
        assertEquals(0, status, "test sources compile");
    }

    private Path jar(String... classes) throws IOException {
        var entries = new java.util.LinkedHashMap<String, byte[]>();
        for (String name : classes) {
            entries.put(name, Files.readAllBytes(dir.resolve("classes").resolve(name)));
        }
        return jar(entries);
    }

    private Path jar(Map<String, byte[]> entries) throws IOException {
        return jar(dir, entries);
    }

    /** A jar in {@code dir} with these entries, in order. */
    static Path jar(Path dir, Map<String, byte[]> entries) throws IOException {
        Path jar = Files.createTempFile(dir, "test", ".jar");
        try (OutputStream out = Files.newOutputStream(jar); var zip = new JarOutputStream(out)) {
            for (var entry : entries.entrySet()) {
                zip.putNextEntry(new JarEntry(entry.getKey()));
                zip.write(entry.getValue());
                zip.closeEntry();
            }
        }
        assertTrue(Files.size(jar) > 0);
        return jar;
    }
}
