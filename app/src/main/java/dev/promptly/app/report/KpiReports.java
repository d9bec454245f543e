package dev.promptly.app.report;

import dev.promptly.app.port.KpiStore;
import dev.promptly.app.sla.AgentTokens;
import dev.promptly.config.ShopConfig;
import dev.promptly.core.ShopDomain;
import dev.promptly.core.error.AuthenticationException;
import dev.promptly.core.error.InvalidInputException;
import java.util.Map;
import java.util.Objects;

/**
 * {@code GET /reports/{shop}?from=&to=&group=day|week}: a shop's KPIs for a helpdesk, a spreadsheet or a person
 * with the shop's agent token. Checks, in this order: the token (401; a shop not served here, or a path that is no
 * shop domain, answers as a wrong token), the query (400); then one read of the stored KPI days ({@code KpiStore.days},
 * at most {@value ReportQuery#MAX_DAYS} items). Reads only. Thread-safe.
 */
public final class KpiReports {
    /** Stands for a path that is no shop domain; {@code .invalid} names no real host (RFC 2606), so no shop is configured so. */
    private static final ShopDomain NO_SHOP = new ShopDomain("no-shop.invalid");

    private final AgentTokens tokens;
    private final KpiStore kpis;

    public KpiReports(AgentTokens tokens, KpiStore kpis) {
        this.tokens = Objects.requireNonNull(tokens, "tokens");
        this.kpis = Objects.requireNonNull(kpis, "kpis");
    }

    /**
     * The report asked for.
     *
     * @throws AuthenticationException without the shop's agent token (401)
     * @throws InvalidInputException   a malformed query, naming the parameter (400)
     */
    public KpiReport report(String rawShop, String authorization, Map<String, String> parameters) {
        ShopDomain domain;
        try {
            domain = ShopDomain.parse(rawShop, "shop");
        } catch (InvalidInputException malformed) {
            // Not a shop domain: answered as a shop not served here, after the same comparison.
            domain = NO_SHOP;
        }
        ShopConfig shop = tokens.authorise(domain, authorization);
        ReportQuery query = ReportQuery.parse(parameters);
        return KpiReport.of(shop.domain(), query, kpis.days(shop.domain(), query.from(), query.to()));
    }

    /** SnapStart priming: one report over one day of a shop no one configures; nothing is written. */
    public void prime() {
        ReportQuery query = ReportQuery.parse(Map.of("from", "2026-01-05", "to", "2026-01-11", "group", "week"));
        KpiReportCsv.of(KpiReport.of(NO_SHOP, query, kpis.days(NO_SHOP, query.from(), query.from())));
    }
}
