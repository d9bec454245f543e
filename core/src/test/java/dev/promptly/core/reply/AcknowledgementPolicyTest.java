package dev.promptly.core.reply;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.promptly.core.message.Channel;
import dev.promptly.core.message.LoopReason;
import dev.promptly.core.outbox.OutboxKind;
import dev.promptly.core.reply.AcknowledgementPolicy.BudgetScope;
import dev.promptly.core.reply.AcknowledgementPolicy.Decision;
import dev.promptly.core.reply.AcknowledgementPolicy.Delivery;
import dev.promptly.core.reply.AcknowledgementPolicy.Facts;
import dev.promptly.core.reply.AcknowledgementPolicy.OrderContact;
import dev.promptly.core.reply.AcknowledgementPolicy.Reply;
import dev.promptly.core.reply.AcknowledgementPolicy.ReplyLimits;
import dev.promptly.core.reply.AcknowledgementPolicy.Route;
import dev.promptly.core.reply.AcknowledgementPolicy.RouteFacts;
import dev.promptly.core.reply.AcknowledgementPolicy.Screening;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class AcknowledgementPolicyTest {
    private static final ReplyLimits LIMITS = new ReplyLimits(5, 100, OptionalInt.of(30));
    private static final Route MAIL = new Route(Delivery.EMAIL, OrderContact.MAILED_ADDRESS, false);
    private static final Route MAIL_WISMO = new Route(Delivery.EMAIL, OrderContact.MAILED_ADDRESS, true);
    private static final Screening CLEAN = new Screening(false, Optional.empty());

    private static Facts facts(Screening screening, Route route, boolean known) {
        return new Facts(screening, route, known, false, false, LIMITS);
    }

    private static Reply replyOf(Decision decision) {
        assertEquals(null, decision.reason());
        return decision.reply().orElseThrow();
    }

    @ParameterizedTest(name = "{0} with email={1}, verified phone={2}, asks={3}, names={4} -> {5}, {6}, answers={7}")
    @CsvSource({
            "EMAIL,    true,  false, false, false, EMAIL,       MAILED_ADDRESS, false",
            "EMAIL,    true,  false, true,  false, EMAIL,       MAILED_ADDRESS, true",
            "FORM,     true,  false, true,  true,  EMAIL,       MAILED_ADDRESS, true",
            "CHAT,     true,  false, false, false, HTTP_ANSWER, NONE,           false",
            "CHAT,     true,  false, true,  false, EMAIL,       MAILED_ADDRESS, true",
            "CHAT,     true,  false, false, true,  EMAIL,       MAILED_ADDRESS, false",
            "CHAT,     false, false, true,  true,  HTTP_ANSWER, NONE,           false",
            "WHATSAPP, false, true,  true,  false, WHATSAPP,    VERIFIED_PHONE, true",
            "WHATSAPP, false, true,  false, false, WHATSAPP,    VERIFIED_PHONE, false",
            "WHATSAPP, false, false, true,  false, HTTP_ANSWER, NONE,           false",
            "WHATSAPP, true,  false, true,  false, HTTP_ANSWER, NONE,           false",
            "EMAIL,    false, false, true,  false, HTTP_ANSWER, NONE,           false",
    })
    void routeMailsOrderDetailsOnlyToAContactThatMaySeeThem(Channel channel, boolean email, boolean verifiedPhone, boolean asks,
                                                           boolean names, Delivery delivery, OrderContact contact, boolean answers) {
        Route route = AcknowledgementPolicy.route(new RouteFacts(channel, email, verifiedPhone, asks, names));

        assertEquals(new Route(delivery, contact, answers), route);
    }

    @Test
    void newConversationFromAKnownSenderIsAcknowledgedWithinTheShopAndSenderBudgets() {
        Decision decision = AcknowledgementPolicy.decide(facts(CLEAN, MAIL, true));

        assertEquals(new Reply(OutboxKind.ACK, Delivery.EMAIL, true, new ReplyLimits(5, 100, OptionalInt.empty()), false), replyOf(decision));
        assertTrue(decision.startsClocks());
        assertEquals(Optional.empty(), decision.tellTeam());
    }

    @Test
    void mailToAnUnknownAddressGreetsNobodyAndSpendsTheNewSendersShare() {
        Reply reply = replyOf(AcknowledgementPolicy.decide(facts(CLEAN, MAIL, false)));

        assertFalse(reply.greetByName());
        assertEquals(LIMITS, reply.budget());
    }

    @Test
    void answerInTheHttpResponseGreetsTheSenderEvenWhenUnknown() {
        Route chat = new Route(Delivery.HTTP_ANSWER, OrderContact.NONE, false);

        Reply reply = replyOf(AcknowledgementPolicy.decide(facts(CLEAN, chat, false)));

        assertTrue(reply.greetByName());
        assertEquals(Delivery.HTTP_ANSWER, reply.delivery());
    }

    @ParameterizedTest(name = "spam={0}, loop={1} -> {2}")
    @CsvSource({
            "true,  ,                   spam",
            "true,  AUTO_SUBMITTED,     spam",
            "false, AUTO_SUBMITTED,     auto_submitted",
            "false, MAILING_LIST,       mailing_list",
            "false, OWN_LOOP_MARKER,    own_loop_marker",
    })
    void spamAndAutomaticMailGetNoReplyAndStartNoClock(boolean spam, LoopReason loop, String reason) {
        Decision decision = AcknowledgementPolicy.decide(facts(new Screening(spam, Optional.ofNullable(loop)), MAIL, true));

        assertEquals(Optional.empty(), decision.reply());
        assertEquals(reason, decision.reason());
        assertFalse(decision.startsClocks());
        assertEquals(Optional.empty(), decision.tellTeam());
    }

    @Test
    void followUpGetsNoSecondAcknowledgementButResumesTheClocks() {
        Decision decision = AcknowledgementPolicy.followUp(CLEAN);

        assertEquals(Optional.empty(), decision.reply());
        assertEquals("follow_up", decision.reason());
        assertTrue(decision.startsClocks());
    }

    @Test
    void automaticFollowUpIsStillAFollowUpButResumesNoClock() {
        Decision decision = AcknowledgementPolicy.followUp(new Screening(false, Optional.of(LoopReason.PRECEDENCE)));

        assertEquals("follow_up", decision.reason());
        assertFalse(decision.startsClocks());
    }

    @ParameterizedTest(name = "needs person={0}, keep open={1} -> waits on customer={2}")
    @CsvSource({"false, false, true", "true, false, false", "false, true, false"})
    void orderAnswerLeavesTheConversationWaitingOnTheCustomerUnlessSomeoneMustAct(boolean needsPerson, boolean keepOpen, boolean waits) {
        Reply reply = replyOf(AcknowledgementPolicy.decide(new Facts(CLEAN, MAIL_WISMO, true, needsPerson, keepOpen, LIMITS)));

        assertEquals(OutboxKind.WISMO, reply.kind());
        assertEquals(waits, reply.waitsOnCustomer());
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({"SENDER, sender, sender_budget_exhausted", "SHOP, shop, shop_budget_exhausted",
            "NEW_SENDERS, new_senders, new_senders_budget_exhausted"})
    void spentBudgetSkipsTheReplyAndTellsTheTeam(BudgetScope scope, String wire, String reason) {
        Decision queued = AcknowledgementPolicy.decide(facts(CLEAN, MAIL_WISMO, true));

        Decision decision = queued.budgetExhausted(scope);

        assertEquals(Optional.empty(), decision.reply());
        assertEquals(reason, decision.reason());
        assertEquals(wire, scope.wire());
        assertTrue(decision.startsClocks());
        assertEquals(Optional.of(scope), decision.tellTeam());
    }

    @Test
    void unrenderableReplyIsSkippedNamingTheMissingValue() {
        Decision queued = AcknowledgementPolicy.decide(facts(CLEAN, MAIL_WISMO, true));

        Decision decision = queued.templateMissing("shop_name");

        assertEquals(Optional.empty(), decision.reply());
        assertEquals("missing_template_value:shop_name", decision.reason());
        assertTrue(decision.startsClocks());
        assertEquals(Optional.empty(), decision.tellTeam());
    }

    @Test
    void aDecisionIsEitherAReplyOrAReason() {
        var reply = new Reply(OutboxKind.ACK, Delivery.EMAIL, true, LIMITS, false);

        assertThrows(IllegalArgumentException.class, () -> new Decision(Optional.of(reply), "spam", false, Optional.empty()));
        assertThrows(IllegalArgumentException.class, () -> new Decision(Optional.empty(), null, true, Optional.empty()));
    }
}
