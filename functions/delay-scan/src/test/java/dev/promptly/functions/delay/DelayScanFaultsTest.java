package dev.promptly.functions.delay;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import dev.promptly.core.outbox.OutboxKind;
import dev.promptly.testing.FaultInjector;
import dev.promptly.testing.FaultInjector.Phase;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A DynamoDB failure while the delay scan writes a decision — before it (nothing applied) or after it
 * (applied, unconfirmed) — then the next scheduled run: one notice, never two, none lost.
 */
class DelayScanFaultsTest {
    private final FaultInjector faults = new FaultInjector();
    private final DelayScanTestSystem system = new DelayScanTestSystem(DelayScanTestSystem.TABLE,
            DelayScanTestSystem.DYNAMO.clientBuilder().overrideConfiguration(c -> c.addExecutionInterceptor(faults)).build(), "");

    @AfterEach
    void close() {
        faults.clear();
        system.close();
    }

    @Test
    void aDecisionThatFailsBeforeItIsWrittenIsMadeByTheNextRun() throws Exception {
        system.deliver("orders/create", system.order(5001001, "#1001"));
        system.clock.set(DelayScanTest.BERLIN_MORNING);
        faults.failNext("TransactWriteItems", Phase.BEFORE);

        JsonNode failed = system.scan();
        assertEquals(1, failed.get("failed").asInt());
        assertEquals(0, system.outbox(OutboxKind.DELAY_NOTICE).size());

        system.clock.advance(Duration.ofMinutes(15));
        assertEquals(1, system.scan().get("notices").asInt());
        system.sender().sweep(10);

        assertEquals(1, system.outbox(OutboxKind.DELAY_NOTICE).size());
        assertEquals(1, system.smtp.getReceivedMessages().length);
    }

    @Test
    void aDecisionWrittenButNeverConfirmedIsNotMadeAgainByTheNextRun() throws Exception {
        system.deliver("orders/create", system.order(5001001, "#1001"));
        system.clock.set(DelayScanTest.BERLIN_MORNING);
        faults.failNext("TransactWriteItems", Phase.AFTER);

        assertEquals(1, system.scan().get("failed").asInt());
        system.clock.advance(Duration.ofMinutes(15));
        system.scan();
        system.clock.advance(Duration.ofDays(1));
        system.scan();
        system.sender().sweep(10);

        assertEquals(1, system.outbox(OutboxKind.DELAY_NOTICE).size());
        assertEquals(1, system.smtp.getReceivedMessages().length);
    }
}
