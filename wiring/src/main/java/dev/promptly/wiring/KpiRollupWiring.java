package dev.promptly.wiring;

import dev.promptly.app.kpi.KpiRollup;
import dev.promptly.aws.dynamodb.DynamoKpiSources;
import dev.promptly.log.JsonLog;

/** The KPI rollup, which computes the shops' days that {@link KpiWiring}'s reports and digest show. */
public final class KpiRollupWiring {
    private KpiRollupWiring() {
    }

    /** The KPI rollup: shops' days recomputed from their conversations and delay notices into {@link KpiWiring#kpis}. */
    public static KpiRollup kpiRollup(Deployment d, JsonLog log) {
        Stores stores = Stores.of(d);
        return new KpiRollup(d.config(), stores.conversations(), stores.slas(), kpiSources(d), stores.surveys(), stores.orders(),
                KpiWiring.kpis(d), log);
    }

    /** The KPI rollup's reads by index and key range (built once per deployment). */
    public static DynamoKpiSources kpiSources(Deployment d) {
        DynamoKpiSources sources = d.kept(DynamoKpiSources.class);
        return sources != null ? sources : d.keep(DynamoKpiSources.class, new DynamoKpiSources(d.dynamoDb(), d.tableName()));
    }
}
