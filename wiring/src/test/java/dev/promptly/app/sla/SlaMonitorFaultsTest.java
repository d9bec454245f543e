package dev.promptly.app.sla;

import static dev.promptly.app.sla.SlaTestSystem.berlin;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.promptly.testing.FaultInjector;
import dev.promptly.testing.FaultInjector.Phase;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A DynamoDB failure while the SLA monitor records an alert stage with its outbox records — before the
 * write (nothing applied) or after it (applied, unconfirmed) — then the next run a minute later: the
 * team is alerted once, and the alert is not lost.
 */
class SlaMonitorFaultsTest {
    private static final String SIMPLE = "{\"first_response\": \"PT4H\"}";
    private final FaultInjector faults = new FaultInjector();
    private final SlaTestSystem system = new SlaTestSystem(SIMPLE, SlaTestSystem.TABLE, List.of(faults));

    @Test
    void aStageThatFailsBeforeItIsWrittenIsRecordedByTheNextRun() {
        system.message("m1");
        system.clock.set(berlin("2026-11-25T13:00"));
        faults.failNext("TransactWriteItems", Phase.BEFORE);

        var failed = system.monitor().run(100);
        system.clock.set(berlin("2026-11-25T13:01"));
        var next = system.monitor().run(100);

        assertEquals(0, failed.alerts());
        assertEquals(1, next.alerts());
        assertEquals(1, system.alerts().size());
        assertEquals(1, faults.injected());
    }

    @Test
    void aStageWrittenButNeverConfirmedIsNotRecordedAgainByTheNextRun() {
        system.message("m1");
        system.clock.set(berlin("2026-11-25T13:00"));
        faults.failNext("TransactWriteItems", Phase.AFTER);

        system.monitor().run(100);
        system.clock.set(berlin("2026-11-25T13:01"));
        system.monitor().run(100);
        system.clock.set(berlin("2026-11-25T13:02"));
        system.monitor().run(100);

        assertEquals(1, system.alerts().size(), "one warning, never two");
        assertEquals(1, faults.injected());
    }
}
