package dev.promptly.edge;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import dev.promptly.core.error.InvalidInputException;
import dev.promptly.core.error.PayloadTooLargeException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

/** Reads API Gateway HTTP API (payload 2.0) requests: headers regardless of case, and the raw body. */
public final class HttpRequests {
    private HttpRequests() {
    }

    /** The header's value, or null. HTTP API lower-cases names, other callers may not. */
    public static String header(APIGatewayV2HTTPEvent event, String name) {
        Map<String, String> headers = event.getHeaders();
        if (headers == null) {
            return null;
        }
        String exact = headers.get(name.toLowerCase());
        if (exact != null) {
            return exact;
        }
        for (var entry : headers.entrySet()) {
            if (entry.getKey().equalsIgnoreCase(name)) {
                return entry.getValue();
            }
        }
        return null;
    }

    /**
     * The body's bytes exactly as the client sent them: API Gateway hands binary and some text bodies
     * over base64-encoded, and a signature covers the original bytes.
     *
     * @throws PayloadTooLargeException when the body exceeds {@code limitBytes}
     */
    public static byte[] rawBody(APIGatewayV2HTTPEvent event, int limitBytes) {
        String body = event.getBody();
        if (body == null) {
            return new byte[0];
        }
        // Check the encoded length first, so an oversized body is refused before it is decoded.
        long approximate = event.getIsBase64Encoded() ? (long) body.length() * 3 / 4 : body.length();
        if (approximate > (long) limitBytes * 4) {
            throw new PayloadTooLargeException(limitBytes);
        }
        byte[] bytes;
        if (event.getIsBase64Encoded()) {
            try {
                bytes = Base64.getDecoder().decode(body);
            } catch (IllegalArgumentException e) {
                throw new InvalidInputException("body", "is marked base64-encoded but is not valid base64");
            }
        } else {
            bytes = body.getBytes(StandardCharsets.UTF_8);
        }
        if (bytes.length > limitBytes) {
            throw new PayloadTooLargeException(limitBytes);
        }
        return bytes;
    }
}
