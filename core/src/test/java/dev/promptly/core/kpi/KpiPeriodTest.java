package dev.promptly.core.kpi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.promptly.core.ShopDomain;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class KpiPeriodTest {
    private static final ShopDomain SHOP = new ShopDomain("acme.myshopify.com");
    private static final KpiSlice EMAIL_WISMO = new KpiSlice("email", "de", "wismo");
    private static final KpiSlice WHATSAPP_RETURN = new KpiSlice("whatsapp", "en", "return");

    private static KpiCounts opened(long conversations, Duration firstResponse) {
        return new KpiCounts(conversations, ResponseTimes.NONE.with(firstResponse, firstResponse), ResponseTimes.NONE,
                ResponseTimes.NONE, Map.of("standard/first_response", new SlaAttainment(conversations, 0, 0, 0)), 0, 0, 0, 0, 0, 0,
                0, 0, CsatTally.NONE);
    }

    @Test
    void weeksStartOnMondayAreClippedToTheRangeAndHaveNoGaps() {
        // given stored days on Wednesday 2026-12-02 and Monday 2026-12-07 only
        var wednesday = DailyKpis.empty(SHOP, LocalDate.parse("2026-12-02")).plus(EMAIL_WISMO, opened(3, Duration.ofMinutes(10)));
        var monday = DailyKpis.empty(SHOP, LocalDate.parse("2026-12-07")).plus(EMAIL_WISMO, opened(1, Duration.ofMinutes(20)))
                .plus(WHATSAPP_RETURN, opened(2, Duration.ofMinutes(30)));

        // when
        List<KpiPeriod> weeks = KpiPeriod.of(List.of(wednesday, monday), LocalDate.parse("2026-12-01"), LocalDate.parse("2026-12-20"),
                KpiGrouping.WEEK, null, null, null);

        // then
        assertEquals(List.of(LocalDate.parse("2026-12-01"), LocalDate.parse("2026-12-07"), LocalDate.parse("2026-12-14")),
                weeks.stream().map(KpiPeriod::from).toList());
        assertEquals(List.of(LocalDate.parse("2026-12-06"), LocalDate.parse("2026-12-13"), LocalDate.parse("2026-12-20")),
                weeks.stream().map(KpiPeriod::to).toList());
        assertEquals(List.of(3L, 3L, 0L), weeks.stream().map(p -> p.counts().conversations()).toList());
        assertEquals(3, weeks.get(1).counts().slaOf("first_response").met());
    }

    @Test
    void aFilterCountsOnlyTheSlicesItAccepts() {
        var monday = DailyKpis.empty(SHOP, LocalDate.parse("2026-12-07")).plus(EMAIL_WISMO, opened(1, Duration.ofMinutes(20)))
                .plus(WHATSAPP_RETURN, opened(2, Duration.ofMinutes(30)));

        List<KpiPeriod> days = KpiPeriod.of(List.of(monday), LocalDate.parse("2026-12-07"), LocalDate.parse("2026-12-07"),
                KpiGrouping.DAY, "whatsapp", null, null);

        assertEquals(2, days.get(0).counts().conversations());
        assertEquals(1, days.get(0).counts().firstResponse().calendar().count(), "only the WhatsApp slice's one response time");
        assertThrows(IllegalArgumentException.class, () -> KpiPeriod.of(List.of(), LocalDate.parse("2026-12-07"),
                LocalDate.parse("2026-12-06"), KpiGrouping.DAY, null, null, null));
    }
}
