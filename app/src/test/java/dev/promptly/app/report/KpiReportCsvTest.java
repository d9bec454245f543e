package dev.promptly.app.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.promptly.core.ShopDomain;
import dev.promptly.core.kpi.CsatTally;
import dev.promptly.core.kpi.DailyKpis;
import dev.promptly.core.kpi.KpiCounts;
import dev.promptly.core.kpi.KpiGrouping;
import dev.promptly.core.kpi.KpiSlice;
import dev.promptly.core.kpi.ResponseTimes;
import dev.promptly.core.kpi.SlaAttainment;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class KpiReportCsvTest {
    private static final ShopDomain SHOP = new ShopDomain("csv.myshopify.com");

    @Test
    void fieldsWithCommasQuotesOrLineBreaksAreQuotedWithTheirQuotesDoubled() {
        assertEquals("plain", KpiReportCsv.field("plain"));
        assertEquals("\"a,b\"", KpiReportCsv.field("a,b"));
        assertEquals("\"say \"\"hi\"\"\"", KpiReportCsv.field("say \"hi\""));
        assertEquals("\"two\nlines\"", KpiReportCsv.field("two\nlines"));
        assertEquals("\"cr\rhere\"", KpiReportCsv.field("cr\rhere"));
    }

    @Test
    void aWeeklyCsvHasAHeaderAndOneCrlfRowPerWeekWithEmptyCellsForUndefinedFigures() {
        // given one day with SLA figures in the first week of the range, none in the second
        var counts = new KpiCounts(2, ResponseTimes.NONE, ResponseTimes.NONE, ResponseTimes.NONE,
                Map.of("standard/first_response", new SlaAttainment(1, 1, 0, 0)), 0, 0, 1, 0, 0, 0, 0, 0, CsatTally.NONE);
        var day = DailyKpis.empty(SHOP, LocalDate.parse("2026-12-01")).plus(new KpiSlice("email", "en", "wismo"), counts);
        var query = new ReportQuery(LocalDate.parse("2026-11-30"), LocalDate.parse("2026-12-13"), KpiGrouping.WEEK, null, null, null);

        // when
        String[] lines = KpiReportCsv.of(KpiReport.of(SHOP, query, List.of(day))).split("\r\n", -1);

        // then
        assertEquals(4, lines.length, "header, two weeks, and the empty string after the last CRLF");
        assertEquals("", lines[3]);
        List<String> header = List.of(lines[0].split(","));
        List<String> first = List.of(lines[1].split(",", -1));
        List<String> second = List.of(lines[2].split(",", -1));
        assertEquals(header.size(), first.size());
        assertEquals(header.size(), second.size());
        int attainment = header.indexOf("sla_standard_first_response_attainment");
        assertEquals("0.5", first.get(attainment));
        assertEquals("", second.get(attainment), "no SLA targets counted in the second week: an empty cell");
        assertEquals("0", second.get(header.indexOf("sla_standard_first_response_met")));
        assertEquals("0.5", first.get(header.indexOf("automation_rate")));
        assertEquals("2026-12-07", second.get(0));
        assertEquals("2026-12-13", second.get(1));
    }
}
