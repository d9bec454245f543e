package dev.promptly.functions.sla;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.promptly.app.report.KpiDigest;
import dev.promptly.app.sla.SlaMonitor;
import dev.promptly.core.json.JsonTrees;
import dev.promptly.log.JsonLog;
import dev.promptly.wiring.Deployment;
import dev.promptly.wiring.KpiWiring;
import dev.promptly.wiring.SlaWiring;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.crac.Core;
import org.crac.Resource;

/**
 * The SLA monitor, every minute (an EventBridge schedule; the event itself carries nothing we need): reads
 * the conversations whose checkpoint has come through the sparse {@code SlaDue} index, records the alert
 * stages that have come with their outbox records, and moves each checkpoint on. A run that overlaps the
 * next, or a retry, records nothing twice. Answers with the run's report as JSON (the schedule ignores it;
 * the local runner and an operator's invocation show it).
 *
 * <p>A second schedule invokes the same function with the input {@code {"job": "kpi_digest"}}: then it runs the
 * weekly KPI digest instead ({@link KpiDigest}: each shop's team gets last week's KPIs on Monday at the shop's
 * opening, once).
 */
public final class SlaMonitorHandler implements RequestStreamHandler, Resource {
    /** Due items per run; more wait for the next minute (oldest first). */
    static final int BATCH = 500;
    /** The input of the digest's schedule (template.yaml: SlaMonitorFunction.Events.KpiDigest.Properties.Input). */
    public static final String KPI_DIGEST_JOB = "kpi_digest";
    /** A scheduled event is about 400 bytes; anything longer is not one of ours. */
    private static final int MAX_INPUT_BYTES = 16 * 1024;

    private final SlaMonitor monitor;
    /** The weekly digest; null when a test builds the monitor alone. */
    private final KpiDigest digest;
    /** The monitor's log, told each invocation's request id; null when a test builds the monitor alone. */
    private final JsonLog log;

    public SlaMonitorHandler() {
        this(Deployment.fromEnvironment(System.getenv()));
        Core.getGlobalContext().register(this);
    }

    /** Wired by {@link Deployment}: from the environment in Lambda (the no-argument constructor), from its builder locally. */
    public SlaMonitorHandler(Deployment d) {
        this(d, d.log("sla-monitor"));
    }

    private SlaMonitorHandler(Deployment d, JsonLog log) {
        this(SlaWiring.slaMonitor(d, log), KpiWiring.kpiDigest(d, log), log);
    }

    public SlaMonitorHandler(SlaMonitor monitor) {
        this(monitor, null, null);
    }

    private SlaMonitorHandler(SlaMonitor monitor, KpiDigest digest, JsonLog log) {
        this.monitor = monitor;
        this.digest = digest;
        this.log = log;
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        if (log != null) {
            log.invocation(context == null ? null : context.getAwsRequestId());
        }
        ObjectNode answer = digest != null && isDigestJob(input.readNBytes(MAX_INPUT_BYTES)) ? report(digest.run()) : report(monitor.run(BATCH));
        output.write(JsonTrees.writeBytes(answer));
    }

    /** Whether the input is the digest schedule's {@code {"job": "kpi_digest"}}; anything else (a scheduled event) runs the monitor. */
    static boolean isDigestJob(byte[] input) {
        try {
            JsonNode node = JsonTrees.read(input);
            return node != null && KPI_DIGEST_JOB.equals(node.path("job").asText(null));
        } catch (IOException notJson) {
            return false;
        }
    }

    /** The report as the local runner's {@code POST /local/jobs/sla-monitor/run} answers it. */
    static ObjectNode report(SlaMonitor.RunReport r) {
        return JsonNodeFactory.instance.objectNode().put("now", r.at().toString()).put("due", r.due()).put("alerts", r.alerts())
                .put("already_recorded", r.alreadyRecorded()).put("digests_sent", r.digestsSent())
                .put("checkpoints_moved", r.checkpointsMoved()).put("checkpoints_cleared", r.checkpointsCleared());
    }

    /** The digest run's report, as {@code POST /local/jobs/kpi-digest/run} answers it. */
    static ObjectNode report(KpiDigest.RunReport r) {
        return JsonNodeFactory.instance.objectNode().put("now", r.at().toString()).put("due", r.due()).put("sent", r.sent())
                .put("already_sent", r.alreadySent());
    }

    /** SnapStart: one empty query of the due index, and a digest rendered from no data; the snapshot must not record or send anything. */
    @Override
    public void beforeCheckpoint(org.crac.Context<? extends Resource> context) {
        monitor.prime();
        if (digest != null) {
            digest.prime();
        }
    }

    @Override
    public void afterRestore(org.crac.Context<? extends Resource> context) {
    }
}
