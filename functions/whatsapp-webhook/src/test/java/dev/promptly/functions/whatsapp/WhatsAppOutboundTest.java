package dev.promptly.functions.whatsapp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.promptly.app.outbox.OutboxSender;
import dev.promptly.app.outbox.OutboxSender.Result;
import dev.promptly.app.whatsapp.WhatsAppChannel;
import dev.promptly.app.whatsapp.WhatsAppMessages;
import dev.promptly.core.outbox.OutboxMessage;
import dev.promptly.core.outbox.OutboxStatus;
import dev.promptly.log.JsonLog;
import java.io.PrintStream;
import java.io.OutputStream;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Slice 3: replies to WhatsApp messages go out through the Graph API, as text within the 24-hour window. */
class WhatsAppOutboundTest {
    private final WhatsAppTestSystem system = new WhatsAppTestSystem();

    @AfterEach
    void close() {
        system.close();
    }

    /** Anna asks where her shipped order is; returns the queued answer. */
    private OutboxMessage annaAsks() {
        return system.annaAsksWhereHerOrderIs();
    }

    private OutboxMessage stored(OutboxMessage message) {
        return system.outbox.list(system.shop).stream().filter(m -> m.id().equals(message.id())).findFirst().orElseThrow();
    }

    @Test
    void theAnswerIsPostedAsPlainTextToTheSendersNumberFromTheShopsNumberWithItsToken() {
        OutboxMessage queued = annaAsks();
        assertEquals(OutboxStatus.PENDING, queued.status());
        assertEquals("whatsapp", queued.channel());

        Result result = system.sender.deliver(system.shop, queued.id());

        assertEquals(Result.SENT, result);
        var request = system.graphApi.received().get(0);
        assertEquals("POST", request.method());
        assertEquals("/v21.0/100000000000001/messages", request.path());
        assertEquals("Bearer test-access-token", request.authorization());
        assertEquals("whatsapp", request.body().path("messaging_product").asText());
        assertEquals("+49301234567", request.body().path("to").asText());
        assertEquals("text", request.body().path("type").asText());
        String text = request.body().path("text").path("body").asText();
        assertTrue(text.contains("00340434161234567890"), text);
        assertTrue(text.contains("https://www.dhl.de/de/privatkunden/pakete-empfangen/verfolgen.html?piececode=00340434161234567890"), text);
        assertFalse(text.contains("<") || text.contains("&amp;"), "no HTML: " + text);
        OutboxMessage sent = stored(queued);
        assertEquals(OutboxStatus.SENT, sent.status());
        assertEquals("wamid.sent-1", sent.providerMessageId());
    }

    @Test
    void aTextNotSentWithinTheCustomerServiceWindowFailsWithoutCallingTheApi() {
        OutboxMessage queued = annaAsks();

        system.clock.advance(Duration.ofHours(24));
        Result result = system.sender.deliver(system.shop, queued.id());

        assertEquals(Result.FAILED, result);
        assertEquals("customer_service_window_closed", stored(queued).lastError());
        assertTrue(system.graphApi.received().isEmpty());
    }

    @Test
    void aThroughputLimitIsRetriedAfterTheBackOff() {
        OutboxMessage queued = annaAsks();
        system.graphApi.refuseNext(400, 130429);

        Result first = system.sender.deliver(system.shop, queued.id());
        OutboxMessage waiting = stored(queued);
        system.clock.advance(Duration.ofMinutes(1));
        Result second = system.sender.deliver(system.shop, queued.id());

        assertEquals(Result.RETRY_LATER, first);
        assertEquals(OutboxStatus.PENDING, waiting.status());
        assertEquals("the WhatsApp Cloud API refused the message: error 130429 (HTTP 400)", waiting.lastError());
        assertEquals(Result.SENT, second);
        assertEquals(2, system.graphApi.received().size());
        assertEquals(system.graphApi.received().get(0).body(), system.graphApi.received().get(1).body());
    }

    @Test
    void anUndeliverableNumberFailsAtOnce() {
        OutboxMessage queued = annaAsks();
        system.graphApi.refuseNext(400, 131026);

        Result result = system.sender.deliver(system.shop, queued.id());

        assertEquals(Result.FAILED, result);
        assertEquals(OutboxStatus.FAILED, stored(queued).status());
        assertEquals(1, system.graphApi.received().size());
    }

    @Test
    void withoutAnApiTheMessageIsCapturedInTheOutbox() {
        OutboxMessage queued = annaAsks();
        var capturing = new OutboxSender(system.outbox, Optional.empty(), message -> {
            throw new AssertionError("no mail");
        }, Map.of(WhatsAppMessages.CHANNEL, new WhatsAppChannel(system.config, ref -> ref.name(), Optional.empty(), system.clock)),
                system.clock, new JsonLog("outbox-sender", new PrintStream(OutputStream.nullOutputStream()), system.clock));

        Result result = capturing.deliver(system.shop, queued.id());

        assertEquals(Result.CAPTURED, result);
        assertEquals(OutboxStatus.CAPTURED, stored(queued).status());
        assertTrue(system.graphApi.received().isEmpty());
    }

    @Test
    void anOverlongAnswerIsCutToWhatsAppsLimit() {
        String text = "x".repeat(5000);

        String cut = WhatsAppMessages.text(text);

        assertEquals(WhatsAppMessages.MAX_TEXT, cut.length());
        assertTrue(cut.endsWith("…"));
        assertTrue(cut.startsWith("xxx"));
    }
}
