package dev.promptly.app;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The use cases depend on their ports only: no adapter (DynamoDB, mail, Slack, HTTP edge) and no vendor
 * library, so a new backend is one new adapter and a function's jar carries only the adapters it wires.
 * The app module's pom names no adapter module, so an adapter import does not even compile; this test
 * also covers the vendor packages (SDK, Jakarta Mail, jsoup, Lambda) that a transitive dependency could
 * let in.
 */
class AppHasNoAdapterImportsTest {
    private static final Path APP = Path.of("src", "main", "java", "dev", "promptly", "app");
    /**
     * Imports, and fully qualified names in code, which are imports by another spelling. Configuration
     * ({@code dev.promptly.config}) and {@code dev.promptly.log.JsonLog} may be used.
     */
    private static final Pattern ADAPTER = Pattern.compile(
            "\\b(dev\\.promptly\\.(aws|mail|alert|edge)|software\\.amazon|jakarta\\.mail|org\\.jsoup|com\\.amazonaws)\\.");

    @Test
    void appSourcesReferenceNoAdapterOrVendorPackage() throws IOException {
        List<String> offenders = new ArrayList<>();
        try (Stream<Path> files = Files.walk(APP)) {
            files.filter(f -> f.toString().endsWith(".java")).sorted().forEach(f -> {
                List<String> lines = read(f);
                for (int i = 0; i < lines.size(); i++) {
                    if (ADAPTER.matcher(lines.get(i)).find()) {
                        offenders.add(APP.relativize(f) + ":" + (i + 1) + ": " + lines.get(i).trim());
                    }
                }
            });
        }

        assertEquals(List.of(), offenders, "a use case reaches stores, mail and alerts through the ports it owns "
                + "(dev.promptly.app.port, inbound.MailParser, outbox.MimeComposer, sla.AlertFormat), never an adapter");
    }

    private static List<String> read(Path file) {
        try {
            return Files.readAllLines(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
