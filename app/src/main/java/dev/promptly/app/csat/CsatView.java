package dev.promptly.app.csat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.promptly.app.port.CsatRatings.CsatOutcome;
import java.util.Optional;

/**
 * A conversation's satisfaction survey as the conversation views show it: {@code state} {@code none} (no survey),
 * {@code sent} (queued or sent, not rated) or {@code rated}, with {@code survey_sent_at}, {@code rating},
 * {@code rated_at} and {@code has_comment}; the comment itself only when {@code withComment} (it is personal data).
 */
public final class CsatView {
    private CsatView() {
    }

    public static ObjectNode json(Optional<CsatOutcome> survey, boolean withComment) {
        ObjectNode json = JsonNodeFactory.instance.objectNode();
        if (survey.isEmpty()) {
            return json.put("state", "none");
        }
        CsatOutcome outcome = survey.get();
        json.put("state", outcome.rating().isPresent() ? "rated" : "sent");
        json.put("survey_sent_at", outcome.surveySentAt().toString());
        if (outcome.rating().isPresent()) {
            json.put("rating", outcome.rating().getAsInt());
        } else {
            json.putNull("rating");
        }
        outcome.ratedAt().ifPresent(at -> json.put("rated_at", at.toString()));
        json.put("has_comment", outcome.comment().isPresent());
        if (withComment) {
            outcome.comment().ifPresent(comment -> json.put("comment", comment));
        }
        return json;
    }
}
