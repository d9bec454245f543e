package dev.promptly.bench.jars;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every function's deployment jar is closed (JarReferenceCheck with FunctionJarAllowances): shading with
 * minimizeJar and the filters of the function poms left out nothing a kept class uses. The jars exist after
 * {@code mvn package}, where this module's tests run after every function module is packaged; under {@code mvn
 * test} (no jars) each case is skipped, saying so. Without running the tests:
 * {@code java -cp bench/target/promptly-bench.jar dev.promptly.bench.jars.JarReferenceCheck functions/*}{@code /target/promptly-*-function.jar}.
 */
class FunctionJarsAreClosedTest {
    private final JarReferenceCheck check = new JarReferenceCheck(FunctionJarAllowances.ALL);

    @TestFactory
    Stream<DynamicTest> everyFunctionJarHoldsEveryClassItsClassesUse() throws IOException {
        Path functions = repositoryRoot().resolve("functions");
        List<Path> modules;
        try (var list = Files.list(functions)) {
            modules = list.filter(Files::isDirectory).sorted().toList();
        }
        return modules.stream().map(module -> DynamicTest.dynamicTest(module.getFileName().toString(), () -> {
            Path jar = module.resolve("target/promptly-" + module.getFileName() + "-function.jar");
            Assumptions.assumeTrue(Files.isRegularFile(jar), jar + " is not built: run mvn package to check it");

            var dangling = check.dangling(jar);

            assertTrue(dangling.isEmpty(), jar.getFileName() + " lacks classes its classes use:\n  "
                    + dangling.stream().map(Object::toString).collect(Collectors.joining("\n  ")));
        }));
    }

    static Path repositoryRoot() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.isRegularFile(dir.resolve("template.yaml"))) {
            dir = dir.getParent();
        }
        return java.util.Objects.requireNonNull(dir, "no template.yaml above the working directory");
    }
}
