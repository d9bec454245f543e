package dev.promptly.bench.jars;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every function's deployment jar checks a shop's phrases against the shipped phrase books, on the jar alone
 * (ConfigProbe in a child JVM), and only the functions that run the message intake carry IntentModel: the
 * others leave the intent model out (their pom's shade filter), which is safe only while configuration parsing
 * does not reach the detector. Like FunctionJarsAreClosedTest, each case needs the jars of {@code mvn package}
 * and is skipped without them.
 */
class ConfigInFunctionJarsTest {
    /** The functions whose handlers run MessageIntake, and so WismoDetector with its model. */
    private static final Set<String> INTAKE = Set.of("messages-api", "inbound-email", "helpdesk-events", "whatsapp-webhook");
    private static final List<String> FUNCTIONS = List.of("conversation-events", "data-export", "delay-scan", "helpdesk-events",
            "inbound-email", "kpi-rollup", "messages-api", "outbox-sender", "shopify-webhook", "sla-monitor", "whatsapp-webhook");

    @TempDir
    Path dir;

    @TestFactory
    Stream<DynamicTest> shopPhrasesAreCheckedInEveryJarAndOnlyIntakeJarsHoldTheModelClass() {
        return FUNCTIONS.stream().map(function -> DynamicTest.dynamicTest(function, () -> {
            // given the function's jar alone and the example configuration
            Path jar = MailInFunctionJarsTest.functionJar(function);
            Path example = FunctionJarsAreClosedTest.repositoryRoot().resolve("config/promptly.example.json");

            // when the probe parses it with a good and a bad shop phrase
            String out = MailInFunctionJarsTest.probe(dir, ConfigProbe.class, jar, example.toString());

            // then the good one parses, the bad one is refused naming the phrase books' classes, and IntentModel is there only for the intake
            assertTrue(out.contains("parsed\n"), out);
            assertTrue(out.contains("extra_phrases.en[0]: unknown word class @nothing (known: ") && out.contains("@item"), out);
            assertTrue(out.contains(INTAKE.contains(function) ? "IntentModel in the jar\n" : "no IntentModel\n"), out);
        }));
    }
}
