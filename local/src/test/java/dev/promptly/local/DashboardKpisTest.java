package dev.promptly.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.promptly.core.ShopDomain;
import dev.promptly.core.kpi.DailyKpis;
import dev.promptly.core.kpi.KpiSlice;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class DashboardKpisTest {
    private static final ShopDomain SHOP = new ShopDomain("demo-shop.myshopify.com");
    private static final LocalDate TODAY = LocalDate.parse("2026-11-25");

    private static String total(ObjectNode kpis, String key) {
        for (JsonNode total : kpis.get("totals")) {
            if (total.get("key").asText().equals(key)) {
                return total.get("text").asText();
            }
        }
        throw new AssertionError("no total " + key + " in " + kpis);
    }

    private static String chart(ObjectNode kpis, String key) {
        for (JsonNode chart : kpis.get("charts")) {
            if (chart.get("key").asText().equals(key)) {
                return chart.get("svg").asText();
            }
        }
        throw new AssertionError("no chart " + key + " in " + kpis);
    }

    @Test
    void theHeadlineTotalsAddUpTheLastFourteenDays() {
        List<DailyKpis> days = new ArrayList<>(KpiFixtures.fortnight(SHOP, TODAY));
        // A day before the fourteen is not counted.
        days.add(0, DailyKpis.empty(SHOP, TODAY.minusDays(14)).plus(new KpiSlice("email", "de", "wismo"),
                KpiFixtures.counts(100, 0, Duration.ofDays(1), 0, 1)));

        ObjectNode kpis = DashboardKpis.json(days, TODAY, null, null);

        assertEquals("2026-11-12", kpis.get("from").asText());
        assertEquals("2026-11-25", kpis.get("to").asText());
        assertEquals("49", total(kpis, "conversations"));
        assertEquals("10 min", total(kpis, "first_response_median"));
        assertEquals("86 %", total(kpis, "sla_attainment"), "42 of 49 targets met");
        assertEquals("29 %", total(kpis, "first_contact_resolution"), "14 of 49 solved at first contact");
        assertEquals("57 %", total(kpis, "automation_rate"), "28 of 49");
        assertEquals("4.0 / 5 (2 ratings)", total(kpis, "csat_average"));
    }

    @Test
    void theChartsDrawADayPerBarAndPointFromTheStoredDays() {
        ObjectNode kpis = DashboardKpis.json(KpiFixtures.fortnight(SHOP, TODAY), TODAY, null, null);

        String volume = chart(kpis, "volume");
        assertTrue(volume.contains("<title>wismo, 25 Nov: 3</title>") && volume.contains("<title>return, 25 Nov: 1</title>"), volume);
        assertFalse(volume.contains("<title>return, 24 Nov"), "no return bar on a day without returns: " + volume);
        assertEquals(14 + 7, volume.split("class=\"bar\"", -1).length - 1, volume);
        String firstResponse = chart(kpis, "first_response");
        assertTrue(firstResponse.contains("<title>median, 25 Nov: 10 min</title>"), firstResponse);
        // 1 of 4 took two hours; the histogram gives its bucket's middle, within 5 %.
        assertTrue(firstResponse.contains("<title>90th percentile, 25 Nov: 2.1 h</title>"), firstResponse);
        assertTrue(firstResponse.contains("<title>90th percentile, 24 Nov: 10 min</title>"), firstResponse);
        assertTrue(chart(kpis, "sla").contains("<title>first response, 25 Nov: 75 %</title>"), chart(kpis, "sla"));
        assertTrue(chart(kpis, "automation").contains("<title>automation rate, 24 Nov: 67 %</title>"), chart(kpis, "automation"));
    }

    @Test
    void theChannelAndIntentFiltersNarrowTotalsAndCharts() {
        ObjectNode chat = DashboardKpis.json(KpiFixtures.fortnight(SHOP, TODAY), TODAY, "chat", null);
        ObjectNode wismo = DashboardKpis.json(KpiFixtures.fortnight(SHOP, TODAY), TODAY, null, "wismo");

        assertEquals("7", total(chat, "conversations"));
        assertEquals("0 %", total(chat, "automation_rate"));
        assertFalse(chart(chat, "volume").contains(">wismo</text>"), "only the chat slices' intents: " + chart(chat, "volume"));
        assertEquals("42", total(wismo, "conversations"));
        assertEquals("100 %", total(wismo, "sla_attainment"));
    }

    @Test
    void withoutStoredDaysTheTotalsSayNothingYetAndTheChartsSayNoData() {
        ObjectNode kpis = DashboardKpis.json(List.of(), TODAY, null, null);

        assertEquals("0", total(kpis, "conversations"));
        assertEquals("–", total(kpis, "first_response_median"));
        assertEquals("–", total(kpis, "csat_average"));
        assertTrue(kpis.get("totals").get(1).get("value").isNull());
        for (JsonNode chart : kpis.get("charts")) {
            assertTrue(chart.get("svg").asText().contains("No data for these days"), chart.toString());
        }
    }

    @Test
    void manyIntentsKeepTheFiveLargestAndDrawTheRestTogether() {
        DailyKpis day = DailyKpis.empty(SHOP, TODAY);
        String[] intents = {"wismo", "return", "refund", "cancellation", "address_change", "invoice", "complaint"};
        for (int i = 0; i < intents.length; i++) {
            day = day.plus(new KpiSlice("email", "de", intents[i]), KpiFixtures.counts(intents.length - i, 0, Duration.ofMinutes(5), 0, 0));
        }
        day = day.plus(new KpiSlice("email", "de", KpiSlice.NONE), KpiFixtures.counts(1, 0, Duration.ofMinutes(5), 0, 0));

        String volume = chart(DashboardKpis.json(List.of(day), TODAY, null, null), "volume");

        assertTrue(volume.contains(">address change</text>"), "intents read as words: " + volume);
        assertTrue(volume.contains("<title>other intents, 25 Nov: 4</title>"), "invoice 2, complaint 1, not known 1: " + volume);
        assertFalse(volume.contains(">invoice</text>"), volume);
    }
}
