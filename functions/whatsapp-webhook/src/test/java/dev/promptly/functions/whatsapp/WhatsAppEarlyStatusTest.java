package dev.promptly.functions.whatsapp;

import static dev.promptly.functions.whatsapp.WhatsAppTestSystem.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.fasterxml.jackson.databind.JsonNode;
import dev.promptly.app.outbox.OutboxSender.Result;
import dev.promptly.app.port.DeliveryReports;
import dev.promptly.app.whatsapp.WhatsAppNotification.StatusUpdate;
import dev.promptly.app.whatsapp.WhatsAppStatuses;
import dev.promptly.core.ShopDomain;
import dev.promptly.core.outbox.DeliveryState;
import dev.promptly.core.outbox.OutboxMessage;
import dev.promptly.core.outbox.OutboxStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A status webhook can reach Promptly before the outbox sender has recorded the send it reports on (Meta
 * reports on the message while the Graph API's answer is still on its way). Such a status is held and
 * applied once the send is recorded: once, and never moving the delivery state backwards.
 */
class WhatsAppEarlyStatusTest {
    private final WhatsAppTestSystem system = new WhatsAppTestSystem();
    private final List<JsonNode> answersDuringTheSend = new CopyOnWriteArrayList<>();

    @AfterEach
    void close() {
        system.close();
    }

    /** While the stand-in handles the send, WhatsApp reports {@code statuses} on it, in that order. */
    private void whatsAppReportsDuringTheSend(String... statuses) {
        system.graphApi.duringSend(wamid -> {
            for (String status : statuses) {
                var response = system.post(system.status(wamid, status, status.equals("failed") ? 131000 : null));
                assertEquals(200, response.getStatusCode(), response.getBody());
                answersDuringTheSend.add(json(response));
            }
        });
    }

    private OutboxMessage stored(OutboxMessage message) {
        return system.outbox.load(system.shop, message.id()).orElseThrow();
    }

    private Optional<DeliveryState> state(OutboxMessage message) {
        return system.outbox.deliveryState(system.shop, message.id());
    }

    private List<DeliveryReports.HeldStatus> held(String wamid) {
        return system.outbox.held(system.shop, wamid, system.clock.instant());
    }

    @Test
    void aStatusArrivingWhileTheSendIsUnderWayIsAppliedWhenTheSendIsRecorded() {
        OutboxMessage queued = system.annaAsksWhereHerOrderIs();
        whatsAppReportsDuringTheSend("delivered");

        Result result = system.sender.deliver(system.shop, queued.id());

        assertEquals(Result.SENT, result);
        assertEquals(1, answersDuringTheSend.get(0).path("statuses_unknown").asInt(), "not yet known: held");
        assertEquals("wamid.sent-1", stored(queued).providerMessageId());
        assertEquals(Optional.of(DeliveryState.DELIVERED), state(queued));
        assertEquals(List.of(), held("wamid.sent-1"), "applied and removed");
    }

    @Test
    void statusesHeldOutOfOrderLeaveTheFurthestStateAndALateOneChangesNothing() {
        OutboxMessage queued = system.annaAsksWhereHerOrderIs();
        whatsAppReportsDuringTheSend("read", "sent");

        system.sender.deliver(system.shop, queued.id());
        JsonNode lateDelivered = json(system.post(system.status("wamid.sent-1", "delivered", null)));

        assertEquals(Optional.of(DeliveryState.READ), state(queued));
        assertEquals(0, lateDelivered.path("statuses_applied").asInt());
        assertEquals(Optional.of(DeliveryState.READ), state(queued));
    }

    @Test
    void aRedeliveredHeldStatusIsHeldOnceAppliedOnceAndChangesNothingAfterwards() {
        OutboxMessage queued = system.annaAsksWhereHerOrderIs();
        List<Integer> heldDuringTheSend = new CopyOnWriteArrayList<>();
        system.graphApi.duringSend(wamid -> {
            system.post(system.status(wamid, "delivered", null));
            system.post(system.status(wamid, "delivered", null));
            heldDuringTheSend.add(held(wamid).size());
        });

        system.sender.deliver(system.shop, queued.id());
        JsonNode again = json(system.post(system.status("wamid.sent-1", "delivered", null)));

        assertEquals(List.of(1), heldDuringTheSend);
        assertEquals(Optional.of(DeliveryState.DELIVERED), state(queued));
        assertEquals(0, again.path("statuses_applied").asInt());
        assertEquals(0, again.path("statuses_unknown").asInt());
    }

    @Test
    void aHeldTemporaryFailurePutsTheRecordBackAndTheRetryIsNotTouchedByIt() {
        OutboxMessage queued = system.annaAsksWhereHerOrderIs();
        whatsAppReportsDuringTheSend("failed");

        system.sender.deliver(system.shop, queued.id());
        OutboxMessage waiting = stored(queued);
        system.graphApi.duringSend(wamid -> { });
        system.clock.advance(Duration.ofMinutes(1));
        Result retried = system.sender.deliver(system.shop, queued.id());

        assertEquals(OutboxStatus.PENDING, waiting.status());
        assertEquals("whatsapp status failed: code 131000", waiting.lastError());
        assertNull(waiting.providerMessageId());
        assertEquals(Result.SENT, retried);
        assertEquals("wamid.sent-2", stored(queued).providerMessageId());
        assertEquals(OutboxStatus.SENT, stored(queued).status());
        assertEquals(Optional.empty(), state(queued), "the retry starts without the first send's state");
        assertEquals(2, system.graphApi.received().size());
    }

    @Test
    void aStatusAfterTheSendIsRecordedIsAppliedAtOnceAndNotHeld() {
        OutboxMessage queued = system.annaAsksWhereHerOrderIs();
        system.sender.deliver(system.shop, queued.id());
        int items = system.storedItems();

        JsonNode delivered = json(system.post(system.status("wamid.sent-1", "delivered", null)));

        assertEquals(1, delivered.path("statuses_applied").asInt());
        assertEquals(Optional.of(DeliveryState.DELIVERED), state(queued));
        assertEquals(items, system.storedItems(), "nothing held");
    }

    @Test
    void aHeldStatusWhoseSendIsNotRecordedInTimeIsNotApplied() {
        OutboxMessage queued = system.annaAsksWhereHerOrderIs();
        JsonNode early = json(system.post(system.status("wamid.sent-1", "delivered", null)));

        system.clock.advance(Duration.ofMinutes(16));
        system.sender.deliver(system.shop, queued.id());

        assertEquals(1, early.path("statuses_unknown").asInt());
        assertEquals("wamid.sent-1", stored(queued).providerMessageId());
        assertEquals(Optional.empty(), state(queued));
    }

    @Test
    void whenTheSendIsRecordedBetweenTheWebhooksTwoLooksTheWebhookAppliesTheHeldStatusItself() {
        // given: the sender records the send (and finds nothing held) just before the webhook's hold is written
        OutboxMessage queued = system.annaAsksWhereHerOrderIs();
        DeliveryReports racing = new RecordingTheSendBeforeTheHold(system.outbox, () -> system.sender.deliver(system.shop, queued.id()));
        var statuses = new WhatsAppStatuses(racing, system.clock);

        // when
        var applied = statuses.apply(system.shop, List.of(new StatusUpdate("wamid.sent-1", "delivered", system.clock.instant(), List.of())));

        // then
        assertEquals(new WhatsAppStatuses.Applied(1, 0, 0), applied);
        assertEquals(Optional.of(DeliveryState.DELIVERED), state(queued));
        assertEquals(List.of(), held("wamid.sent-1"));
    }

    /** The real store, with the outbox sender recording its send right before a status is held. */
    private record RecordingTheSendBeforeTheHold(DeliveryReports store, Runnable send) implements DeliveryReports {
        @Override
        public void hold(ShopDomain shop, HeldStatus status) {
            send.run();
            store.hold(shop, status);
        }

        @Override
        public Optional<OutboxMessage> findSent(ShopDomain shop, String providerMessageId) {
            return store.findSent(shop, providerMessageId);
        }

        @Override
        public boolean recordDelivery(ShopDomain shop, String outboxId, String providerMessageId, DeliveryState state, Instant at) {
            return store.recordDelivery(shop, outboxId, providerMessageId, state, at);
        }

        @Override
        public boolean recordFailure(OutboxMessage outcome, String providerMessageId, Instant at) {
            return store.recordFailure(outcome, providerMessageId, at);
        }

        @Override
        public Optional<DeliveryState> deliveryState(ShopDomain shop, String outboxId) {
            return store.deliveryState(shop, outboxId);
        }

        @Override
        public List<HeldStatus> held(ShopDomain shop, String providerMessageId, Instant now) {
            return store.held(shop, providerMessageId, now);
        }

        @Override
        public boolean release(ShopDomain shop, HeldStatus status) {
            return store.release(shop, status);
        }
    }
}
