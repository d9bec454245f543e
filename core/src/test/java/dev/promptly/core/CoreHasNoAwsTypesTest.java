package dev.promptly.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The core stays free of AWS and Lambda types, so it is tested fast and reasoned about alone. */
class CoreHasNoAwsTypesTest {
    @Test
    void coreSourcesImportNothingFromAws() throws Exception {
        List<Path> offenders;
        try (Stream<Path> files = Files.walk(Path.of("src", "main", "java", "dev", "promptly", "core"))) {
            offenders = files.filter(f -> f.toString().endsWith(".java")).filter(f -> {
                try {
                    String source = Files.readString(f);
                    return source.contains("import software.amazon") || source.contains("import com.amazonaws");
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }).toList();
        }

        assertEquals(List.of(), offenders);
    }
}
