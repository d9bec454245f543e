package dev.promptly.wiring;

import dev.promptly.app.report.KpiDigest;
import dev.promptly.app.report.KpiReports;
import dev.promptly.app.sla.AgentTokens;
import dev.promptly.aws.dynamodb.DynamoKpiDigestStore;
import dev.promptly.aws.dynamodb.DynamoKpiStore;
import dev.promptly.log.JsonLog;

/** The shops' KPIs as shown: the reports and the weekly digest, over the days {@link KpiRollupWiring} computes. */
public final class KpiWiring {
    private KpiWiring() {
    }

    /** {@code GET /reports/{shop}}: a shop's KPIs as JSON or CSV, with the shop's agent token. */
    public static KpiReports kpiReports(Deployment d) {
        return new KpiReports(new AgentTokens(d.config(), d.secrets()), kpis(d));
    }

    /** The weekly KPI digest to each shop's team (the SLA monitor's function, on its own schedule). */
    public static KpiDigest kpiDigest(Deployment d, JsonLog log) {
        return new KpiDigest(d.config(), kpis(d), new DynamoKpiDigestStore(d.dynamoDb(), d.tableName()), d.clock(), log);
    }

    /** The shops' daily KPI rollups (built once per deployment). */
    public static DynamoKpiStore kpis(Deployment d) {
        DynamoKpiStore kpis = d.kept(DynamoKpiStore.class);
        return kpis != null ? kpis : d.keep(DynamoKpiStore.class, new DynamoKpiStore(d.dynamoDb(), d.tableName(), d.clock()));
    }
}
