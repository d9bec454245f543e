package dev.promptly.local;

import dev.promptly.core.ShopDomain;
import dev.promptly.core.kpi.CsatTally;
import dev.promptly.core.kpi.DailyKpis;
import dev.promptly.core.kpi.KpiCounts;
import dev.promptly.core.kpi.KpiSlice;
import dev.promptly.core.kpi.ResponseTimes;
import dev.promptly.core.kpi.SlaAttainment;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Stored KPI days as the aggregator would write them, for the dashboard's tests. */
final class KpiFixtures {
    private KpiFixtures() {
    }

    /**
     * {@code conversations} opened, each answered after {@code firstResponse} (calendar and business time alike), of
     * which {@code automated} Promptly answered alone; {@code met} of the first-response targets met, the rest missed;
     * every conversation solved, half of them at first contact; one rating of {@code rating} (0: none).
     */
    static KpiCounts counts(int conversations, int automated, Duration firstResponse, int met, int rating) {
        ResponseTimes times = ResponseTimes.NONE;
        for (int i = 0; i < conversations; i++) {
            times = times.with(firstResponse, firstResponse);
        }
        CsatTally csat = rating == 0 ? CsatTally.NONE : CsatTally.NONE.withSurveySent().withRating(rating);
        return new KpiCounts(conversations, times, ResponseTimes.NONE, ResponseTimes.NONE,
                Map.of("standard/first_response", new SlaAttainment(met, conversations - met, 0, 0)), conversations, conversations / 2,
                automated, 0, 0, 0, 0, 0, csat);
    }

    /**
     * Fourteen days ending {@code today}: each day three email WISMO conversations (two automated, answered in ten
     * minutes, all on target) and, on every other day, one chat return conversation answered in two hours and late.
     */
    static List<DailyKpis> fortnight(ShopDomain shop, LocalDate today) {
        List<DailyKpis> days = new ArrayList<>();
        for (int i = 13; i >= 0; i--) {
            DailyKpis day = DailyKpis.empty(shop, today.minusDays(i))
                    .plus(new KpiSlice("email", "de", "wismo"), counts(3, 2, Duration.ofMinutes(10), 3, i == 0 ? 5 : 0));
            if (i % 2 == 0) {
                day = day.plus(new KpiSlice("chat", "en", "return"), counts(1, 0, Duration.ofHours(2), 0, i == 0 ? 3 : 0));
            }
            days.add(day);
        }
        return days;
    }
}
