package dev.promptly.bench.launcher;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;

/**
 * The HTTP API event as the runtime hands it to a {@code RequestHandler<APIGatewayV2HTTPEvent, …>},
 * decoded with the function jar's own Jackson. Kept apart from the launcher so that a jar without
 * Jackson or the event classes (the baseline) never loads this class.
 */
final class HttpEvents {
    private HttpEvents() {
    }

    static Object decode(byte[] event) throws IOException {
        return new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
                .readValue(event, APIGatewayV2HTTPEvent.class);
    }

    @SuppressWarnings("unchecked")
    static String invoke(Object handler, Object event) {
        var typed = (RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse>) handler;
        APIGatewayV2HTTPResponse response = typed.handleRequest((APIGatewayV2HTTPEvent) event, null);
        return "status " + response.getStatusCode() + " " + response.getBody();
    }
}
