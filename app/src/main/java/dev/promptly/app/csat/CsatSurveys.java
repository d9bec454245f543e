package dev.promptly.app.csat;

import dev.promptly.app.outbox.AutomaticMail;
import dev.promptly.app.port.ConversationStore;
import dev.promptly.app.port.ConversationStore.ReplyBudget;
import dev.promptly.app.port.CsatSurveyStore;
import dev.promptly.app.port.CsatSurveyStore.QueueResult;
import dev.promptly.app.port.CsatSurveyStore.SurveyRecord;
import dev.promptly.app.sla.AgentActivity;
import dev.promptly.config.CsatSettings;
import dev.promptly.config.PromptlyConfig;
import dev.promptly.config.SecretResolver;
import dev.promptly.config.ShopConfig;
import dev.promptly.core.csat.CsatToken;
import dev.promptly.core.csat.CsatTokens;
import dev.promptly.core.message.Conversation;
import dev.promptly.core.message.LoopReason;
import dev.promptly.core.outbox.OutboxKind;
import dev.promptly.core.outbox.OutboxMessage;
import dev.promptly.core.outbox.OutboxStatus;
import dev.promptly.core.reply.MessageTemplates;
import dev.promptly.core.reply.RenderedMessage;
import dev.promptly.core.sla.SlaEvent;
import dev.promptly.core.sla.SlaEventType;
import dev.promptly.log.JsonLog;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Queues the satisfaction survey of a conversation the team solved (docs/csat.md): one mail to the customer in
 * the conversation's language with five signed rating links, due the shop's {@code csat.delay} after solving.
 * Only when the shop sends surveys, the customer has an e-mail address, a person of the team replied (unless
 * {@code require_human_reply} is false), the loop guard did not refuse the customer's mail, the customer got no
 * survey within {@code min_days_between} days and the reply budgets allow one more automatic mail — the last two
 * decided by the store in the same transaction that writes the survey, so a retried or concurrent solve queues one.
 * A reopen before the due time takes the survey back ({@link CsatSurveyCheck} withdraws its mail).
 * Personal data (the address, the name) is never logged. Thread-safe.
 */
public final class CsatSurveys implements AgentActivity.StatusListener {
    /** The languages Promptly ships the survey in. */
    public static final List<String> SHIPPED_LANGUAGES = List.of("de", "en");
    /** On the survey's outbox record: the time of the solve it asks about, so a later solve's survey replaces it. */
    public static final String SOLVED_AT_HEADER = "X-Promptly-Solved-At";
    private static final Set<String> REFUSED_SENDERS = Arrays.stream(LoopReason.values()).map(LoopReason::code)
            .collect(Collectors.toCollection(java.util.HashSet::new));
    private static final Map<String, List<String>> LABELS = Map.of(
            "en", List.of("very dissatisfied", "dissatisfied", "neutral", "satisfied", "very satisfied"),
            "de", List.of("sehr unzufrieden", "unzufrieden", "neutral", "zufrieden", "sehr zufrieden"));

    static {
        REFUSED_SENDERS.add("spam");
    }

    /** What became of a solve. */
    public enum Outcome { QUEUED, OFF, NO_EMAIL, NO_HUMAN_REPLY, REFUSED_SENDER, ALREADY_QUEUED, RECENTLY_SURVEYED, BUDGET_SPENT, FAILED }

    private final PromptlyConfig config;
    private final SecretResolver secrets;
    private final ConversationStore conversations;
    private final CsatSurveyStore store;
    private final Clock clock;
    private final JsonLog log;
    private final MessageTemplates templates = new MessageTemplates("csat_survey", SHIPPED_LANGUAGES);

    public CsatSurveys(PromptlyConfig config, SecretResolver secrets, ConversationStore conversations, CsatSurveyStore store, Clock clock,
                       JsonLog log) {
        this.config = Objects.requireNonNull(config, "config");
        this.secrets = Objects.requireNonNull(secrets, "secrets");
        this.conversations = Objects.requireNonNull(conversations, "conversations");
        this.store = Objects.requireNonNull(store, "store");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.log = Objects.requireNonNull(log, "log");
    }

    /** A solved conversation gets its survey, a reopened one loses a survey still waiting; other changes are not this class's. */
    @Override
    public void changed(Conversation next, List<SlaEvent> log, SlaEvent event) {
        if (event.type() == SlaEventType.SOLVED) {
            solved(next, log, event.at());
        } else if (event.type() == SlaEventType.REOPENED && config.shop(next.shop()).filter(s -> s.csat().enabled()).isPresent()) {
            try {
                if (store.withdraw(next.shop(), next.id(), clock.instant())) {
                    this.log.info("csat.survey", Map.of("shop", next.shop(), "conversationId", next.id().value(), "outcome", "withdrawn"));
                }
            } catch (RuntimeException e) {
                // The mail is still withdrawn when due (CsatSurveyCheck); only the survey's record stays.
                this.log.error("csat.withdraw_failed", Map.of("shop", next.shop(), "conversationId", next.id().value(),
                        "type", e.getClass().getSimpleName()));
            }
        }
    }

