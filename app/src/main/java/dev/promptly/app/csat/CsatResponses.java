package dev.promptly.app.csat;

import dev.promptly.app.port.ConversationStore;
import dev.promptly.app.port.CsatSurveyStore;
import dev.promptly.app.port.CsatSurveyStore.CommentResult;
import dev.promptly.app.port.CsatSurveyStore.RateResult;
import dev.promptly.config.PromptlyConfig;
import dev.promptly.config.SecretResolver;
import dev.promptly.config.ShopConfig;
import dev.promptly.core.ShopDomain;
import dev.promptly.core.csat.CsatToken;
import dev.promptly.core.csat.CsatTokens;
import dev.promptly.core.csat.CsatTokens.Check;
import dev.promptly.log.JsonLog;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * {@code GET /csat/{token}} records the rating a survey link carries and {@code POST /csat/{token}} the optional
 * comment (docs/csat.md). The token is checked first (signature, then expiry); the first valid click of a survey
 * wins and later ones change nothing; a comment is stored once, on a rated survey. Answers are whole HTML pages
 * in the conversation's language. Comments are personal data: never logged. Thread-safe.
 */
public final class CsatResponses {
    /** The longest comment stored, in characters. */
    public static final int MAX_COMMENT_CHARS = 2000;
    /** The longest form body read: the comment percent-encoded (up to 9 bytes per character) and its field name. */
    public static final int MAX_FORM_BYTES = MAX_COMMENT_CHARS * 9 + 64;

    /** A page to answer with: the HTTP status and the HTML. */
    public record Page(int status, String html) {
        public Page {
            Objects.requireNonNull(html, "html");
        }
    }

    private final PromptlyConfig config;
    private final SecretResolver secrets;
    private final ConversationStore conversations;
    private final CsatSurveyStore store;
    private final Clock clock;
    private final JsonLog log;

    public CsatResponses(PromptlyConfig config, SecretResolver secrets, ConversationStore conversations, CsatSurveyStore store, Clock clock,
                         JsonLog log) {
        this.config = Objects.requireNonNull(config, "config");
        this.secrets = Objects.requireNonNull(secrets, "secrets");
        this.conversations = Objects.requireNonNull(conversations, "conversations");
        this.store = Objects.requireNonNull(store, "store");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.log = Objects.requireNonNull(log, "log");
    }

    /** A click on a rating link. */
    public Page click(String rawToken) {
        Check check = check(rawToken);
        if (!(check instanceof Check.Valid valid)) {
            return refused(check, "csat.click");
        }
        CsatToken token = valid.token();
        RateResult result = store.rate(token.shop(), token.conversation(), token.rating(), clock.instant());
        log.info("csat.click", Map.of("shop", token.shop(), "conversationId", token.conversation().value(),
                "outcome", result.name().toLowerCase(java.util.Locale.ROOT)));
        return switch (result) {
            case RECORDED -> page(token, 200, "thanks", token.rating(), true);
            case ALREADY_RATED -> {
                var outcome = store.outcome(token.shop(), token.conversation());
                int rating = outcome.flatMap(o -> o.rating().isPresent() ? Optional.of(o.rating().getAsInt()) : Optional.empty())
                        .orElse(token.rating());
                yield page(token, 200, "already", rating, outcome.filter(o -> o.comment().isEmpty()).isPresent());
            }
            case NO_SURVEY -> page(token, 404, "no_survey", token.rating(), false);
        };
    }

    /** The comment form sent from the page of a rating link ({@code application/x-www-form-urlencoded}, field {@code comment}). */
    public Page comment(String rawToken, byte[] form) {
        Check check = check(rawToken);
        if (!(check instanceof Check.Valid valid)) {
            return refused(check, "csat.comment");
        }
        CsatToken token = valid.token();
        Optional<String> comment = commentOf(form);
        if (comment.isEmpty()) {
            log.info("csat.comment", Map.of("shop", token.shop(), "conversationId", token.conversation().value(), "outcome", "invalid"));
            return page(token, 400, "bad_comment", token.rating(), false);
        }
        CommentResult result = store.comment(token.shop(), token.conversation(), comment.get());
        log.info("csat.comment", Map.of("shop", token.shop(), "conversationId", token.conversation().value(),
                "outcome", result.name().toLowerCase(java.util.Locale.ROOT)));
        return switch (result) {
            case RECORDED -> page(token, 200, "commented", token.rating(), false);
            case ALREADY_COMMENTED -> page(token, 409, "already_commented", token.rating(), false);
            case NOT_RATED -> page(token, 409, "not_rated", token.rating(), false);
        };
    }

    private Check check(String rawToken) {
        return CsatTokens.check(rawToken, this::secretOf, clock.instant());
    }

    /** The shop's token secret, while it is configured; a shop not served here has none. */
    private Optional<String> secretOf(ShopDomain shop) {
        return config.shop(shop).map(ShopConfig::csat).filter(c -> c.tokenSecret() != null).map(c -> secrets.resolve(c.tokenSecret()));
    }

    private Page refused(Check check, String event) {
        if (check instanceof Check.Expired expired) {
            CsatToken token = expired.token();
            log.info(event, Map.of("shop", token.shop(), "conversationId", token.conversation().value(), "outcome", "expired"));
            return page(token, 410, "expired", token.rating(), false);
        }
        log.info(event, Map.of("outcome", "invalid_token"));
        return new Page(400, CsatPages.invalid());
    }

    private Page page(CsatToken token, int status, String key, int rating, boolean withForm) {
        Optional<ShopConfig> shop = config.shop(token.shop());
        String language = shop.map(s -> conversations.load(token.shop(), token.conversation())
                .map(stored -> CsatSurveys.language(stored.conversation(), s)).orElse(CsatSurveys.language(null, s))).orElse("en");
        return new Page(status, CsatPages.page(language, shop.map(ShopConfig::name).orElse(null), key, rating, withForm));
    }

    /** The {@code comment} field of the form, trimmed; empty when missing, blank, malformed or too long. */
    static Optional<String> commentOf(byte[] form) {
        if (form == null || form.length == 0 || form.length > MAX_FORM_BYTES) {
            return Optional.empty();
        }
        String comment = null;
        // WHATWG URL standard, application/x-www-form-urlencoded parsing: '&'-separated name=value, '+' for space.
        for (String pair : new String(form, StandardCharsets.UTF_8).split("&")) {
            int eq = pair.indexOf('=');
            String name = eq < 0 ? pair : pair.substring(0, eq);
            if (name.equals("comment")) {
                try {
                    comment = URLDecoder.decode(eq < 0 ? "" : pair.substring(eq + 1), StandardCharsets.UTF_8).strip();
                } catch (IllegalArgumentException malformed) {
                    return Optional.empty();
                }
            }
        }
        if (comment == null || comment.isEmpty() || comment.codePointCount(0, comment.length()) > MAX_COMMENT_CHARS) {
            return Optional.empty();
        }
        return Optional.of(comment);
    }
}
