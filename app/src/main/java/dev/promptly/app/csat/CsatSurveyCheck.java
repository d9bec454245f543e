package dev.promptly.app.csat;

import dev.promptly.app.outbox.SendCheck;
import dev.promptly.app.port.ConversationStore;
import dev.promptly.app.port.CsatSurveyStore;
import dev.promptly.config.PromptlyConfig;
import dev.promptly.config.ShopConfig;
import dev.promptly.core.message.ConversationId;
import dev.promptly.core.message.ConversationStatus;
import dev.promptly.core.outbox.OutboxKind;
import dev.promptly.core.outbox.OutboxMessage;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Objects;
import java.util.Optional;

/**
 * Withdraws a satisfaction survey that no longer asks about the conversation as it stands when it would go out:
 * the shop turned surveys off ({@code csat_off}), the conversation is gone ({@code conversation_gone}), or it was
 * reopened after the solve the survey asks about ({@code reopened}: not solved any more, its survey taken back, or
 * solved again later, which queued a survey of its own). Two reads by key; other messages pass unchecked.
 */
public final class CsatSurveyCheck implements SendCheck {
    private final PromptlyConfig config;
    private final ConversationStore conversations;
    private final CsatSurveyStore surveys;

    public CsatSurveyCheck(PromptlyConfig config, ConversationStore conversations, CsatSurveyStore surveys) {
        this.config = Objects.requireNonNull(config, "config");
        this.conversations = Objects.requireNonNull(conversations, "conversations");
        this.surveys = Objects.requireNonNull(surveys, "surveys");
    }

    @Override
    public Optional<String> withdrawReason(OutboxMessage message) {
        if (message.kind() != OutboxKind.CSAT_SURVEY) {
            return Optional.empty();
        }
        if (config.shop(message.shop()).map(ShopConfig::csat).filter(c -> c.enabled()).isEmpty()) {
            return Optional.of("csat_off");
        }
        Optional<ConversationId> id = ConversationId.parse(message.conversationId());
        var conversation = id.flatMap(i -> conversations.load(message.shop(), i));
        if (conversation.isEmpty()) {
            return Optional.of("conversation_gone");
        }
        if (conversation.get().conversation().status() != ConversationStatus.SOLVED) {
            return Optional.of("reopened");
        }
        Optional<Instant> surveyed = surveys.surveyedSolve(message.shop(), id.get());
        return surveyed.isPresent() && surveyed.equals(solvedAt(message)) ? Optional.empty() : Optional.of("reopened");
    }

    private static Optional<Instant> solvedAt(OutboxMessage message) {
        try {
            return Optional.ofNullable(message.headers().get(CsatSurveys.SOLVED_AT_HEADER)).map(Instant::parse);
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
