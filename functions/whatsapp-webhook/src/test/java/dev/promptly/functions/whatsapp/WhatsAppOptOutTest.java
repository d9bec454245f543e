package dev.promptly.functions.whatsapp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.promptly.app.outbox.OutboxSender.Result;
import dev.promptly.app.whatsapp.WhatsAppOptOut;
import dev.promptly.core.outbox.OutboxMessage;
import dev.promptly.core.outbox.OutboxStatus;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Slice 5: "STOP" or "Abmelden" stops automatic WhatsApp messages to the number until it writes again. */
class WhatsAppOptOutTest {
    private static final String BEN = "4915112345678";

    private final WhatsAppTestSystem system = new WhatsAppTestSystem();

    @AfterEach
    void close() {
        system.close();
    }

    /** Ben writes {@code text}; returns the WhatsApp records to him that it queued. */
    private List<OutboxMessage> benWrites(String text) {
        List<String> before = system.outboxMessages().stream().map(OutboxMessage::id).toList();
        system.post(system.text(BEN, system.wamid(), text));
        return system.outboxMessages().stream().filter(m -> !before.contains(m.id()) && "whatsapp".equals(m.channel())).toList();
    }

    private Result send(OutboxMessage message) {
        return system.sender.deliver(system.shop, message.id());
    }

    private OutboxStatus statusOf(OutboxMessage message) {
        return system.outboxMessages().stream().filter(m -> m.id().equals(message.id())).findFirst().orElseThrow().status();
    }

    @Test
    void afterAbmeldenNoAutomaticMessageGoesToTheNumberUntilItWritesAgain() {
        OutboxMessage first = benWrites("Hallo, habt ihr das Shirt auch in L?").get(0);
        assertEquals(Result.SENT, send(first));

        system.clock.advance(Duration.ofHours(1));
        List<OutboxMessage> afterStop = benWrites("Abmelden");
        system.clock.advance(Duration.ofHours(1));
        benWrites("Doch noch eine Frage: gibt es das Shirt in Blau?");

        afterStop.forEach(m -> assertEquals(Result.WITHDRAWN, send(m)));
        afterStop.forEach(m -> assertEquals(OutboxStatus.WITHDRAWN, statusOf(m)));
        assertEquals(1, system.graphApi.received().size(), "only the first answer reached WhatsApp before the opt-out was answered");
        assertFalse(system.optOuts.optedOut(system.shop, BEN), "writing again opts back in");
        assertEquals(java.util.Optional.empty(), new WhatsAppOptOut(system.optOuts).withdrawReason(first),
                "automatic messages to the number may go out again");
    }

    @Test
    void stopInAnyCaseWithPunctuationOptsOutButAMessageMentioningStopDoesNot() {
        benWrites("stop!");
        boolean afterStop = system.optOuts.optedOut(system.shop, BEN);
        benWrites("Please stop sending me the wrong size");
        boolean afterSentence = system.optOuts.optedOut(system.shop, BEN);

        assertTrue(afterStop);
        assertFalse(afterSentence);
    }

    @Test
    void theAcknowledgementOfTheStopMessageItselfIsWithdrawn() {
        List<OutboxMessage> queued = benWrites("STOP");

        assertEquals(1, queued.size());
        assertEquals(Result.WITHDRAWN, send(queued.get(0)));
        assertEquals("whatsapp_opted_out", system.outboxMessages().stream().filter(m -> m.id().equals(queued.get(0).id()))
                .findFirst().orElseThrow().lastError());
        assertTrue(system.graphApi.received().isEmpty());
    }
}
