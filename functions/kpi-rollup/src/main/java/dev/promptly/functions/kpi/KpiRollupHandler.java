package dev.promptly.functions.kpi;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.promptly.app.kpi.KpiRollup;
import dev.promptly.aws.dynamodb.DynamoKpiSources;
import dev.promptly.core.json.JsonTrees;
import dev.promptly.log.JsonLog;
import dev.promptly.wiring.Deployment;
import dev.promptly.wiring.KpiRollupWiring;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Clock;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import org.crac.Core;
import org.crac.Resource;

/**
 * The KPI rollup, run hourly by an EventBridge schedule (the event carries nothing it needs): recomputes every shop's
 * days whose windows may still change (today and the 8 days before, in the shop's zone) and stores them, one item per
 * shop and day. An operator may invoke it with {@code {"kpi_rollup": {"shop": "<shop domain>", "from": "2026-11-01",
 * "to": "2026-11-30"}}} to recompute a range of at most 400 days (docs/operations.md). Answers with the run's report.
 */
public final class KpiRollupHandler implements RequestStreamHandler, Resource {
    /** Stop starting days while this much of the invocation's time is left; a day is computed and saved whole. */
    static final Duration SAFETY_MARGIN = Duration.ofSeconds(20);

    private final KpiRollup rollup;
    private final DynamoKpiSources sources;
    private final Clock clock;
    private final JsonLog log;

    public KpiRollupHandler() {
        this(Deployment.fromEnvironment(System.getenv()));
        Core.getGlobalContext().register(this);
    }

    /** Wired by {@link Deployment}: from the environment in Lambda (the no-argument constructor), from its builder locally. */
    public KpiRollupHandler(Deployment d) {
        this(d, d.log("kpi-rollup"));
    }

    private KpiRollupHandler(Deployment d, JsonLog log) {
        this(KpiRollupWiring.kpiRollup(d, log), KpiRollupWiring.kpiSources(d), d.clock(), log);
    }

    KpiRollupHandler(KpiRollup rollup, DynamoKpiSources sources, Clock clock, JsonLog log) {
        this.rollup = rollup;
        this.sources = sources;
        this.clock = clock;
        this.log = log;
    }

    /** @throws dev.promptly.core.error.PromptlyException naming the field when an operator's range is not allowed */
    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        log.invocation(context == null ? null : context.getAwsRequestId());
        // The schedule's event carries nothing the rollup needs; an empty input (no JSON at all) is a scheduled run too.
        JsonNode event = JsonTrees.read(input);
        BooleanSupplier timeLeft = context == null ? () -> true
                : () -> context.getRemainingTimeInMillis() > SAFETY_MARGIN.toMillis();
        KpiRollup.RunReport report;
        if (event != null && event.has(KpiRollupRequest.FIELD)) {
            KpiRollupRequest request = KpiRollupRequest.parse(event.get(KpiRollupRequest.FIELD));
            report = rollup.recompute(request.shop(), request.from(), request.to(), clock.instant(), timeLeft);
        } else {
            report = rollup.run(clock.instant(), timeLeft);
        }
        JsonTrees.write(output, report(report));
    }

    /** The report as an operator's invocation and the local runner's {@code POST /local/jobs/kpi-rollup/run} show it. */
    static ObjectNode report(KpiRollup.RunReport r) {
        return JsonTrees.object().put("now", r.at().toString()).put("days", r.days()).put("conversations", r.conversations())
                .put("notices", r.notices()).put("capped_days", r.cappedDays()).put("days_left", r.daysLeft())
                .put("complete", r.daysLeft() == 0);
    }

    /** SnapStart: one empty Query of the opening index; nothing is computed or stored. */
    @Override
    public void beforeCheckpoint(org.crac.Context<? extends Resource> context) {
        sources.prime();
    }

    @Override
    public void afterRestore(org.crac.Context<? extends Resource> context) {
    }
}
