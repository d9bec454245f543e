package dev.promptly.app.csat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.promptly.app.outbox.OutboxSender;
import dev.promptly.core.error.ConflictException;
import dev.promptly.core.message.ConversationId;
import dev.promptly.core.outbox.OutboxMessage;
import dev.promptly.core.outbox.OutboxStatus;
import dev.promptly.core.sla.SlaEvent;
import dev.promptly.wiring.ConversationWiring;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** When a solved conversation gets its survey, and when not: delay, once, human reply, N days, loop guard, budgets, reopen. */
class CsatSurveysTest {

    @Test
    void solvingQueuesOneSurveyInTheConversationsLanguageDueTheDelayAfterTheSolve() {
        var system = new CsatTestSystem(CsatTestSystem.enabled(""));
        ConversationId id = system.germanMail("m1");
        Instant solvedAt = system.clock.instant();

        system.replyAndSolve(id);

        List<OutboxMessage> surveys = system.surveyMails();
        assertEquals(1, surveys.size());
        OutboxMessage survey = surveys.get(0);
        assertEquals("anna.beispiel@example.com", survey.to());
        assertEquals(solvedAt.plus(Duration.ofHours(2)), survey.notBefore(), "due the shop's delay after the solve");
        assertTrue(survey.subject().startsWith("Wie zufrieden waren Sie?"), survey.subject());
        assertEquals("auto-generated", survey.headers().get("Auto-Submitted"));
        assertEquals(5, CsatTestSystem.tokens(survey).size(), survey.text());
        assertTrue(survey.html().contains("5 &ndash; sehr zufrieden"), survey.html());
        assertEquals(id.value(), survey.conversationId());
        var outcome = system.surveys.outcome(system.shop, id).orElseThrow();
        assertEquals(solvedAt, outcome.surveySentAt());
        assertTrue(outcome.rating().isEmpty());
    }

    @Test
    void theSurveyWaitsForItsDueTimeAndThenGoesOut() {
        var system = new CsatTestSystem(CsatTestSystem.enabled(""));
        ConversationId id = system.germanMail("m1");
        system.replyAndSolve(id);
        String surveyId = system.surveyMails().get(0).id();

        system.clock.advance(Duration.ofMinutes(119));
        var early = system.sender.deliver(system.shop, surveyId);
        system.clock.advance(Duration.ofMinutes(1));
        var due = system.sender.deliver(system.shop, surveyId);

        assertEquals(OutboxSender.Result.NOT_DUE, early);
        assertEquals(OutboxSender.Result.CAPTURED, due);
        assertEquals(OutboxStatus.CAPTURED, system.surveyMails().get(0).status());
    }

    @Test
    void aRetriedSolveIsRefusedAndQueuesNoSecondSurvey() {
        var system = new CsatTestSystem(CsatTestSystem.enabled(""));
        ConversationId id = system.germanMail("m1");
        system.replyAndSolve(id);

        assertThrows(ConflictException.class, () -> system.team(id, "solved"));

        assertEquals(1, system.surveyMails().size());
    }

    @Test
    void theSameSolveReportedConcurrentlyQueuesExactlyOneSurvey() throws Exception {
        var system = new CsatTestSystem(CsatTestSystem.enabled(""));
        ConversationId id = system.germanMail("m1");
        system.team(id, "agent_replied");
        var conversation = system.conversations.load(system.shop, id).orElseThrow().conversation();
        List<SlaEvent> log = system.conversations.slaEvents(system.shop, id);
        Instant solvedAt = system.clock.instant();
        CsatSurveys surveys = ConversationWiring.csatSurveys(system.deployment, system.deployment.log("test"));
        ExecutorService pool = Executors.newFixedThreadPool(6);
        List<Callable<CsatSurveys.Outcome>> calls = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            calls.add(() -> surveys.solved(conversation, log, solvedAt));
        }

