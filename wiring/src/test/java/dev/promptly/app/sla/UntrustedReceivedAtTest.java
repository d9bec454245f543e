package dev.promptly.app.sla;

import static dev.promptly.app.sla.SlaTestSystem.berlin;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.promptly.app.inbound.MessagesApi;
import dev.promptly.aws.dynamodb.PromptlyTable;
import dev.promptly.core.message.ConversationId;
import dev.promptly.core.message.MessageSignature;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * A client's {@code received_at} far from now must not start the SLA clocks: through {@code POST /messages}
 * into DynamoDB Local and then the SLA monitor, as in production. The shop's clock reads Wednesday
 * 25 Nov 2026 10:00 in Berlin; first response is due within 4 business hours.
 */
class UntrustedReceivedAtTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final SlaTestSystem system = new SlaTestSystem("{\"first_response\": \"PT4H\"}");
    private final MessagesApi api = new MessagesApi(system.intake, ref -> ref.name(), system.clock);

    private ConversationId post(String messageId, String receivedAt) {
        var body = JSON.createObjectNode().put("channel", "chat").put("message_id", messageId).put("text", "Hallo, eine Frage zum Gutschein.")
                .put("received_at", receivedAt);
        body.putObject("from").put("name", "Anna Beispiel").put("email", "anna.beispiel@example.com");
        byte[] raw = body.toString().getBytes(StandardCharsets.UTF_8);
        return api.accept(system.shop.value(), MessageSignature.sign("m", raw), raw).conversation();
    }

    @Test
    void aReceivedAtYearsAgoRaisesNoImmediateOverdueAlert() {
        var id = post("m-2020", "2020-01-01T00:00:00Z");

        var run = system.monitor().run(100);

        assertEquals(0, run.alerts(), "no \"2531 d overdue\" escalation");
        assertTrue(system.alerts().isEmpty(), system.alerts().toString());
        assertEquals(PromptlyTable.sortable(berlin("2026-11-25T13:00")), system.checkpoint(id), "due 14:00 from now, warned at 13:00");
        assertTrue(system.logs.toString(StandardCharsets.UTF_8).contains("\"event\":\"message.received_at_untrusted\""));
    }

    @Test
    void aReceivedAtInTheFutureDoesNotPostponeTheClock() {
        var id = post("m-future", "2026-11-26T10:00:00+01:00");

        assertEquals(PromptlyTable.sortable(berlin("2026-11-25T13:00")), system.checkpoint(id), "counted from now, not from tomorrow");
    }

    @Test
    void aReceivedAtWithinTheWeekIsTrustedAndStartsTheClock() {
        var id = post("m-yesterday", "2026-11-24T16:00:00+01:00");

        system.monitor().run(100);

        // Tuesday 16:00 + 4 business hours (2 on Tuesday until 18:00, 2 from Wednesday 09:00) = Wednesday 11:00.
        assertEquals(1, system.alerts().size(), "the warning an hour before 11:00 is due now");
        assertTrue(system.alerts().get(0).subject().startsWith("SLA warning: First response"), system.alerts().get(0).subject());
    }
}
