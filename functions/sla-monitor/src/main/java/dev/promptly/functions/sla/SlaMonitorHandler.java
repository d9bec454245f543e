package dev.promptly.functions.sla;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import dev.promptly.app.sla.SlaMonitor;
import dev.promptly.wiring.Deployment;
import java.io.InputStream;
import java.io.OutputStream;
import org.crac.Core;
import org.crac.Resource;

/**
 * The SLA monitor, every minute (an EventBridge schedule; the event itself carries nothing we need): reads
 * the conversations whose checkpoint has come through the sparse {@code SlaDue} index, records the alert
 * stages that have come with their outbox records, and moves each checkpoint on. A run that overlaps the
 * next, or a retry, records nothing twice.
 */
public final class SlaMonitorHandler implements RequestStreamHandler, Resource {
    /** Due items per run; more wait for the next minute (oldest first). */
    static final int BATCH = 500;

    private final SlaMonitor monitor;

    public SlaMonitorHandler() {
        this(Deployment.fromEnvironment(System.getenv()));
        Core.getGlobalContext().register(this);
    }

    /** Wired by {@link Deployment}: from the environment in Lambda (the no-argument constructor), from its builder locally. */
    public SlaMonitorHandler(Deployment d) {
        this(d.slaMonitor(d.log("sla-monitor")));
    }

    public SlaMonitorHandler(SlaMonitor monitor) {
        this.monitor = monitor;
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) {
        monitor.run(BATCH);
    }

    /** SnapStart: one empty query of the due index; the snapshot must not record or send anything. */
    @Override
    public void beforeCheckpoint(org.crac.Context<? extends Resource> context) {
        monitor.prime();
    }

    @Override
    public void afterRestore(org.crac.Context<? extends Resource> context) {
    }
}
