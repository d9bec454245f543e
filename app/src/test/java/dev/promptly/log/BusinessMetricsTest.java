package dev.promptly.log;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BusinessMetricsTest {
    @Test
    void anAcknowledgementCountsWithWhatItDidForAWismoQuestion() {
        assertEquals(List.of("Acknowledgements", "WismoAnswers"), BusinessMetrics.of("message.new_conversation",
                Map.of("acknowledgement", "pending", "reason", "acknowledged", "wismo", "answered")));
        assertEquals(List.of("Acknowledgements", "WismoAsks"), BusinessMetrics.of("message.new_conversation",
                Map.of("acknowledgement", "returned", "reason", "acknowledged", "wismo", "ask_reference")));
        assertEquals(List.of("Acknowledgements"), BusinessMetrics.of("message.new_conversation",
                Map.of("acknowledgement", "pending", "reason", "acknowledged", "wismo", "none")));
    }

    @Test
    void anUnansweredMessageCountsAsALoopGuardRefusalOrABudgetHoldByItsReason() {
        assertEquals(List.of("LoopGuardRefusals"), BusinessMetrics.of("message.new_conversation",
                Map.of("acknowledgement", "none", "reason", "auto_submitted", "wismo", "answered")));
        assertEquals(List.of("BudgetHolds"), BusinessMetrics.of("message.new_conversation",
                Map.of("acknowledgement", "none", "reason", "sender_budget_exhausted")));
        assertEquals(List.of(), BusinessMetrics.of("message.new_conversation", Map.of("acknowledgement", "none", "reason", "spam")));
    }

    @Test
    void delayNoticesSlaStagesAndFailedSendsCountOncePerEvent() {
        assertEquals(List.of("DelayNotices"), BusinessMetrics.of("delay_scan.decided", Map.of("outcome", "notice")));
        assertEquals(List.of(), BusinessMetrics.of("delay_scan.decided", Map.of("outcome", "note")));
        assertEquals(List.of("SlaWarnings"), BusinessMetrics.of("sla.alert", Map.of("stage", "warning-PT1H")));
        assertEquals(List.of("SlaBreaches"), BusinessMetrics.of("sla.alert", Map.of("stage", "breach")));
        assertEquals(List.of("SlaEscalations"), BusinessMetrics.of("sla.alert", Map.of("stage", "escalation-PT2H")));
        assertEquals(List.of(), BusinessMetrics.of("sla.alert_already_recorded", Map.of("stage", "breach")));
        assertEquals(List.of("SendFailures"), BusinessMetrics.of("outbox.failed", Map.of("kind", "ack")));
        assertEquals(List.of(), BusinessMetrics.of("outbox.delivered", Map.of("kind", "ack")));
    }
}
