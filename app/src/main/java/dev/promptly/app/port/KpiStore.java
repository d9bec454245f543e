package dev.promptly.app.port;

import dev.promptly.core.ShopDomain;
import dev.promptly.core.kpi.DailyKpis;
import java.time.LocalDate;
import java.util.List;

/**
 * A shop's daily KPI rollups: one item per shop and day (in the shop's zone), so a month costs ~31 item reads
 * and never a Scan. Saving a day replaces it whole: the aggregator recomputes a day from its events, so running it
 * again is harmless. Implementations are thread-safe.
 */
public interface KpiStore {
    /** Stores {@code day}, replacing what was stored for that shop and day. */
    void save(DailyKpis day);

    /** Stores each of {@code days} as {@link #save} does; an implementation may write them in fewer requests. */
    default void saveAll(List<DailyKpis> days) {
        days.forEach(this::save);
    }

    /** The stored days of a shop from {@code from} to {@code to} inclusive, oldest first; days never stored are absent. */
    List<DailyKpis> days(ShopDomain shop, LocalDate from, LocalDate to);
}
