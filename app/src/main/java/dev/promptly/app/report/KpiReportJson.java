package dev.promptly.app.report;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.promptly.core.kpi.DurationHistogram;
import dev.promptly.core.kpi.KpiCounts;
import dev.promptly.core.kpi.KpiPeriod;
import dev.promptly.core.kpi.ResponseTimes;
import dev.promptly.core.kpi.SlaAttainment;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A {@link KpiReport} as JSON (field names in docs/reports.md): counts as integers, durations as whole seconds,
 * rates as fractions 0..1 rounded to four places, and {@code null} wherever a figure is undefined (a median of
 * nothing, a rate of zero cases), never NaN. Every period lists the same SLA policies and clocks (those of the
 * whole range), so periods line up as rows.
 */
public final class KpiReportJson {
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private KpiReportJson() {
    }

    public static ObjectNode of(KpiReport report) {
        ObjectNode root = JSON.objectNode().put("shop", report.shop().value()).put("from", report.query().from().toString())
                .put("to", report.query().to().toString()).put("group", report.query().grouping().wire());
        ObjectNode filters = root.putObject("filters");
        filters.put("channel", report.query().channel()).put("language", report.query().language()).put("intent", report.query().intent());
        Set<String> slaKeys = report.totals().sla().keySet();
        var periods = root.putArray("periods");
        for (KpiPeriod period : report.periods()) {
            periods.add(period(period.from(), period.to(), period.counts(), slaKeys));
        }
        root.set("totals", period(report.query().from(), report.query().to(), report.totals(), slaKeys));
        ObjectNode breakdown = root.putObject("breakdown");
        for (String dimension : KpiReport.DIMENSIONS) {
            var rows = breakdown.putArray(dimension);
            report.breakdown().getOrDefault(dimension, Map.of()).forEach((value, counts) -> rows.add(summary(value, counts)));
        }
        return root;
    }

    /** One period: its dates and every KPI, with an entry for each of {@code slaKeys} ({@code <policy>/<clock>}). */
    static ObjectNode period(LocalDate from, LocalDate to, KpiCounts c, Set<String> slaKeys) {
        ObjectNode node = JSON.objectNode().put("from", from.toString()).put("to", to.toString());
        node.put("conversations", c.conversations());
        node.set("first_response", times(c.firstResponse()));
        node.set("next_response", times(c.nextResponse()));
        node.set("resolution", times(c.resolution()));
        ObjectNode sla = node.putObject("sla");
        for (String key : slaKeys) {
            int slash = key.lastIndexOf('/');
            String policy = slash < 0 ? key : key.substring(0, slash);
            String clock = slash < 0 ? "all" : key.substring(slash + 1);
            SlaAttainment a = c.sla().getOrDefault(key, SlaAttainment.NONE);
            ObjectNode entry = (sla.has(policy) ? (ObjectNode) sla.get(policy) : sla.putObject(policy)).putObject(clock);
            entry.put("met", a.met()).put("missed", a.missed());
            rate(entry, "attainment", a.rate());
            entry.put("warnings", a.warnings()).put("breaches", a.breaches());
        }
        ObjectNode fcr = node.putObject("first_contact_resolution").put("solved", c.solved()).put("solved_first_contact", c.solvedFirstContact());
        rate(fcr, "rate", c.firstContactResolutionRate());
        rate(node.putObject("automation").put("automated", c.automated()).put("decided", c.automationDecided()), "rate",
                c.automationRate());
        node.putObject("wismo").put("answers", c.wismoAnswers()).put("asks", c.wismoAsks());
        ObjectNode delay = node.putObject("delay_notices").put("sent", c.delayNotices()).put("contacts_prevented", c.contactsPrevented())
                .put("contacts_anyway", c.contactsAnyway());
        rate(delay, "prevention_rate", c.preventionRate());
        ObjectNode csat = node.putObject("csat");
        number(csat, "average", c.csat().average(), 100);
        ObjectNode distribution = csat.putObject("distribution");
        for (int rating = 1; rating <= 5; rating++) {
            distribution.put(Integer.toString(rating), c.csat().ratings().get(rating - 1));
        }
        csat.put("responses", c.csat().responses()).put("surveys_sent", c.csat().surveysSent());
        rate(csat, "response_rate", c.csat().responseRate());
        return node;
    }

    /** A dimension's value with its conversations and main rates over the whole range. */
    static ObjectNode summary(String value, KpiCounts c) {
        ObjectNode row = JSON.objectNode().put("value", value).put("conversations", c.conversations());
        seconds(row, "first_response_business_median_seconds", c.firstResponse().business().median());
        rate(row, "first_response_sla_attainment", c.slaOf("first_response").rate());
        rate(row, "first_contact_resolution_rate", c.firstContactResolutionRate());
        rate(row, "automation_rate", c.automationRate());
        rate(row, "prevention_rate", c.preventionRate());
        number(row, "csat_average", c.csat().average(), 100);
        rate(row, "csat_response_rate", c.csat().responseRate());
        return row;
    }

    private static ObjectNode times(ResponseTimes t) {
        ObjectNode node = JSON.objectNode();
        node.set("calendar", histogram(t.calendar()));
        node.set("business", histogram(t.business()));
        return node;
    }

    private static ObjectNode histogram(DurationHistogram h) {
        ObjectNode node = JSON.objectNode().put("count", h.count());
        seconds(node, "median_seconds", h.median());
        seconds(node, "p90_seconds", h.count() == 0 ? Optional.empty() : h.percentile(0.9));
        return node;
    }

    private static void seconds(ObjectNode node, String field, Optional<Duration> duration) {
        if (duration.isPresent()) {
            node.put(field, Math.round(duration.get().toMillis() / 1000.0));
        } else {
            node.putNull(field);
        }
    }

    static void rate(ObjectNode node, String field, double rate) {
        number(node, field, rate, 10_000);
    }

    /** {@code value} rounded to 1/{@code scale}; null when undefined (NaN), as JSON has no NaN. */
    private static void number(ObjectNode node, String field, double value, int scale) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            node.putNull(field);
        } else {
            node.put(field, Math.round(value * scale) / (double) scale);
        }
    }
}
