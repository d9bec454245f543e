package dev.promptly.local;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.promptly.core.kpi.DailyKpis;
import dev.promptly.core.kpi.KpiCounts;
import dev.promptly.core.kpi.KpiGrouping;
import dev.promptly.core.kpi.KpiPeriod;
import dev.promptly.core.kpi.KpiSlice;
import dev.promptly.core.kpi.SlaAttainment;
import dev.promptly.local.SvgCharts.Series;
import dev.promptly.local.SvgCharts.Unit;
import java.time.Duration;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.ToDoubleFunction;

/**
 * The dashboard's KPI block: headline totals over the last {@value #DAYS} days up to {@code today} (the shop's day,
 * in its zone) and four charts, one point per day: volume by intent, first response times (median and 90th
 * percentile, calendar time), SLA attainment per clock and the automation rate. Built from stored KPI days only
 * (at most 14 item reads per shop); days never stored count as zero, so the charts have no gaps. The days of
 * several shops add up date by date. Pure.
 */
final class DashboardKpis {
    static final int DAYS = 14;
    /** More intents than this would make the bars unreadable: the smallest are drawn together as "other intents". */
    private static final int MAX_INTENTS = 5;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DateTimeFormatter DAY_LABEL = DateTimeFormatter.ofPattern("d MMM", Locale.ENGLISH);

    private DashboardKpis() {
    }

    /** The first day the block covers when it ends {@code today}. */
    static LocalDate from(LocalDate today) {
        return today.minusDays(DAYS - 1);
    }

    /**
     * The block as JSON: {@code from}, {@code to}, {@code totals} (each with {@code key}, {@code label}, the raw
     * {@code value} or null, and its {@code text}) and {@code charts} (each {@code key}, {@code title}, {@code svg}).
     * A null or blank {@code channel} or {@code intent} takes every one.
     */
    static ObjectNode json(List<DailyKpis> days, LocalDate today, String channel, String intent) {
        LocalDate from = from(today);
        List<KpiPeriod> periods = KpiPeriod.of(days, from, today, KpiGrouping.DAY, channel, null, intent);
        KpiCounts total = periods.stream().map(KpiPeriod::counts).reduce(KpiCounts.NONE, KpiCounts::plus);
        List<String> labels = periods.stream().map(p -> DAY_LABEL.format(p.from())).toList();

        ObjectNode node = JSON.createObjectNode();
        node.put("from", from.toString());
        node.put("to", today.toString());
        var totals = node.putArray("totals");
        totals.add(total("conversations", "Conversations", total.conversations(), String.valueOf(total.conversations())));
        Optional<Duration> median = total.firstResponse().calendar().median();
        totals.add(total("first_response_median", "Median first response", median.map(d -> (double) d.toSeconds()).orElse(Double.NaN),
                median.map(d -> SvgCharts.duration(d.toSeconds())).orElse("–")));
        double sla = total.sla().values().stream().reduce(SlaAttainment.NONE, SlaAttainment::plus).rate();
        totals.add(total("sla_attainment", "SLA targets met", sla, percent(sla)));
        totals.add(total("first_contact_resolution", "First-contact resolution", total.firstContactResolutionRate(),
                percent(total.firstContactResolutionRate())));
        totals.add(total("automation_rate", "Answered by Promptly alone", total.automationRate(), percent(total.automationRate())));
        double csat = total.csat().average();
        totals.add(total("csat_average", "CSAT average", csat, Double.isNaN(csat) ? "–"
                : String.format(Locale.ROOT, "%.1f / 5 (%d ratings)", csat, total.csat().responses())));

        var charts = node.putArray("charts");
        charts.addObject().put("key", "volume").put("title", "Conversations by intent")
                .put("svg", SvgCharts.stackedBars("Conversations by intent", labels, volumeByIntent(days, from, today, channel, intent), Unit.COUNT));
        charts.addObject().put("key", "first_response").put("title", "First response (calendar time)")
                .put("svg", SvgCharts.lines("First response (calendar time)", labels, List.of(
                        series("median", periods, c -> seconds(c.firstResponse().calendar().median())),
                        series("90th percentile", periods, c -> seconds(c.firstResponse().calendar().percentile(0.9)))), Unit.SECONDS));
        charts.addObject().put("key", "sla").put("title", "SLA targets met")
                .put("svg", SvgCharts.lines("SLA targets met", labels, withValues(List.of(
                        series("first response", periods, c -> c.slaOf("first_response").rate()),
                        series("next response", periods, c -> c.slaOf("next_response").rate()),
                        series("resolution", periods, c -> c.slaOf("resolution").rate()))), Unit.PERCENT));
        charts.addObject().put("key", "automation").put("title", "Answered by Promptly alone")
                .put("svg", SvgCharts.lines("Answered by Promptly alone", labels, List.of(
                        series("automation rate", periods, KpiCounts::automationRate)), Unit.PERCENT));
        return node;
    }

