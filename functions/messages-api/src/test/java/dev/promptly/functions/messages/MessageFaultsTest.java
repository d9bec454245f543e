package dev.promptly.functions.messages;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.promptly.core.outbox.OutboxStatus;
import dev.promptly.testing.FaultInjector.Phase;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.exception.SdkClientException;

/**
 * A DynamoDB failure injected at each step of a customer message's path — the decision with its outbox
 * record (one transaction), the claim, the send, the outcome — before the write (nothing applied) and
 * after it (applied, but the caller never hears), followed by what the platform does next: API Gateway's
 * client retries the request, the stream or the minute sweep tries the record again. Each time exactly
 * one acknowledgement reaches the customer, and none is lost.
 */
class MessageFaultsTest {
    private final MessagesTestSystem system = new MessagesTestSystem();

    @AfterEach
    void close() {
        system.close();
    }

    private JsonNode message() {
        return system.message("fault-1@mail.example.com", "Hallo, was kostet der Versand nach Österreich?");
    }

    private void sweepUntilQuiet() {
        for (int i = 0; i < 3; i++) {
            system.sender().sweep(100);
            system.clock.advance(Duration.ofMinutes(3)); // past any lease and the first back-off
        }
    }

    private void assertOneAcknowledgementSent() throws Exception {
        MimeMessage[] received = system.smtp.getReceivedMessages();
        assertEquals(1, received.length, "mails received");
        assertTrue(received[0].getSubject().contains("Wir haben Ihre Nachricht erhalten"), received[0].getSubject());
        assertEquals(1, system.outboxMessages().size(), "outbox records");
        assertEquals(OutboxStatus.SENT, system.outboxMessages().get(0).status());
    }

    @Test
    void aDecisionThatFailsBeforeItIsWrittenIsMadeOnceWhenTheRequestIsRetried() throws Exception {
        system.faults.failNext("TransactWriteItems", Phase.BEFORE);
        assertThrows(SdkClientException.class, () -> system.post(message()), "the client sees a 500");
        assertEquals(0, system.outboxMessages().size(), "nothing half-written");

        assertEquals(202, system.post(message()).getStatusCode());
        sweepUntilQuiet();

        assertOneAcknowledgementSent();
    }

    @Test
    void aDecisionWrittenButNeverConfirmedIsNotMadeAgainWhenTheRequestIsRetried() throws Exception {
        system.faults.failNext("TransactWriteItems", Phase.AFTER);
        assertThrows(SdkClientException.class, () -> system.post(message()));

        JsonNode retry = MessagesTestSystem.json(system.post(message()));
        assertTrue(retry.get("duplicate").asBoolean(), retry.toString());
        sweepUntilQuiet();

        assertOneAcknowledgementSent();
    }

    @Test
    void aClaimThatFailsLeavesTheRecordForTheNextSweep() throws Exception {
        system.post(message());
        system.faults.failNext("UpdateItem", Phase.BEFORE);
        system.sender().sweep(100);
        assertEquals(0, system.smtp.getReceivedMessages().length);

        sweepUntilQuiet();

        assertOneAcknowledgementSent();
        assertEquals(1, system.faults.injected());
    }

    @Test
    void aClaimWrittenButNeverConfirmedIsSentOnceAfterItsLeaseExpires() throws Exception {
        system.post(message());
        system.faults.failNext("UpdateItem", Phase.AFTER);
        system.sender().sweep(100);
        system.sender().sweep(100);
        assertEquals(0, system.smtp.getReceivedMessages().length, "claimed: no other sender takes it during the lease");

        sweepUntilQuiet();

        assertOneAcknowledgementSent();
    }

    @Test
    void anOutcomeThatFailsAfterTheSendIsRecordedWithoutASecondSend() throws Exception {
        system.post(message());
        // The first UpdateItem is the claim, the next ones record the outcome.
        system.faults.fail("UpdateItem", Phase.BEFORE, 1, 2);

        sweepUntilQuiet();

        assertOneAcknowledgementSent();
        assertEquals(2, system.faults.injected());
        assertTrue(system.logText().contains("\"event\":\"outbox.outcome_retry\""), system.logText());
    }

    @Test
    void anOutcomeWrittenButNeverConfirmedIsNotWrittenOrSentAgain() throws Exception {
        system.post(message());
        system.faults.fail("UpdateItem", Phase.AFTER, 1, 1);

        sweepUntilQuiet();

        assertOneAcknowledgementSent();
    }

    @Test
    void anOutcomeThatCannotBeRecordedAtAllIsSentAgainAfterItsLeaseWithTheSameMessageId() throws Exception {
        system.post(message());
        // A DynamoDB outage longer than the sender's retries: the one duplicate the design accepts, since no
        // mail provider deduplicates; it carries the same Message-ID, which mail clients merge.
        system.faults.fail("UpdateItem", Phase.BEFORE, 1, 4);

        sweepUntilQuiet();

        MimeMessage[] received = system.smtp.getReceivedMessages();
        assertEquals(2, received.length);
        assertEquals(received[0].getMessageID(), received[1].getMessageID());
        assertEquals(OutboxStatus.SENT, system.outboxMessages().get(0).status(), "nothing lost: recorded on the second try");
    }
}
