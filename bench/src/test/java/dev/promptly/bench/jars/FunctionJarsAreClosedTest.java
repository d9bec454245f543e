package dev.promptly.bench.jars;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every function's deployment jar is closed (JarReferenceCheck with FunctionJarAllowances): shading with
 * minimizeJar and the filters of the function poms left out nothing a kept class uses; and it holds every
 * resource its classes load (JarResourceCheck with FunctionJarResources), so a pom may leave out a resource
 * (the intent model) only where no class that loads it is kept. The jars exist after
 * {@code mvn package}, where this module's tests run after every function module is packaged; under {@code mvn
 * test} (no jars) each case is skipped, saying so. Without running the tests:
 * {@code java -cp bench/target/promptly-bench.jar dev.promptly.bench.jars.JarReferenceCheck functions/*}{@code /target/promptly-*-function.jar}
 * (both checks).
 */
class FunctionJarsAreClosedTest {
    private final JarReferenceCheck check = new JarReferenceCheck(FunctionJarAllowances.ALL);

    @TestFactory
    Stream<DynamicTest> everyFunctionJarHoldsEveryClassItsClassesUse() throws IOException {
        return functionJars().map(jar -> DynamicTest.dynamicTest(jar.getFileName().toString(), () -> {
            Assumptions.assumeTrue(Files.isRegularFile(jar), jar + " is not built: run mvn package to check it");

            var dangling = check.dangling(jar);

            assertTrue(dangling.isEmpty(), jar.getFileName() + " lacks classes its classes use:\n  "
                    + dangling.stream().map(Object::toString).collect(Collectors.joining("\n  ")));
        }));
    }

    @TestFactory
    Stream<DynamicTest> everyFunctionJarHoldsTheResourcesItsClassesLoad() throws IOException {
        var resources = new JarResourceCheck(FunctionJarResources.LOADED_BY_NAME);
        return functionJars().map(jar -> DynamicTest.dynamicTest(jar.getFileName().toString(), () -> {
            Assumptions.assumeTrue(Files.isRegularFile(jar), jar + " is not built: run mvn package to check it");

            var missing = resources.missing(jar);

            assertTrue(missing.isEmpty(), jar.getFileName() + " lacks resources its classes load (a shade filter of its pom"
                    + " leaves them out):\n  " + missing.stream().map(Object::toString).collect(Collectors.joining("\n  ")));
        }));
    }

    /** Each function module's deployment jar, built or not. */
    private static Stream<Path> functionJars() throws IOException {
        try (var list = Files.list(repositoryRoot().resolve("functions"))) {
            return list.filter(Files::isDirectory).sorted()
                    .map(module -> module.resolve("target/promptly-" + module.getFileName() + "-function.jar")).toList().stream();
        }
    }

    static Path repositoryRoot() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.isRegularFile(dir.resolve("template.yaml"))) {
            dir = dir.getParent();
        }
        return java.util.Objects.requireNonNull(dir, "no template.yaml above the working directory");
    }
}