        List<CsatSurveys.Outcome> outcomes = new ArrayList<>();
        for (Future<CsatSurveys.Outcome> f : pool.invokeAll(calls)) {
            outcomes.add(f.get());
        }
        pool.shutdown();
        var again = surveys.solved(conversation, log, solvedAt);

        assertEquals(1, outcomes.stream().filter(o -> o == CsatSurveys.Outcome.QUEUED).count(), outcomes.toString());
        assertTrue(outcomes.stream().allMatch(o -> o == CsatSurveys.Outcome.QUEUED || o == CsatSurveys.Outcome.ALREADY_QUEUED), outcomes.toString());
        assertEquals(CsatSurveys.Outcome.ALREADY_QUEUED, again);
        assertEquals(1, system.surveyMails().size());
    }

    @Test
    void aConversationNoPersonAnsweredGetsNoSurveyUnlessTheShopAsksForAll() {
        var strict = new CsatTestSystem(CsatTestSystem.enabled(""));
        var lenient = new CsatTestSystem(CsatTestSystem.enabled(", \"require_human_reply\": false"));
        ConversationId strictId = strict.germanMail("m1");
        ConversationId lenientId = lenient.germanMail("m1");

        strict.team(strictId, "solved");
        lenient.team(lenientId, "solved");

        assertEquals(0, strict.surveyMails().size());
        assertTrue(strict.logText().contains("\"outcome\":\"no_human_reply\""), strict.logText());
        assertEquals(1, lenient.surveyMails().size());
    }

    @Test
    void aCustomerGetsNoSecondSurveyWithinMinDaysBetween() {
        var system = new CsatTestSystem(CsatTestSystem.enabled(", \"min_days_between\": 30"));
        ConversationId first = system.germanMail("m1");
        system.replyAndSolve(first);
        ConversationId second = system.mail("m2", "Anna.Beispiel@example.com", "Hallo, noch eine Frage zur Rechnung bitte.", Map.of());

        system.replyAndSolve(second);
        system.clock.advance(Duration.ofDays(30));
        ConversationId third = system.mail("m3", "anna.beispiel@example.com", "Hallo, eine Frage zum Umtausch, danke.", Map.of());
        system.replyAndSolve(third);

        var surveyed = system.surveyMails().stream().map(OutboxMessage::conversationId).toList();
        assertEquals(List.of(first.value(), third.value()), surveyed);
        assertTrue(system.logText().contains("\"outcome\":\"recently_surveyed\""), system.logText());
    }

    @Test
    void aSenderTheLoopGuardRefusedGetsNoSurvey() {
        var system = new CsatTestSystem(CsatTestSystem.enabled(""));
        ConversationId id = system.mail("m1", "anna.beispiel@example.com", "Ich bin bis Montag nicht im Büro.",
                Map.of("Auto-Submitted", List.of("auto-replied")));

        system.replyAndSolve(id);

        assertEquals(0, system.surveyMails().size());
        assertTrue(system.logText().contains("\"outcome\":\"refused_sender\""), system.logText());
    }

    @Test
    void theSurveyCountsAgainstTheSendersDailyBudget() {
        var roomy = new CsatTestSystem(CsatTestSystem.enabled(""), "{\"per_sender_per_day\": 5, \"per_shop_per_hour\": 100}", "Demo Shop");
        var tight = new CsatTestSystem(CsatTestSystem.enabled(""), "{\"per_sender_per_day\": 1, \"per_shop_per_hour\": 100}", "Demo Shop");
        ConversationId roomyId = roomy.germanMail("m1");
        ConversationId tightId = tight.germanMail("m1");

        roomy.replyAndSolve(roomyId);
        tight.replyAndSolve(tightId);

        assertEquals("2", senderCounter(roomy), "the acknowledgement and the survey");
        assertEquals(0, tight.surveyMails().size(), "the acknowledgement spent the sender's day");
        assertTrue(tight.logText().contains("\"outcome\":\"budget_spent\""), tight.logText());
    }

    @Test
    void aReopenBeforeTheDueTimeWithdrawsTheSurveyAndTheNextSolveSendsOne() {
        var system = new CsatTestSystem(CsatTestSystem.enabled(""));
        ConversationId id = system.germanMail("m1");
        system.replyAndSolve(id);
        system.clock.advance(Duration.ofMinutes(30));
        system.team(id, "reopened");

        assertTrue(system.surveys.outcome(system.shop, id).isEmpty(), "the waiting survey was taken back");
        system.clock.advance(Duration.ofHours(2));
        system.sender.sweep(10);
        system.team(id, "solved");
        system.clock.advance(Duration.ofHours(2));
        system.sender.sweep(10);

        List<OutboxMessage> surveys = system.surveyMails();
        assertEquals(2, surveys.size());
        assertEquals(OutboxStatus.WITHDRAWN, surveys.get(0).status());
        assertEquals("reopened", surveys.get(0).lastError());
        assertEquals(OutboxStatus.CAPTURED, surveys.get(1).status());
        assertTrue(system.surveys.outcome(system.shop, id).isPresent());
    }

    @Test
    void aShopsOwnWordingOfTheSurveyIsUsedWithEscapedLinks() {
        var system = new CsatTestSystem(CsatTestSystem.enabled("") + ", \"templates\": {\"csat_survey.subject\": {\"de\": \"Ihre Meinung zu {{ticket}}\"},"
                + " \"csat_survey.txt\": {\"de\": \"{{#links}}[{{rating}}] {{url}}\\n{{/links}}\"}}");
        ConversationId id = system.germanMail("m1");

        system.replyAndSolve(id);

        OutboxMessage survey = system.surveyMails().get(0);
        assertEquals("Ihre Meinung zu " + id.ticket(), survey.subject());
        assertTrue(survey.text().startsWith("[1] https://api.example.com/prod/csat/"), survey.text());
        assertEquals(5, CsatTestSystem.tokens(survey).size());
    }

    @Test
    void aShopWithoutACsatObjectSendsNoSurvey() {
        var system = new CsatTestSystem("{\"enabled\": false}");
        ConversationId id = system.germanMail("m1");

        system.replyAndSolve(id);

        assertEquals(0, system.surveyMails().size());
        assertTrue(system.surveys.outcome(system.shop, id).isEmpty());
    }

    @Test
    void redactingTheCustomerErasesTheSurveyItsCommentAndTheMarker() {
        var system = new CsatTestSystem(CsatTestSystem.enabled(""));
        ConversationId id = system.germanMail("m1");
        system.replyAndSolve(id);
        String token = CsatTestSystem.tokens(system.surveyMails().get(0)).get(4);
        system.responses.click(token);
        system.responses.comment(token, "comment=Alles+bestens".getBytes());

        system.conversations.redactCustomer(system.shop, List.of(id), "anna.beispiel@example.com", null, List.of());

        assertTrue(system.surveys.outcome(system.shop, id).isEmpty());
        var left = system.client.query(q -> q.tableName(CsatTestSystem.TABLE).keyConditionExpression("pk = :p and begins_with(sk, :c)")
                .expressionAttributeValues(Map.of(":p", AttributeValue.fromS(system.shop.value()), ":c", AttributeValue.fromS("CSAT"))));
        assertEquals(0, left.count(), "no CSAT# item and no CSATSENT# marker is left");
        assertFalse(system.surveyMails().stream().anyMatch(m -> id.value().equals(m.conversationId())));
    }

    private static String senderCounter(CsatTestSystem system) {
        var counters = system.client.query(q -> q.tableName(CsatTestSystem.TABLE).keyConditionExpression("pk = :p and begins_with(sk, :c)")
                .expressionAttributeValues(Map.of(":p", AttributeValue.fromS(system.shop.value()), ":c", AttributeValue.fromS("BUDGET#SENDER#"))));
        assertEquals(1, counters.count());
        return counters.items().get(0).get("n").n();
    }
}
