package dev.promptly.functions.email;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.promptly.app.inbound.EmailIntake;
import dev.promptly.app.inbound.SesNotification;
import dev.promptly.core.error.InvalidInputException;
import dev.promptly.core.json.JsonTrees;
import dev.promptly.log.JsonLog;
import dev.promptly.wiring.Deployment;
import dev.promptly.wiring.IntakeWiring;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import java.util.Map;
import org.crac.Core;
import org.crac.Resource;

/**
 * The Lambda action of the SES receipt rule, which first stored the raw mail in S3 under
 * {@code INBOUND_MAIL_BUCKET}/{@code INBOUND_MAIL_PREFIX}{@code <messageId>}. A malformed event is logged
 * and dropped (retrying cannot fix it); any other failure propagates, so Lambda retries the asynchronous
 * invocation and then sends it to the function's dead-letter queue.
 */
public final class SesEmailHandler implements RequestStreamHandler, Resource {
    private final EmailIntake intake;
    private final JsonLog log;

    public SesEmailHandler() {
        this(Deployment.fromEnvironment(System.getenv()));
        Core.getGlobalContext().register(this);
    }

    /** Wired by {@link Deployment}: from the environment in Lambda (the no-argument constructor), from its builder locally. */
    public SesEmailHandler(Deployment d) {
        this(d, d.log("inbound-email"));
    }

    private SesEmailHandler(Deployment d, JsonLog log) {
        this(IntakeWiring.emailIntake(d, log), log);
    }

    public SesEmailHandler(EmailIntake intake, JsonLog log) {
        this.intake = intake;
        this.log = log;
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        log.invocation(context == null ? null : context.getAwsRequestId());
        List<SesNotification> notifications;
        try {
            JsonNode event = JsonTrees.read(input);
            notifications = SesNotification.fromEvent(event == null ? JsonTrees.object() : event);
        } catch (JsonProcessingException | InvalidInputException e) {
            log.error("email.bad_event", Map.of("reason", e instanceof InvalidInputException ? e.getMessage() : "not JSON"));
            return;
        }
        for (SesNotification notification : notifications) {
            try {
                intake.accept(notification);
            } catch (InvalidInputException e) {
                log.error("email.unreadable", Map.of("correlationId", notification.sesMessageId(), "reason", e.getMessage()));
            }
        }
    }

    /** SnapStart: parse a small mail and prime the intake (one DynamoDB read); nothing is written. */
    @Override
    public void beforeCheckpoint(org.crac.Context<? extends Resource> context) {
        intake.prime();
    }

    @Override
    public void afterRestore(org.crac.Context<? extends Resource> context) {
    }
}
