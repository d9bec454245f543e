package dev.promptly.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The cold-start bench hands the runtime interface client each function's handler as template.yaml names it, so a run
 * measures the method Lambda calls (with {@code ::handleRequest} the client chooses among a class's overloads).
 */
class ColdStartHandlerTest {
    private static final Path REPO = Path.of("..").toAbsolutePath().normalize();
    private static final Pattern HANDLER = Pattern.compile("^\\s+Handler:\\s+(\\S+)\\s*$", Pattern.MULTILINE);

    @Test
    void everyFunctionRunsWithTheHandlerStringOfTheTemplateAndTheBaselineWithItsClass() throws Exception {
        // Given the template's handler strings and the bench's targets
        Set<String> deployed = HANDLER.matcher(Files.readString(REPO.resolve("template.yaml"))).results()
                .map(m -> m.group(1)).collect(Collectors.toSet());
        var bench = new ColdStartBench(REPO, 1, List.of("plain"), List.of(), ColdStartBench.ChildRuntime.RIC);

        for (ColdStartBench.Target target : bench.targets()) {
            // When the bench names the handler to the client
            String handler = ColdStartBench.deployedHandler(target);

            // Then it is the template's, or for the baseline its class alone
            if (target.name().startsWith("baseline")) {
                assertEquals(target.handler(), handler);
            } else {
                assertTrue(deployed.contains(handler), target.name() + ": " + handler + " is no Handler of template.yaml " + deployed);
            }
        }
    }

    @Test
    void everyHandlerOfTheTemplateHasACase() throws Exception {
        // Given the template's handler strings
        Set<String> deployed = HANDLER.matcher(Files.readString(REPO.resolve("template.yaml"))).results()
                .map(m -> m.group(1)).collect(Collectors.toSet());

        // When the bench lists its cases
        Set<String> benched = new ColdStartBench(REPO, 1, List.of("plain"), List.of(), ColdStartBench.ChildRuntime.RIC).targets().stream()
                .map(ColdStartBench::deployedHandler).collect(Collectors.toSet());

        // Then no deployed function is left out of the cold-start run
        assertTrue(benched.containsAll(deployed), () -> "no cold-start case for " + deployed.stream().filter(h -> !benched.contains(h)).toList());
    }
}
