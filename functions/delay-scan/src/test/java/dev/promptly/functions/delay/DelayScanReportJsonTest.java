package dev.promptly.functions.delay;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.promptly.app.delay.DelayScanReport;
import dev.promptly.app.delay.GoodwillBudget;
import dev.promptly.core.ShopDomain;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The run's report as an operator's invocation and the local runner show it. */
class DelayScanReportJsonTest {

    @Test
    void theReportShowsTheRunsGoodwillCodesAndEachShopsMonthBudget() {
        var goodwill = new DelayScanReport.Goodwill(2, 1, 3, 4, List.of(new GoodwillBudget(new ShopDomain("acme.myshopify.com"), "2026-12", 7,
                new BigDecimal("41.9"), 100, new BigDecimal("500.00"))));

        var json = DelayScanHandler.report(new DelayScanReport(10, 6, 1, 0, 0, 0, 0, 0, 0, true, goodwill));

        assertEquals(6, json.get("notices").asInt());
        assertEquals("{\"codes\":2,\"without_code\":1,\"over_budget\":3,\"waiting\":4,\"budgets\":[{\"shop\":\"acme.myshopify.com\","
                + "\"month\":\"2026-12\",\"used_codes\":7,\"max_codes\":100,\"used_value\":\"41.90\",\"max_value\":\"500.00\"}]}",
                json.get("goodwill").toString());
    }

    @Test
    void aRunWithoutCodesReportsZerosAndNoBudgets() {
        var json = DelayScanHandler.report(new DelayScanReport(1, 1, 0, 0, 0, 0, 0, 0, 0, true));

        assertEquals("{\"codes\":0,\"without_code\":0,\"over_budget\":0,\"waiting\":0,\"budgets\":[]}", json.get("goodwill").toString());
    }
}
