package dev.promptly.functions.messages;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.promptly.app.inbound.IntakeResult;
import dev.promptly.app.inbound.MessagesApi;
import dev.promptly.core.error.PromptlyException;
import dev.promptly.core.json.JsonTrees;
import dev.promptly.core.outbox.OutboxStatus;
import dev.promptly.edge.HttpEventCodec;
import dev.promptly.edge.HttpRequests;
import dev.promptly.edge.HttpResponses;
import dev.promptly.log.JsonLog;
import dev.promptly.wiring.Deployment;
import dev.promptly.wiring.IntakeWiring;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Map;
import org.crac.Core;
import org.crac.Resource;

/**
 * {@code POST /messages}: a message from a chat widget, contact form or relay. Answers 202 with the
 * conversation, its ticket and whether the message was a repeat; a chat or relay client also gets the
 * acknowledgement to show in {@code acknowledgement} (mail acknowledgements go through the outbox).
 */
public final class MessagesHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse>, RequestStreamHandler, Resource {
    /** A chat message or form is small; a relayed mail's text part rarely exceeds this. */
    public static final int MAX_BODY_BYTES = 256 * 1024;

    private final MessagesApi api;
    private final JsonLog log;

    public MessagesHandler() {
        this(Deployment.fromEnvironment(System.getenv()));
        Core.getGlobalContext().register(this);
    }

    /** Wired by {@link Deployment}: from the environment in Lambda (the no-argument constructor), from its builder locally. */
    public MessagesHandler(Deployment d) {
        this(d, d.log("messages-api"));
    }

    private MessagesHandler(Deployment d, JsonLog log) {
        this(IntakeWiring.messagesApi(d, log), log);
    }

    public MessagesHandler(MessagesApi api, JsonLog log) {
        this.api = api;
        this.log = log;
    }

    /**
     * What Lambda calls: of the two {@code handleRequest} methods, the runtime picks this one for template.yaml's
     * {@code ::handleRequest} (it prefers the longest signature, an {@code (InputStream, OutputStream, Context)}
     * one first). The event is read and the answer written by {@link HttpEventCodec} with our own Jackson, so the
     * runtime's serialisation library stays out of the cold start; the typed method below does the work.
     */
    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        HttpEventCodec.serve(input, output, context, log, this::handleRequest);
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        log.invocation(context == null ? null : context.getAwsRequestId());
        String shop = HttpRequests.header(event, MessagesApi.SHOP_HEADER);
        try {
            IntakeResult result = api.accept(shop, HttpRequests.header(event, MessagesApi.SIGNATURE_HEADER),
                    HttpRequests.rawBody(event, MAX_BODY_BYTES));
            return HttpResponses.json(202, body(result));
        } catch (PromptlyException e) {
            return HttpResponses.rejected(log, "message.rejected", shop, e);
        }
    }

    /** The answer to an accepted message (the local runner's raw-mail route answers the same way). */
    public static ObjectNode body(IntakeResult result) {
        ObjectNode body = JsonTrees.object()
                .put("conversation_id", result.conversation() == null ? null : result.conversation().value())
                .put("ticket", result.ticket())
                .put("duplicate", result.duplicate());
        if (result.conversation() == null) {
            // A copy of the team's mail that matched nothing: recorded nowhere, counted in the log.
            body.put("ignored", result.noReplyReason());
        }
        result.acknowledgement().ifPresent(ack -> {
            ObjectNode reply = body.putObject("acknowledgement").put("status", ack.status().wire());
            if (ack.status() == OutboxStatus.RETURNED) {
                reply.put("subject", ack.subject()).put("text", ack.text()).put("html", ack.html());
            }
        });
        return body;
    }

    /**
     * SnapStart: a request for a shop no configuration has (the HTTP path, refused before any I/O), then
     * the intake's own priming (detection, calendar, templates, one DynamoDB read). Nothing is written.
     */
    @Override
    public void beforeCheckpoint(org.crac.Context<? extends Resource> context) {
        HttpEventCodec.prime();
        api.prime();
        handleRequest(APIGatewayV2HTTPEvent.builder()
                .withHeaders(Map.of("x-promptly-shop", "priming.invalid", "x-promptly-signature", "sha256=00"))
                .withBody("{\"message_id\":\"priming\",\"text\":\"priming\",\"from\":{\"email\":\"priming@example.invalid\"}}")
                .withIsBase64Encoded(false).build(), null);
    }

    @Override
    public void afterRestore(org.crac.Context<? extends Resource> context) {
    }
}
