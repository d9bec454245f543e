package dev.promptly.functions.sla;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import dev.promptly.alert.slack.SlackAlertFormat;
import dev.promptly.app.Deployment;
import dev.promptly.app.sla.SlaMonitor;
import dev.promptly.aws.dynamodb.DynamoConversationStore;
import dev.promptly.aws.dynamodb.DynamoSlaStore;
import dev.promptly.log.JsonLog;
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

    /** The deployed wiring over a given {@link Deployment}: what the no-argument constructor builds from the environment. */
    public SlaMonitorHandler(Deployment d) {
        this(fromDeployment(d));
    }

    public SlaMonitorHandler(SlaMonitor monitor) {
        this.monitor = monitor;
    }

    private static SlaMonitor fromDeployment(Deployment d) {
        return new SlaMonitor(d.config(), new DynamoConversationStore(d.dynamoDb(), d.tableName()), new DynamoSlaStore(d.dynamoDb(), d.tableName()),
                new SlackAlertFormat(), d.clock(), JsonLog.toStdout("sla-monitor"));
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
