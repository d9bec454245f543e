package dev.promptly.app.csat;

import java.util.Map;

/**
 * The pages a survey link opens: plain HTML in the conversation's language (English or German), no script, every
 * value escaped. A link that is not ours has no language of its own, so that page says it in both. Stateless.
 */
final class CsatPages {
    /** One page's words. */
    private record Words(String title, String body) {
    }

    private static final Map<String, Map<String, Words>> TEXT = Map.of(
            "en", Map.of(
                    "thanks", new Words("Thank you", "Thank you for your rating: {rating} of 5."),
                    "already", new Words("Already recorded", "Your rating for this request was already recorded ({rating} of 5); it stays as it is."),
                    "expired", new Words("Link expired", "This survey link has expired, so no rating was recorded. Thank you all the same."),
                    "no_survey", new Words("No survey", "There is no survey for this request (any more), so no rating was recorded."),
                    "commented", new Words("Thank you", "Thank you for your comment. We read every one."),
                    "already_commented", new Words("Comment already received", "We already have your comment on this request; it stays as it is."),
                    "not_rated", new Words("Please rate first", "Please choose a rating from the survey e-mail first."),
                    "bad_comment", new Words("Comment not saved", "The comment was empty or too long (at most {max} characters), so it was not saved."),
                    "form", new Words("Anything else you want to tell us? (optional)", "Send comment")),
            "de", Map.of(
                    "thanks", new Words("Vielen Dank", "Vielen Dank für Ihre Bewertung: {rating} von 5."),
                    "already", new Words("Bereits erfasst", "Ihre Bewertung zu dieser Anfrage wurde bereits erfasst ({rating} von 5) und bleibt unverändert."),
                    "expired", new Words("Link abgelaufen", "Dieser Umfrage-Link ist abgelaufen, daher wurde keine Bewertung erfasst. Trotzdem vielen Dank."),
                    "no_survey", new Words("Keine Umfrage", "Zu dieser Anfrage gibt es keine Umfrage (mehr), daher wurde keine Bewertung erfasst."),
                    "commented", new Words("Vielen Dank", "Vielen Dank für Ihren Kommentar. Wir lesen jeden."),
                    "already_commented", new Words("Kommentar bereits erhalten", "Ihren Kommentar zu dieser Anfrage haben wir bereits; er bleibt unverändert."),
                    "not_rated", new Words("Bitte zuerst bewerten", "Bitte wählen Sie zuerst eine Bewertung in der Umfrage-E-Mail."),
                    "bad_comment", new Words("Kommentar nicht gespeichert", "Der Kommentar war leer oder zu lang (höchstens {max} Zeichen) und wurde nicht gespeichert."),
                    "form", new Words("Möchten Sie uns noch etwas sagen? (freiwillig)", "Kommentar senden")));

    private CsatPages() {
    }

    /** The page {@code key} in {@code language}, with the comment form when {@code withForm}. */
    static String page(String language, String shopName, String key, int rating, boolean withForm) {
        Map<String, Words> words = TEXT.getOrDefault(language, TEXT.get("en"));
        Words page = words.get(key);
        String body = page.body().replace("{rating}", Integer.toString(rating))
                .replace("{max}", Integer.toString(CsatResponses.MAX_COMMENT_CHARS));
        StringBuilder html = new StringBuilder(1024);
        html.append("<!DOCTYPE html>\n<html lang=\"").append(escape(language)).append("\"><head><meta charset=\"utf-8\">")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>").append(escape(page.title()))
                .append("</title></head>\n<body style=\"font-family: sans-serif; line-height: 1.5; color: #222; max-width: 36em; margin: 2em auto; padding: 0 1em;\">\n");
        if (shopName != null) {
            html.append("<p style=\"color: #555;\">").append(escape(shopName)).append("</p>\n");
        }
        html.append("<h1>").append(escape(page.title())).append("</h1>\n<p>").append(escape(body)).append("</p>\n");
        if (withForm) {
            Words form = words.get("form");
            // An empty action posts to this page's own URL, the link's token included (HTML: form submission).
            html.append("<form method=\"post\" action=\"\">\n<p><label for=\"comment\">").append(escape(form.title()))
                    .append("</label></p>\n<p><textarea id=\"comment\" name=\"comment\" rows=\"5\" cols=\"50\" maxlength=\"")
                    .append(CsatResponses.MAX_COMMENT_CHARS).append("\"></textarea></p>\n<p><button type=\"submit\">")
                    .append(escape(form.body())).append("</button></p>\n</form>\n");
        }
        return html.append("</body></html>\n").toString();
    }

    /** The page for a link that is not ours: we cannot tell its language, so it speaks both. */
    static String invalid() {
        return "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Invalid link / Ungültiger Link</title></head>\n"
                + "<body style=\"font-family: sans-serif; line-height: 1.5; color: #222; max-width: 36em; margin: 2em auto; padding: 0 1em;\">\n"
                + "<h1>Invalid link</h1>\n<p>This survey link is not valid (incomplete or altered), so nothing was recorded. "
                + "Please use the link from the e-mail as it is.</p>\n"
                + "<h1 lang=\"de\">Ungültiger Link</h1>\n<p lang=\"de\">Dieser Umfrage-Link ist nicht gültig (unvollständig oder verändert), "
                + "daher wurde nichts erfasst. Bitte verwenden Sie den Link aus der E-Mail unverändert.</p>\n</body></html>\n";
    }

    /** HTML-escapes text for element content and quoted attribute values. */
    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
