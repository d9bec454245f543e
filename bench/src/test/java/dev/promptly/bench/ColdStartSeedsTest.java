package dev.promptly.bench;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import dev.promptly.aws.dynamodb.PromptlyTable;
import dev.promptly.dynamodblocal.EmbeddedDynamoDb;
import dev.promptly.wiring.ConfigSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The cold-start bench's cases of the helpdesk webhook, the WhatsApp webhook and the KPI rollup hold on any day:
 * with the data seeded at the bench's clock, the function (in this JVM, given the case's event as Lambda passes it)
 * answers as the case expects and stores what its effect check looks for; the seed alone passes no effect check.
 * The dates include a Sunday night, the day after Christmas, New Year's Eve late in UTC (already the next day in
 * the shop's zone), the night clocks go forward and Easter Monday.
 */
class ColdStartSeedsTest {
    private static final Path REPO = Path.of("..").toAbsolutePath().normalize();
    private static final EmbeddedDynamoDb DYNAMO = EmbeddedDynamoDb.inMemory(List.of(PromptlyTable.createTableRequest(ColdStartBench.TABLE)));
    private static final DynamoDbClient CLIENT = DYNAMO.newClient();
    private static final List<String> CASES = List.of("helpdesk-events", "helpdesk-events (agent reply)", "whatsapp-webhook", "kpi-rollup");
    private static final List<String> DATES = List.of("2026-12-01T12:00:00Z", "2026-12-07T03:00:00Z", "2026-12-27T09:30:00Z",
            "2026-12-31T23:30:00Z", "2027-03-28T01:30:00Z", "2027-03-29T12:00:00Z");

    @BeforeEach
    void emptyTable() throws Exception {
        DYNAMO.reset();
        Files.createDirectories(REPO.resolve("bench/target/cold-start"));
    }

    @AfterAll
    static void stop() {
        CLIENT.close();
        DYNAMO.close();
    }

    static Stream<Arguments> casesAndDates() {
        return CASES.stream().flatMap(name -> DATES.stream().map(date -> Arguments.of(name, date)));
    }

    @ParameterizedTest(name = "{0} at {1}")
    @MethodSource("casesAndDates")
    void caseAnswersAndDoesItsWorkAtTheBenchClock(String name, String now) throws Exception {
        ColdStartBench.Target target = target(name);
        try (var aws = new FakeAws()) {
            // Given the case's data seeded at the bench's clock
            var seeding = seeded(target, now, aws);

            // When the function gets the case's event as Lambda passes it
            String answer = BenchSystem.stream(handler(seeding.system(), target), Files.readAllBytes(target.event()));

            // Then the answer and the effect pass the bench's checks
            String readable = RuntimeClient.readable(target.kind(), answer);
            assertTrue(target.ok().test(readable), readable);
            assertTrue(target.effect().test(seeding), () -> "no effect: " + seeding.system().outboxKeys(BenchEvents.SHOP));
        }
    }

    @ParameterizedTest
    @MethodSource("casesAndDates")
    void seedAlonePassesNoEffectCheck(String name, String now) throws Exception {
        ColdStartBench.Target target = target(name);
        try (var aws = new FakeAws()) {
            // When the case's data is seeded, and the function not invoked
            var seeding = seeded(target, now, aws);

            // Then the effect check finds nothing done
            assertFalse(target.effect().test(seeding));
        }
    }

    private static ColdStartBench.Target target(String name) {
        return new ColdStartBench(REPO, 1, List.of("plain"), List.of(), ColdStartBench.ChildRuntime.RIC).targets().stream()
                .filter(t -> t.name().equals(name)).findFirst().orElseThrow(() -> new AssertionError("no cold-start case " + name));
    }

    private static RequestStreamHandler handler(BenchSystem system, ColdStartBench.Target target) {
        return Map.<String, RequestStreamHandler>of("helpdesk-events", system.helpdeskEvents, "whatsapp-webhook", system.whatsApp,
                "kpi-rollup", system.kpiRollup).get(ColdStartBench.functionName(target));
    }

    private static ColdStartBench.Seeding seeded(ColdStartBench.Target target, String now, FakeAws aws) throws Exception {
        Clock clock = Clock.fixed(Instant.parse(now), ZoneOffset.UTC);
        var config = ConfigSource.loadFile(REPO.resolve("config/promptly.example.json"), true);
        var system = new BenchSystem(CLIENT, ColdStartBench.TABLE, config, aws, clock);
        var seeding = new ColdStartBench.Seeding(system, new BenchEvents(REPO), aws, REPO.resolve("bench/target"), clock);
        target.seed().into(seeding);
        return seeding;
    }
}
