package dev.promptly.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.promptly.aws.dynamodb.PromptlyTable;
import dev.promptly.dynamodblocal.EmbeddedDynamoDb;
import dev.promptly.wiring.ConfigSource;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The cold-start bench's SLA monitor cases hold on any day: "nothing due" finds nothing and "one due" records
 * an alert, whatever the bench's clock says. The dates include the one the old fixed sample alerted on
 * (four days after its received_at), a Monday night, the day after Christmas and Easter Monday.
 */
class SlaBenchDataTest {
    private static final Path REPO = Path.of("..").toAbsolutePath().normalize();
    private static final EmbeddedDynamoDb DYNAMO = EmbeddedDynamoDb.inMemory(List.of(PromptlyTable.createTableRequest(ColdStartBench.TABLE)));
    private static final DynamoDbClient CLIENT = DYNAMO.newClient();

    @BeforeEach
    void emptyTable() {
        DYNAMO.reset();
    }

    @AfterAll
    static void stop() {
        CLIENT.close();
        DYNAMO.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"2026-12-01T12:00:00Z", "2026-12-07T03:00:00Z", "2026-12-27T09:30:00Z", "2027-03-29T12:00:00Z"})
    void nothingDueCaseFindsNothingAtTheBenchClock(String now) throws Exception {
        try (var aws = new FakeAws()) {
            var seeding = seeding(aws, Clock.fixed(Instant.parse(now), ZoneOffset.UTC));
            ColdStartBench.pendingAcknowledgement(seeding);
            List<String> seeded = seeding.system().outboxKeys(BenchEvents.SHOP);

            BenchSystem.stream(seeding.system().slaMonitor, "{}".getBytes(StandardCharsets.UTF_8));

            assertEquals(seeded, seeding.system().outboxKeys(BenchEvents.SHOP));
            // The acknowledgement, beside the example configuration's team copy.
            assertEquals(1, seeded.stream().filter(key -> !key.contains("-team_copy-")).count(), seeded.toString());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"2026-12-01T12:00:00Z", "2026-12-07T03:00:00Z", "2026-12-27T09:30:00Z", "2027-03-29T12:00:00Z"})
    void oneDueCaseRecordsAnAlertAtTheBenchClock(String now) throws Exception {
        try (var aws = new FakeAws()) {
            var seeding = seeding(aws, Clock.fixed(Instant.parse(now), ZoneOffset.UTC));
            ColdStartBench.overdueConversation(seeding);
            int seeded = seeding.system().outboxKeys(BenchEvents.SHOP).size();

            BenchSystem.stream(seeding.system().slaMonitor, "{}".getBytes(StandardCharsets.UTF_8));

            assertTrue(seeding.system().outboxKeys(BenchEvents.SHOP).size() > seeded,
                    () -> "no alert recorded: " + seeding.system().outboxKeys(BenchEvents.SHOP));
        }
    }

    private static ColdStartBench.Seeding seeding(FakeAws aws, Clock clock) throws Exception {
        var config = ConfigSource.loadFile(REPO.resolve("config/promptly.example.json"), true);
        var system = new BenchSystem(CLIENT, ColdStartBench.TABLE, config, aws, clock);
        return new ColdStartBench.Seeding(system, new BenchEvents(REPO), aws, REPO.resolve("bench/target"), clock);
    }
}
