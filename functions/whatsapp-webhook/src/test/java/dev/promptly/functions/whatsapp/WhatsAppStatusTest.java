package dev.promptly.functions.whatsapp;

import static dev.promptly.functions.whatsapp.WhatsAppTestSystem.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.promptly.app.outbox.OutboxSender.Result;
import dev.promptly.core.outbox.DeliveryState;
import dev.promptly.core.outbox.OutboxMessage;
import dev.promptly.core.outbox.OutboxStatus;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Status webhooks (sent, delivered, read, failed) update the outbox record the message was sent from. */
class WhatsAppStatusTest {
    private final WhatsAppTestSystem system = new WhatsAppTestSystem();

    @AfterEach
    void close() {
        system.close();
    }

    /** Anna asks where her order is and the answer is sent; returns the sent record (its wamid from the stand-in). */
    private OutboxMessage answerSent() {
        OutboxMessage queued = system.annaAsksWhereHerOrderIs();
        assertEquals(Result.SENT, system.sender.deliver(system.shop, queued.id()));
        return stored(queued);
    }

    private OutboxMessage stored(OutboxMessage message) {
        return system.outbox.load(system.shop, message.id()).orElseThrow();
    }

    private Optional<DeliveryState> state(OutboxMessage message) {
        return system.outbox.deliveryState(system.shop, message.id());
    }

    private JsonNode status(OutboxMessage sent, String status, Integer code) {
        var response = system.post(system.status(sent.providerMessageId(), status, code));
        assertEquals(200, response.getStatusCode(), response.getBody());
        return json(response);
    }

    @Test
    void deliveredThenReadAreKeptAsTheRecordsDeliveryState() {
        OutboxMessage sent = answerSent();

        JsonNode delivered = status(sent, "delivered", null);
        Optional<DeliveryState> afterDelivered = state(sent);
        JsonNode read = status(sent, "read", null);

        assertEquals(1, delivered.path("statuses").asInt());
        assertEquals(1, delivered.path("statuses_applied").asInt());
        assertEquals(Optional.of(DeliveryState.DELIVERED), afterDelivered);
        assertEquals(1, read.path("statuses_applied").asInt());
        assertEquals(Optional.of(DeliveryState.READ), state(sent));
        assertEquals(OutboxStatus.SENT, stored(sent).status());
    }

    @Test
    void statusesArrivingOutOfOrderNeverMoveTheStateBackwards() {
        OutboxMessage sent = answerSent();
        status(sent, "read", null);

        JsonNode lateDelivered = status(sent, "delivered", null);
        JsonNode lateSent = status(sent, "sent", null);
        JsonNode lateFailed = status(sent, "failed", 131000);

        assertEquals(0, lateDelivered.path("statuses_applied").asInt());
        assertEquals(0, lateSent.path("statuses_applied").asInt());
        assertEquals(0, lateFailed.path("statuses_applied").asInt());
        assertEquals(Optional.of(DeliveryState.READ), state(sent));
        assertEquals(OutboxStatus.SENT, stored(sent).status());
        assertEquals(1, system.graphApi.received().size());
    }

    @Test
    void aRedeliveredStatusChangesNothing() {
        OutboxMessage sent = answerSent();
        status(sent, "delivered", null);

        JsonNode again = status(sent, "delivered", null);

        assertEquals(0, again.path("statuses_applied").asInt());
        assertEquals(0, again.path("statuses_unknown").asInt());
        assertEquals(Optional.of(DeliveryState.DELIVERED), state(sent));
    }

    @Test
    void aStatusForAMessageIdPromptlyDidNotSendChangesNoRecordAndIsCounted() {
        OutboxMessage sent = answerSent();
        int items = system.storedItems();

        var response = system.post(system.status("wamid.not-ours", "delivered", null));

        assertEquals(200, response.getStatusCode());
        assertEquals(1, json(response).path("statuses_unknown").asInt());
        assertEquals(0, json(response).path("statuses_applied").asInt());
        assertEquals(items + 1, system.storedItems(), "only the status, held in case its send is being recorded");
        assertEquals(Optional.empty(), state(sent));
        assertTrue(system.logText().contains("\"statusesUnknown\":1"), system.logText());
    }

