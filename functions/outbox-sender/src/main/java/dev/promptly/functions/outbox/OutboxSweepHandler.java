package dev.promptly.functions.outbox;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import dev.promptly.app.outbox.OutboxSender;
import dev.promptly.log.JsonLog;
import dev.promptly.wiring.Deployment;
import dev.promptly.wiring.OutboxWiring;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import org.crac.Core;
import org.crac.Resource;
import java.util.Map;

/**
 * The scheduled sweep (every minute): sends outbox records that are due and still pending — retries
 * after back-off, records held until a time, and any the stream trigger missed — read through the
 * sparse {@code OutboxDue} index, never a Scan. Answers {@code {"due": n}}, the records it looked at.
 */
public final class OutboxSweepHandler implements RequestStreamHandler, Resource {
    static final int BATCH = 200;

    private final OutboxSender sender;
    private final JsonLog log;

    public OutboxSweepHandler() {
        this(Deployment.fromEnvironment(System.getenv()));
        Core.getGlobalContext().register(this);
    }

    /** Wired by {@link Deployment}: from the environment in Lambda (the no-argument constructor), from its builder locally. */
    public OutboxSweepHandler(Deployment d) {
        this(d, d.log("outbox-sweep"));
    }

    private OutboxSweepHandler(Deployment d, JsonLog log) {
        this(OutboxWiring.outboxSender(d, log), log);
    }

    public OutboxSweepHandler(OutboxSender sender, JsonLog log) {
        this.sender = sender;
        this.log = log;
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        log.invocation(context == null ? null : context.getAwsRequestId());
        long started = System.nanoTime();
        int looked = sender.sweep(BATCH);
        // Only a sweep that found work: the local runner sweeps every few seconds, and Lambda's own REPORT
        // line already records each invocation.
        if (looked > 0) {
            log.info("outbox.sweep", Map.of("due", looked, "millis", (System.nanoTime() - started) / 1_000_000));
        }
        output.write(("{\"due\":" + looked + "}").getBytes(StandardCharsets.UTF_8));
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
