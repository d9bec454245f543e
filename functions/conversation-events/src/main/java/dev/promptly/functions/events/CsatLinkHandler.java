package dev.promptly.functions.events;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.promptly.app.csat.CsatResponses;
import dev.promptly.core.error.PromptlyException;
import dev.promptly.edge.HttpRequests;
import java.util.Map;
import java.util.Objects;

/**
 * {@code GET /csat/{token}} (a survey link's rating) and {@code POST /csat/{token}} (the comment form after it):
 * whole HTML pages, never cached and never sending the token on as a referrer, with a policy that allows no
 * script at all. Serves the two routes of {@link ConversationEventsHandler}'s function that customers open.
 */
final class CsatLinkHandler {
    /** The path parameter of both routes. */
    static final String TOKEN = "token";
    /** No script, no framing, forms only to this origin (the comment form posts to the page's own URL). */
    private static final Map<String, String> HEADERS = Map.of(
            "Content-Type", "text/html; charset=utf-8",
            "Cache-Control", "no-store",
            "Referrer-Policy", "no-referrer",
            "X-Content-Type-Options", "nosniff",
            "Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'");

    private final CsatResponses responses;

    CsatLinkHandler(CsatResponses responses) {
        this.responses = Objects.requireNonNull(responses, "responses");
    }

    /** Whether {@code event} came by one of the survey routes. */
    static boolean handles(APIGatewayV2HTTPEvent event) {
        return event.getPathParameters() != null && event.getPathParameters().containsKey(TOKEN);
    }

    APIGatewayV2HTTPResponse handle(APIGatewayV2HTTPEvent event) {
        String token = event.getPathParameters().get(TOKEN);
        String method = event.getRequestContext() == null || event.getRequestContext().getHttp() == null ? "GET"
                : event.getRequestContext().getHttp().getMethod();
        CsatResponses.Page page;
        if ("POST".equals(method)) {
            byte[] form;
            try {
                form = HttpRequests.rawBody(event, CsatResponses.MAX_FORM_BYTES);
            } catch (PromptlyException tooLargeOrMalformed) {
                // The comment page says what was wrong; an oversized form is treated as a comment too long.
                form = new byte[0];
            }
            page = responses.comment(token, form);
        } else {
            page = responses.click(token);
        }
        return APIGatewayV2HTTPResponse.builder().withStatusCode(page.status()).withHeaders(HEADERS).withBody(page.html()).build();
    }
}