    @Test
    void aFailureWithATemporaryCodePutsTheRecordBackForTheSenderToRetryAfterItsBackOff() {
        OutboxMessage sent = answerSent();
        assertEquals(1, sent.attempts());

        JsonNode failed = status(sent, "failed", 131000);
        OutboxMessage waiting = stored(sent);
        Result tooEarly = system.sender.deliver(system.shop, sent.id());
        system.clock.advance(Duration.ofMinutes(1));
        Result retried = system.sender.deliver(system.shop, sent.id());

        assertEquals(1, failed.path("statuses_applied").asInt());
        assertEquals(OutboxStatus.PENDING, waiting.status());
        assertEquals("whatsapp status failed: code 131000", waiting.lastError());
        assertNull(waiting.providerMessageId());
        assertEquals(Result.NOT_DUE, tooEarly);
        assertEquals(Result.SENT, retried);
        OutboxMessage resent = stored(sent);
        assertEquals(2, resent.attempts());
        assertEquals("wamid.sent-2", resent.providerMessageId());
        assertEquals(Optional.empty(), state(sent), "a new send starts without the old send's state");
        assertEquals(system.graphApi.received().get(0).body(), system.graphApi.received().get(1).body());
    }

    @Test
    void theOldSendsFailureRedeliveredAfterTheRetryChangesNothing() {
        OutboxMessage sent = answerSent();
        status(sent, "failed", 131000);
        system.clock.advance(Duration.ofMinutes(1));
        system.sender.deliver(system.shop, sent.id());

        JsonNode again = status(sent, "failed", 131000);

        assertEquals(0, again.path("statuses_applied").asInt());
        assertEquals(OutboxStatus.SENT, stored(sent).status());
        assertEquals("wamid.sent-2", stored(sent).providerMessageId());
    }

    @Test
    void aFailureWithAPermanentCodeFailsTheRecordWithTheCodeOnly() {
        OutboxMessage sent = answerSent();

        status(sent, "failed", 131026);
        system.clock.advance(Duration.ofHours(2));
        Result later = system.sender.deliver(system.shop, sent.id());

        OutboxMessage failed = stored(sent);
        assertEquals(OutboxStatus.FAILED, failed.status());
        assertEquals("whatsapp status failed: code 131026", failed.lastError());
        assertEquals(Optional.of(DeliveryState.FAILED), state(sent));
        assertEquals(Result.NOT_DUE, later);
        assertEquals(1, system.graphApi.received().size());
        assertFalse(system.logText().contains("1234567"), "no phone number in the logs");
    }

    @Test
    void aTemporaryFailureAfterTheLastAttemptFailsTheRecord() {
        OutboxMessage queued = system.annaAsksWhereHerOrderIs();
        for (Duration backOff : new Duration[] {Duration.ofMinutes(1), Duration.ofMinutes(5), Duration.ofMinutes(15), Duration.ofHours(1)}) {
            system.graphApi.refuseNext(400, 130429);
            assertEquals(Result.RETRY_LATER, system.sender.deliver(system.shop, queued.id()));
            system.clock.advance(backOff);
        }
        assertEquals(Result.SENT, system.sender.deliver(system.shop, queued.id()));
        OutboxMessage sent = stored(queued);
        assertEquals(5, sent.attempts());

        JsonNode failed = status(sent, "failed", 131000);

        assertEquals(1, failed.path("statuses_applied").asInt());
        assertEquals(OutboxStatus.FAILED, stored(sent).status());
        assertEquals("whatsapp status failed: code 131000", stored(sent).lastError());
    }

    @Test
    void aFailureReportedAfterDeliveryChangesNothing() {
        OutboxMessage sent = answerSent();
        status(sent, "delivered", null);

        JsonNode failed = status(sent, "failed", 131026);

        assertEquals(0, failed.path("statuses_applied").asInt());
        assertEquals(OutboxStatus.SENT, stored(sent).status());
        assertEquals(Optional.of(DeliveryState.DELIVERED), state(sent));
    }
}
