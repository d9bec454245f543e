package dev.promptly.functions.outbox;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.promptly.app.outbox.OutboxSender;
import dev.promptly.core.ShopDomain;
import dev.promptly.core.json.JsonTrees;
import dev.promptly.log.JsonLog;
import dev.promptly.wiring.Deployment;
import dev.promptly.wiring.OutboxWiring;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.crac.Core;
import org.crac.Resource;
import java.util.Map;

/**
 * Sends outbox records as soon as they are written: triggered by the table's stream (filtered in
 * {@code template.yaml} to new {@code OUTBOX#} items). A record that fails unexpectedly is reported as a
 * batch item failure, so Lambda retries from it; delivery failures the sender handles itself (back-off,
 * then the sweep) are not failures here.
 */
public final class OutboxStreamHandler implements RequestStreamHandler, Resource {
    private static final String OUTBOX = "OUTBOX#";

    private final OutboxSender sender;
    private final JsonLog log;

    public OutboxStreamHandler() {
        this(Deployment.fromEnvironment(System.getenv()));
        Core.getGlobalContext().register(this);
    }

    /** Wired by {@link Deployment}: from the environment in Lambda (the no-argument constructor), from its builder locally. */
    public OutboxStreamHandler(Deployment d) {
        this(d, d.log("outbox-sender"));
    }

    private OutboxStreamHandler(Deployment d, JsonLog log) {
        this(OutboxWiring.outboxSender(d, log), log);
    }

    public OutboxStreamHandler(OutboxSender sender, JsonLog log) {
        this.sender = sender;
        this.log = log;
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        log.invocation(context == null ? null : context.getAwsRequestId());
        JsonNode event = JsonTrees.read(input);
        ObjectNode response = JsonTrees.object();
        ArrayNode failures = response.putArray("batchItemFailures");
        for (JsonNode record : event.path("Records")) {
            JsonNode keys = record.path("dynamodb").path("Keys");
            String pk = keys.path("pk").path("S").asText("");
            String sk = keys.path("sk").path("S").asText("");
            if (!sk.startsWith(OUTBOX) || "REMOVE".equals(record.path("eventName").asText())) {
                continue;
            }
            try {
                sender.deliver(new ShopDomain(pk), sk.substring(OUTBOX.length()));
            } catch (RuntimeException e) {
                log.error("outbox.stream_failure", Map.of("shop", pk, "outboxId", sk.substring(OUTBOX.length()),
                        "type", e.getClass().getSimpleName()));
                failures.addObject().put("itemIdentifier", record.path("dynamodb").path("SequenceNumber").asText());
                break;
            }
        }
        JsonTrees.write(output, response);
    }

    /** SnapStart: an empty query of the due index and a mail composed but never sent; nothing is written. */
    @Override
    public void beforeCheckpoint(org.crac.Context<? extends Resource> context) {
        sender.prime();
    }

    @Override
    public void afterRestore(org.crac.Context<? extends Resource> context) {
    }
}