    /**
     * Queues the survey for the solve of {@code conversation} at {@code solvedAt}, {@code log} being its SLA events
     * including the solve. A failure to write is logged and leaves the solve as recorded.
     */
    public Outcome solved(Conversation conversation, List<SlaEvent> log, Instant solvedAt) {
        Outcome outcome;
        try {
            outcome = decide(conversation, log, solvedAt);
        } catch (RuntimeException e) {
            // The solve is recorded already: a retry of it is refused as a repeat, so failing the request would not
            // bring the survey back. The error is logged for the alarm instead.
            this.log.error("csat.queue_failed", Map.of("shop", conversation.shop(), "conversationId", conversation.id().value(),
                    "type", e.getClass().getSimpleName()));
            return Outcome.FAILED;
        }
        if (outcome != Outcome.OFF) {
            this.log.info("csat.survey", Map.of("shop", conversation.shop(), "conversationId", conversation.id().value(),
                    "outcome", outcome.name().toLowerCase(Locale.ROOT)));
        }
        return outcome;
    }

    private Outcome decide(Conversation conversation, List<SlaEvent> events, Instant solvedAt) {
        Optional<ShopConfig> shopConfig = config.shop(conversation.shop());
        if (shopConfig.isEmpty() || !shopConfig.get().csat().enabled()) {
            return Outcome.OFF;
        }
        ShopConfig shop = shopConfig.get();
        CsatSettings csat = shop.csat();
        String email = conversation.customer().email();
        if (email == null) {
            return Outcome.NO_EMAIL;
        }
        if (csat.requireHumanReply() && events.stream().noneMatch(e -> e.type() == SlaEventType.AGENT_REPLIED)) {
            return Outcome.NO_HUMAN_REPLY;
        }
        boolean refused = conversations.ackDecision(conversation.shop(), conversation.id())
                .filter(d -> "skipped".equals(d.outcome()) && d.reason() != null && REFUSED_SENDERS.contains(d.reason())).isPresent();
        if (refused) {
            return Outcome.REFUSED_SENDER;
        }
        Instant now = clock.instant();
        Instant due = solvedAt.plus(csat.delay());
        due = due.isBefore(now) ? now : due;
        OutboxMessage mail = mail(shop, conversation, solvedAt, due, now);
        var autoReply = shop.autoReply();
        SurveyRecord survey = new SurveyRecord(conversation.shop(), conversation.id(), solvedAt, mail, email,
                csat.minDaysBetween() == 0 ? Optional.empty() : Optional.of(now.plus(Duration.ofDays(csat.minDaysBetween()))),
                new ReplyBudget(email, autoReply.perSenderPerDay(), autoReply.perShopPerHour(), now),
                now.plus(Duration.ofDays(shop.retention().orderDays())).getEpochSecond());
        QueueResult result = store.queue(survey, now);
        return switch (result) {
            case QUEUED -> Outcome.QUEUED;
            case ALREADY_QUEUED -> Outcome.ALREADY_QUEUED;
            case RECENTLY_SURVEYED -> Outcome.RECENTLY_SURVEYED;
            case SENDER_BUDGET_EXHAUSTED, SHOP_BUDGET_EXHAUSTED -> Outcome.BUDGET_SPENT;
        };
    }

    /** The survey mail, {@code Auto-Submitted: auto-generated}, held back until {@code due}. */
    private OutboxMessage mail(ShopConfig shop, Conversation conversation, Instant solvedAt, Instant due, Instant now) {
        String language = language(conversation, shop);
        CsatSettings csat = shop.csat();
        Instant expiresAt = due.plus(csat.linkValidity());
        String secret = secrets.resolve(csat.tokenSecret());
        List<Map<String, Object>> links = new ArrayList<>();
        for (int rating = CsatToken.LOWEST; rating <= CsatToken.HIGHEST; rating++) {
            String token = CsatTokens.sign(new CsatToken(conversation.shop(), conversation.id(), rating, expiresAt), secret);
            Map<String, Object> link = new HashMap<>();
            link.put("rating", rating);
            link.put("label", LABELS.get(language).get(rating - 1));
            link.put("url", csat.link(token).toString());
            links.add(link);
        }
        Map<String, Object> data = new HashMap<>();
        data.put("shop_name", shop.name());
        data.put("ticket", conversation.ticket());
        data.put("links", links);
        data.put("valid_until", DateTimeFormatter.ofLocalizedDate(FormatStyle.LONG).withLocale(Locale.forLanguageTag(language))
                .withZone(shop.timeZone()).format(expiresAt));
        if (conversation.customer().name() != null) {
            data.put("customer_name", conversation.customer().name());
        }
        RenderedMessage rendered = templates.render(language, data, shop.templates());
        String outboxId = AutomaticMail.outboxId(now, "csat-" + conversation.id().value() + "-" + solvedAt.getEpochSecond());
        Map<String, String> headers = new LinkedHashMap<>(AutomaticMail.headers(shop, outboxId, AutomaticMail.AUTO_GENERATED));
        headers.put(SOLVED_AT_HEADER, solvedAt.toString());
        return new OutboxMessage(shop.domain(), outboxId, OutboxKind.CSAT_SURVEY, "email", conversation.customer().email(),
                shop.name() + " <" + shop.supportEmail() + ">", shop.autoReply().replyTo(), rendered.subject(), rendered.text(),
                rendered.html(), headers, conversation.id().value(), conversation.orderId(), now, OutboxStatus.PENDING, due, 0, null, null,
                null);
    }

    /** The conversation's language (null: gone) when the survey ships in it, else the shop's default, else English. */
    static String language(Conversation conversation, ShopConfig shop) {
        if (conversation != null && conversation.language() != null && SHIPPED_LANGUAGES.contains(conversation.language())) {
            return conversation.language();
        }
        return SHIPPED_LANGUAGES.contains(shop.defaultLanguage()) ? shop.defaultLanguage() : "en";
    }
}
