package dev.promptly.app.report;

import dev.promptly.core.ShopDomain;
import dev.promptly.core.kpi.DailyKpis;
import dev.promptly.core.kpi.KpiCounts;
import dev.promptly.core.kpi.KpiPeriod;
import dev.promptly.core.kpi.KpiSlice;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * A shop's KPIs over a range: one {@link KpiPeriod} per day or week (without gaps), the {@code totals} of the
 * whole range, and the range's counts per channel, language and intent ({@code breakdown}, each dimension's
 * values with the most conversations first), all within the query's filters.
 */
public record KpiReport(ShopDomain shop, ReportQuery query, List<KpiPeriod> periods, KpiCounts totals,
                        Map<String, Map<String, KpiCounts>> breakdown) {
    /** The dimensions of {@link #breakdown}, in the order reports show them. */
    public static final List<String> DIMENSIONS = List.of("channel", "language", "intent");

    public KpiReport {
        Objects.requireNonNull(shop, "shop");
        Objects.requireNonNull(query, "query");
        Objects.requireNonNull(totals, "totals");
        periods = List.copyOf(periods);
        breakdown = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(breakdown));
    }

    /** The report of {@code query} over the stored {@code days} of {@code shop}. */
    public static KpiReport of(ShopDomain shop, ReportQuery query, List<DailyKpis> days) {
        List<DailyKpis> inRange = days.stream().filter(d -> !d.day().isBefore(query.from()) && !d.day().isAfter(query.to())).toList();
        List<KpiPeriod> periods = KpiPeriod.of(inRange, query.from(), query.to(), query.grouping(), query.channel(), query.language(),
                query.intent());
        KpiCounts totals = periods.stream().map(KpiPeriod::counts).reduce(KpiCounts.NONE, KpiCounts::plus);
        Map<String, Map<String, KpiCounts>> breakdown = new LinkedHashMap<>();
        breakdown.put("channel", by(inRange, query, KpiSlice::channel));
        breakdown.put("language", by(inRange, query, KpiSlice::language));
        breakdown.put("intent", by(inRange, query, KpiSlice::intent));
        return new KpiReport(shop, query, periods, totals, breakdown);
    }

    private static Map<String, KpiCounts> by(List<DailyKpis> days, ReportQuery query, Function<KpiSlice, String> dimension) {
        Map<String, KpiCounts> sums = new TreeMap<>();
        for (DailyKpis day : days) {
            day.slices().forEach((slice, counts) -> {
                if (slice.matches(query.channel(), query.language(), query.intent())) {
                    sums.merge(dimension.apply(slice), counts, KpiCounts::plus);
                }
            });
        }
        Map<String, KpiCounts> ordered = new LinkedHashMap<>();
        sums.entrySet().stream()
                .sorted(Comparator.comparingLong((Map.Entry<String, KpiCounts> e) -> -e.getValue().conversations()).thenComparing(Map.Entry::getKey))
                .forEach(e -> ordered.put(e.getKey(), e.getValue()));
        return ordered;
    }
}
