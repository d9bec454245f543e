package dev.promptly.app.csat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.promptly.core.csat.CsatToken;
import dev.promptly.core.csat.CsatTokens;
import dev.promptly.core.message.ConversationId;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What a click on a survey link and the comment form after it record, and the pages they answer with. */
class CsatLinksTest {
    private final CsatTestSystem system = new CsatTestSystem(CsatTestSystem.enabled(""));

    private List<String> solvedWithSurvey(ConversationId id) {
        system.replyAndSolve(id);
        return CsatTestSystem.tokens(system.surveyMails().get(0));
    }

    private static byte[] form(String body) {
        return body.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void theFirstClickRecordsItsRatingAndLaterClicksChangeNothing() {
        ConversationId id = system.germanMail("m1");
        List<String> tokens = solvedWithSurvey(id);
        system.clock.advance(Duration.ofHours(3));

        var first = system.responses.click(tokens.get(3));
        system.clock.advance(Duration.ofMinutes(5));
        var second = system.responses.click(tokens.get(0));
        var again = system.responses.click(tokens.get(3));

        assertEquals(200, first.status());
        assertTrue(first.html().contains("Vielen Dank für Ihre Bewertung: 4 von 5."), first.html());
        assertTrue(first.html().contains("<form method=\"post\" action=\"\">"), "the optional comment form");
        assertEquals(200, second.status());
        assertTrue(second.html().contains("bereits erfasst (4 von 5)"), second.html());
        assertEquals(200, again.status());
        var outcome = system.surveys.outcome(system.shop, id).orElseThrow();
        assertEquals(4, outcome.rating().getAsInt());
        assertEquals(system.clock.instant().minus(Duration.ofMinutes(5)), outcome.ratedAt().orElseThrow());
    }

    @Test
    void aCommentIsStoredOnceOnARatedSurvey() {
        ConversationId id = system.germanMail("m1");
        List<String> tokens = solvedWithSurvey(id);
        String token = tokens.get(4);

        var beforeRating = system.responses.comment(token, form("comment=zu+fr%C3%BCh"));
        system.responses.click(token);
        var stored = system.responses.comment(token, form("comment=Schnell+und+freundlich%2C+danke%21&other=x"));
        var second = system.responses.comment(token, form("comment=Noch+etwas"));
        var afterComment = system.responses.click(token);

        assertEquals(409, beforeRating.status());
        assertEquals(200, stored.status());
        assertTrue(stored.html().contains("Vielen Dank für Ihren Kommentar"), stored.html());
        assertEquals(409, second.status());
        assertEquals("Schnell und freundlich, danke!", system.surveys.outcome(system.shop, id).orElseThrow().comment().orElseThrow());
        assertFalse(afterComment.html().contains("<form"), "no second comment form once one is stored");
    }

    @Test
    void anEmptyMalformedOrOverlongCommentIs400AndStoresNothing() {
        ConversationId id = system.germanMail("m1");
        String token = solvedWithSurvey(id).get(2);
        system.responses.click(token);

        var empty = system.responses.comment(token, form("comment=+++"));
        var missing = system.responses.comment(token, form("note=hello"));
        var malformed = system.responses.comment(token, form("comment=%E0%A4%A"));
        var overlong = system.responses.comment(token, form("comment=" + "a".repeat(CsatResponses.MAX_COMMENT_CHARS + 1)));
        var huge = system.responses.comment(token, new byte[CsatResponses.MAX_FORM_BYTES + 1]);

        for (var page : List.of(empty, missing, malformed, overlong, huge)) {
            assertEquals(400, page.status(), page.html());
        }
        assertTrue(system.surveys.outcome(system.shop, id).orElseThrow().comment().isEmpty());
    }

    @Test
    void aTamperedOrForeignTokenIs400AndChangesNothing() {
        ConversationId id = system.germanMail("m1");
        String token = solvedWithSurvey(id).get(0);
        String payload = token.substring(0, token.indexOf('.'));
        String mac = token.substring(token.indexOf('.') + 1);
        // The same survey's conversation and shop, rating 5, signed with a secret that is not the shop's.
        String forged = CsatTokens.sign(new CsatToken(system.shop, id, 5, system.clock.instant().plus(Duration.ofDays(1))), "guessed");
        String swapped = payload.substring(0, payload.length() - 2) + (payload.endsWith("A") ? "B" : "A") + "." + mac;

        for (String bad : List.of(forged, swapped, payload, "x", token + "x", "a.b.c", "%%%")) {
            var click = system.responses.click(bad);
            var comment = system.responses.comment(bad, form("comment=hi"));
            assertEquals(400, click.status(), bad);
            assertEquals(400, comment.status(), bad);
            assertTrue(click.html().contains("Invalid link") && click.html().contains("Ungültiger Link"), click.html());
        }
        assertTrue(system.surveys.outcome(system.shop, id).orElseThrow().rating().isEmpty());
    }

    @Test
    void anExpiredLinkIs410AndRecordsNothing() {
        ConversationId id = system.germanMail("m1");
        String token = solvedWithSurvey(id).get(4);

        system.clock.advance(Duration.ofHours(2).plus(Duration.ofDays(30)));
        var click = system.responses.click(token);

        assertEquals(410, click.status());
        assertTrue(click.html().contains("Link abgelaufen"), click.html());
        assertTrue(system.surveys.outcome(system.shop, id).orElseThrow().rating().isEmpty());
    }

    @Test
    void pagesAndTheMailSpeakTheConversationsLanguageAndEscapeWhatTheyShow() {
        var shop = new CsatTestSystem(CsatTestSystem.enabled(""), "{\"per_sender_per_day\": 10, \"per_shop_per_hour\": 100}",
                "Anna's <b>Shop</b> & \\\"Co\\\"");
        ConversationId id = shop.mail("m1", "anna.beispiel@example.com", "Hello, I have a question about my voucher please. Thanks, Anna",
                Map.of());
        shop.replyAndSolve(id);
        var survey = shop.surveyMails().get(0);
        String token = CsatTestSystem.tokens(survey).get(1);

        var page = shop.responses.click(token);

        assertTrue(survey.subject().startsWith("How did we do?"), survey.subject());
        assertTrue(survey.html().contains("Anna&#39;s &lt;b&gt;Shop&lt;/b&gt; &amp; &quot;Co&quot;")
                || survey.html().contains("Anna&#x27;s &lt;b&gt;Shop&lt;/b&gt; &amp; &quot;Co&quot;"), survey.html());
        assertTrue(page.html().contains("Thank you for your rating: 2 of 5."), page.html());
        assertTrue(page.html().contains("Anna&#39;s &lt;b&gt;Shop&lt;/b&gt; &amp; &quot;Co&quot;"), page.html());
        assertFalse(page.html().contains("<b>"), page.html());
        assertFalse(page.html().toLowerCase().contains("<script"), "no JavaScript");
        assertTrue(page.html().startsWith("<!DOCTYPE html>\n<html lang=\"en\">"), page.html());
    }
}
