package dev.promptly.core.kpi;

import dev.promptly.core.ShopDomain;
import java.time.LocalDate;
import java.util.Map;
import java.util.Objects;
import java.util.HashMap;

/**
 * One shop's KPIs for one day in the shop's time zone, per slice (channel, language, intent). A conversation counts
 * on the day it was opened, a delay notice on the day it was sent, so a day's figures keep changing while its
 * 72-hour and 7-day windows are open and are then final. One stored item per shop and day: a month is ~31 reads.
 */
public record DailyKpis(ShopDomain shop, LocalDate day, Map<KpiSlice, KpiCounts> slices) {
    public DailyKpis {
        Objects.requireNonNull(shop, "shop");
        Objects.requireNonNull(day, "day");
        slices = Map.copyOf(slices);
    }

    public static DailyKpis empty(ShopDomain shop, LocalDate day) {
        return new DailyKpis(shop, day, Map.of());
    }

    /** This day with {@code counts} added to {@code slice}. */
    public DailyKpis plus(KpiSlice slice, KpiCounts counts) {
        Map<KpiSlice, KpiCounts> next = new HashMap<>(slices);
        next.merge(slice, counts, KpiCounts::plus);
        return new DailyKpis(shop, day, next);
    }

    /** The day's counts over the slices a filter accepts (null or blank values accept everything). */
    public KpiCounts total(String channel, String language, String intent) {
        return slices.entrySet().stream().filter(e -> e.getKey().matches(channel, language, intent)).map(Map.Entry::getValue)
                .reduce(KpiCounts.NONE, KpiCounts::plus);
    }

    public KpiCounts total() {
        return total(null, null, null);
    }
}
