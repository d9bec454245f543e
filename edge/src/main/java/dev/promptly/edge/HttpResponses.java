package dev.promptly.edge;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.promptly.core.error.AuthenticationException;
import dev.promptly.core.error.ConflictException;
import dev.promptly.core.error.InvalidInputException;
import dev.promptly.core.error.NotFoundException;
import dev.promptly.core.error.PayloadTooLargeException;
import dev.promptly.core.error.PromptlyException;
import dev.promptly.core.error.RetryLaterException;
import dev.promptly.core.error.UnknownShopException;
import dev.promptly.core.error.WebhookSignatureException;
import dev.promptly.core.json.JsonTrees;
import java.util.Map;

/** The one place that turns results and typed failures into API Gateway HTTP responses. */
public final class HttpResponses {
    /** The edge's one mapper: the answers here and the events {@link HttpEventCodec} reads and writes. */
    private static final Map<String, String> JSON_HEADERS = Map.of("Content-Type", "application/json");

    private HttpResponses() {
    }

    public static APIGatewayV2HTTPResponse json(int status, JsonNode body) {
        try {
            return APIGatewayV2HTTPResponse.builder()
                    .withStatusCode(status)
                    .withHeaders(JSON_HEADERS)
                    .withBody(JsonTrees.writeString(body))
                    .build();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree is always serialisable", e);
        }
    }

    /** A text body of {@code contentType} (say CSV), sent as is. */
    public static APIGatewayV2HTTPResponse text(int status, String contentType, String body) {
        return APIGatewayV2HTTPResponse.builder().withStatusCode(status).withHeaders(Map.of("Content-Type", contentType)).withBody(body).build();
    }

    /** {@code {"error": "<what and where>"}} with the status the failure's type stands for. */
    public static APIGatewayV2HTTPResponse problem(PromptlyException e) {
        return json(statusOf(e), JsonTrees.object().put("error", e.getMessage()));
    }

    /** {@link #problem} after logging the refusal: shop, status and the reason (which never holds personal data). */
    public static APIGatewayV2HTTPResponse rejected(dev.promptly.log.JsonLog log, String event, String shop, PromptlyException e) {
        Map<String, Object> fields = new java.util.LinkedHashMap<>();
        fields.put("shop", dev.promptly.core.ShopDomain.loggable(shop));
        fields.put("status", statusOf(e));
        fields.put("reason", e.getMessage());
        log.warn(event, fields);
        return problem(e);
    }

    /** The status code of each failure type. */
    public static int statusOf(PromptlyException e) {
        if (e instanceof InvalidInputException) {
            return 400;
        }
        if (e instanceof WebhookSignatureException || e instanceof AuthenticationException) {
            return 401;
        }
        if (e instanceof UnknownShopException || e instanceof NotFoundException) {
            return 404;
        }
        if (e instanceof ConflictException) {
            return 409;
        }
        if (e instanceof PayloadTooLargeException) {
            return 413;
        }
        if (e instanceof RetryLaterException) {
            return 503;
        }
        return 400;
    }
}