    /** One bar segment per intent seen in the days (the largest {@value #MAX_INTENTS}, the rest together). */
    private static List<Series> volumeByIntent(List<DailyKpis> days, LocalDate from, LocalDate to, String channel, String intent) {
        Map<String, Long> volume = new LinkedHashMap<>();
        for (DailyKpis day : days) {
            if (day.day().isBefore(from) || day.day().isAfter(to)) {
                continue;
            }
            day.slices().forEach((slice, counts) -> {
                if (slice.matches(channel, null, intent) && counts.conversations() > 0) {
                    volume.merge(slice.intent(), counts.conversations(), Long::sum);
                }
            });
        }
        List<String> intents = volume.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder()).thenComparing(Map.Entry.comparingByKey()))
                .map(Map.Entry::getKey).toList();
        List<String> shown = intents.size() <= MAX_INTENTS + 1 ? intents : intents.subList(0, MAX_INTENTS);
        List<Series> series = new ArrayList<>();
        for (String name : shown) {
            series.add(series(readable(name), KpiPeriod.of(days, from, to, KpiGrouping.DAY, channel, null, name), c -> c.conversations()));
        }
        if (shown.size() < intents.size()) {
            List<Double> others = new ArrayList<>();
            List<String> rest = intents.subList(MAX_INTENTS, intents.size());
            for (LocalDate day = from; !day.isAfter(to); day = day.plusDays(1)) {
                LocalDate d = day;
                others.add((double) days.stream().filter(k -> k.day().equals(d)).flatMap(k -> k.slices().entrySet().stream())
                        .filter(e -> rest.contains(e.getKey().intent()) && e.getKey().matches(channel, null, intent))
                        .mapToLong(e -> e.getValue().conversations()).sum());
            }
            series.add(new Series("other intents", others));
        }
        return series;
    }

    /** An intent's wire name as the legend shows it: {@code address_change} → "address change", {@code none} → "not known". */
    static String readable(String intent) {
        return KpiSlice.NONE.equals(intent) ? "not known" : intent.replace('_', ' ');
    }

    /** The series that have a value on some day (a shop without resolution targets gets no empty resolution line). */
    private static List<Series> withValues(List<Series> series) {
        return series.stream().filter(s -> s.values().stream().anyMatch(Double::isFinite)).toList();
    }

    private static Series series(String name, List<KpiPeriod> periods, ToDoubleFunction<KpiCounts> value) {
        return new Series(name, periods.stream().map(p -> value.applyAsDouble(p.counts())).toList());
    }

    private static double seconds(Optional<Duration> duration) {
        return duration.map(d -> d.toMillis() / 1000.0).orElse(Double.NaN);
    }

    private static String percent(double share) {
        return Double.isNaN(share) ? "–" : Math.round(share * 100) + " %";
    }

    private static ObjectNode total(String key, String label, double value, String text) {
        ObjectNode node = JSON.createObjectNode().put("key", key).put("label", label).put("text", text);
        if (Double.isNaN(value)) {
            node.putNull("value");
        } else {
            node.put("value", value);
        }
        return node;
    }
}
