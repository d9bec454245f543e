package dev.promptly.core.kpi;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/** A day or week of a report, {@code from} to {@code to} inclusive, with the counts of the days stored for it. */
public record KpiPeriod(LocalDate from, LocalDate to, KpiCounts counts) {
    public KpiPeriod {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(counts, "counts");
    }

    /**
     * The periods from {@code from} to {@code to} (inclusive, clipped to that range) grouped as asked, each summing
     * the slices of its days a filter accepts; a period without stored days has zero counts, so charts have no gaps.
     */
    public static List<KpiPeriod> of(List<DailyKpis> days, LocalDate from, LocalDate to, KpiGrouping grouping, String channel,
                                     String language, String intent) {
        if (to.isBefore(from)) {
            throw new IllegalArgumentException("a report's end " + to + " lies before its start " + from);
        }
        Map<LocalDate, KpiCounts> byStart = new TreeMap<>();
        for (LocalDate day = from; !day.isAfter(to); day = day.plusDays(1)) {
            byStart.putIfAbsent(grouping.periodStart(day), KpiCounts.NONE);
        }
        for (DailyKpis day : days) {
            if (!day.day().isBefore(from) && !day.day().isAfter(to)) {
                byStart.merge(grouping.periodStart(day.day()), day.total(channel, language, intent), KpiCounts::plus);
            }
        }
        List<KpiPeriod> periods = new ArrayList<>();
        byStart.forEach((start, counts) -> {
            LocalDate end = grouping.periodEnd(start);
            periods.add(new KpiPeriod(start.isBefore(from) ? from : start, end.isAfter(to) ? to : end, counts));
        });
        return periods;
    }
}
