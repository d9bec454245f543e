package dev.promptly.bench.jars;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * A function's deployment jar carries the use cases its handler runs and no other function's: the handlers
 * build them through the wiring class of their concern, never through one root naming them all, and
 * minimizeJar keeps only what a handler reaches. The use cases a use case calls or names count as run (the
 * intake's team replies reach the helpdesk webhooks' reply keys, the WhatsApp statuses the outbox sender).
 * Like FunctionJarsAreClosedTest, it reads the jars {@code mvn package} builds and skips a jar not built.
 */
class FunctionJarsCarryTheirOwnUseCasesTest {
    private static final Set<String> USE_CASES = Set.of("inbound/MessageIntake", "inbound/EmailIntake", "inbound/MessagesApi",
            "webhook/WebhookIntake", "compliance/DataExportLookup", "sla/AgentActivity", "csat/CsatSurveys", "csat/CsatResponses",
            "report/KpiReports", "report/KpiDigest", "kpi/KpiRollup", "helpdesk/HelpdeskWebhooks", "whatsapp/WhatsAppWebhook",
            "outbox/OutboxSender", "delay/DelayScan", "shopify/Backfill", "sla/SlaMonitor");

    /** The intake and what it reaches: team replies clock the conversations (and may queue a survey). */
    private static final Set<String> INTAKE = Set.of("inbound/MessageIntake", "inbound/EmailIntake", "inbound/MessagesApi",
            "sla/AgentActivity", "csat/CsatSurveys", "csat/CsatResponses", "helpdesk/HelpdeskWebhooks");

    private static final Map<String, Set<String>> MAY_CARRY = Map.ofEntries(
            Map.entry("data-export", Set.of("compliance/DataExportLookup")),
            Map.entry("shopify-webhook", Set.of("webhook/WebhookIntake", "compliance/DataExportLookup")),
            // KpiWiring builds the KPI views together: the reports (this function) and the digest (sla-monitor's).
            Map.entry("conversation-events", Set.of("sla/AgentActivity", "csat/CsatSurveys", "csat/CsatResponses", "report/KpiReports",
                    "report/KpiDigest")),
            Map.entry("sla-monitor", Set.of("sla/SlaMonitor", "report/KpiDigest", "report/KpiReports")),
            Map.entry("kpi-rollup", Set.of("kpi/KpiRollup", "report/KpiReports", "report/KpiDigest")),
            Map.entry("delay-scan", Set.of("delay/DelayScan", "shopify/Backfill")),
            Map.entry("outbox-sender", Set.of("outbox/OutboxSender")),
            Map.entry("messages-api", INTAKE),
            Map.entry("inbound-email", INTAKE),
            Map.entry("helpdesk-events", INTAKE),
            Map.entry("whatsapp-webhook", union(INTAKE, Set.of("whatsapp/WhatsAppWebhook", "outbox/OutboxSender"))));

    @TestFactory
    Stream<DynamicTest> everyFunctionJarLeavesOutTheUseCasesItDoesNotRun() throws IOException {
        Path functions = FunctionJarsAreClosedTest.repositoryRoot().resolve("functions");
        try (var list = Files.list(functions)) {
            assertEquals(new TreeSet<>(MAY_CARRY.keySet()), list.filter(Files::isDirectory).map(m -> m.getFileName().toString())
                    .collect(java.util.stream.Collectors.toCollection(TreeSet::new)), "every function module has its row here");
        }
        return MAY_CARRY.keySet().stream().sorted().map(module -> DynamicTest.dynamicTest(module, () -> {
            Path jar = functions.resolve(module).resolve("target/promptly-" + module + "-function.jar");
            Assumptions.assumeTrue(Files.isRegularFile(jar), jar + " is not built: run mvn package to check it");

            Set<String> foreign = new TreeSet<>();
            try (ZipFile zip = new ZipFile(jar.toFile())) {
                for (String useCase : USE_CASES) {
                    if (zip.getEntry("dev/promptly/app/" + useCase + ".class") != null && !MAY_CARRY.get(module).contains(useCase)) {
                        foreign.add(useCase);
                    }
                }
            }

            assertEquals(Set.of(), foreign, jar.getFileName() + " carries use cases of other functions");
        }));
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> all = new TreeSet<>(a);
        all.addAll(b);
        return Set.copyOf(all);
    }
}
