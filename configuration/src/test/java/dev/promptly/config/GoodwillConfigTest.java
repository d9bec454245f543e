package dev.promptly.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.promptly.core.ShopDomain;
import dev.promptly.core.delay.DelayStage;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class GoodwillConfigTest {
    private static final ShopDomain DEMO = new ShopDomain("demo-shop.myshopify.com");
    private static final String PATH = "shops[\"demo-shop.myshopify.com\"].goodwill";

    private static String example() throws Exception {
        return Files.readString(Path.of("..", "config", "promptly.example.json"));
    }

    /** The example with its goodwill block replaced by {@code block} (null: without one). */
    private static String withGoodwill(String block) throws Exception {
        String config = example();
        int start = config.indexOf("\"goodwill\": {");
        int end = config.indexOf("\"send_without_code\"", start);
        end = config.indexOf("},", end) + 2;
        if (start < 0 || end < 2) {
            throw new IllegalStateException("the example's goodwill block was not found");
        }
        return config.substring(0, start) + (block == null ? "" : "\"goodwill\": " + block + ",") + config.substring(end);
    }

    private static List<String> problems(String block) throws Exception {
        return assertThrows(ConfigException.class, () -> ConfigParser.parse(withGoodwill(block), "example", true)).problems();
    }

    @Test
    void theExampleOffersAPercentageWhenNotShippedAndAnAmountWhenPastDelivery() throws Exception {
        GoodwillSettings goodwill = ConfigParser.parse(example(), "example", true).shop(DEMO).orElseThrow().goodwill();

        assertTrue(goodwill.enabled());
        var notShipped = goodwill.offerFor(DelayStage.NOT_SHIPPED).orElseThrow();
        assertEquals(new BigDecimal("10"), notShipped.percentage());
        assertNull(notShipped.amount());
        assertEquals(new BigDecimal("20.00"), notShipped.minimumOrderValue());
        assertEquals(30, notShipped.validDays());
        var late = goodwill.offerFor(DelayStage.PAST_EXPECTED_DELIVERY).orElseThrow();
        assertEquals(new BigDecimal("5.00"), late.amount());
        assertNull(late.minimumOrderValue());
        assertTrue(goodwill.offerFor(DelayStage.TRACKING_STALLED).isEmpty(), "a stage not listed earns no code");
        assertEquals(100, goodwill.maxCodesPerMonth());
        assertEquals(new BigDecimal("500.00"), goodwill.maxValuePerMonth());
        assertFalse(goodwill.waitOnFailure());
    }

    @Test
    void aShopWithoutTheBlockHasNoCodes() throws Exception {
        GoodwillSettings goodwill = ConfigParser.parse(withGoodwill(null), "example", true).shop(DEMO).orElseThrow().goodwill();

        assertFalse(goodwill.enabled());
        assertEquals(GoodwillSettings.OFF, goodwill);
    }

    @Test
    void aStageSwitchedOffAndAPerStageValidityAndWaitingAreRead() throws Exception {
        String block = """
                {"stages": {"not_shipped": "off", "carrier_exception": {"amount": 7.5, "valid_days": 14}}, "valid_days": 60,
                 "minimum_order_value": 25, "monthly_budget": {"max_codes": 3, "max_value": 20}, "on_api_failure": "wait"}""";

        GoodwillSettings goodwill = ConfigParser.parse(withGoodwill(block), "example", true).shop(DEMO).orElseThrow().goodwill();

        assertTrue(goodwill.offerFor(DelayStage.NOT_SHIPPED).isEmpty());
        var exception = goodwill.offerFor(DelayStage.CARRIER_EXCEPTION).orElseThrow();
        assertEquals(new BigDecimal("7.50"), exception.amount());
        assertEquals(14, exception.validDays());
        assertEquals(new BigDecimal("25.00"), exception.minimumOrderValue(), "the block's minimum applies to every stage");
        assertTrue(goodwill.waitOnFailure());
    }

    @Test
    void eachMistakeIsReportedWithItsPath() throws Exception {
        List<String> problems = problems("""
                {"stages": {"shipped_late": {"amount": 5}, "not_shipped": {"percentage": 10, "amount": 5},
                  "tracking_stalled": {"percentage": 150}, "carrier_exception": {"amount": "5.001", "valid_days": 0}},
                 "monthly_budget": {"max_codes": 0}, "on_api_failure": "retry", "colour": "red"}""");

        assertTrue(problems.contains(PATH + ".stages.shipped_late: not a delay stage (not_shipped, no_carrier_scan, tracking_stalled, "
                + "past_expected_delivery, carrier_exception)"), problems.toString());
        assertTrue(problems.contains(PATH + ".stages.not_shipped: needs exactly one of percentage (e.g. 10 for 10 %) and amount "
                + "(in the shop's currency)"), problems.toString());
        assertTrue(problems.contains(PATH + ".stages.tracking_stalled.percentage: must be a number above 0 and at most 100"), problems.toString());
        assertTrue(problems.contains(PATH + ".stages.carrier_exception.amount: must be an amount above 0 in the shop's currency, "
                + "at most two decimals, such as 5 or \"19.90\""), problems.toString());
        assertTrue(problems.contains(PATH + ".stages.carrier_exception.valid_days: must be a whole number of days from 1 to 365"), problems.toString());
        assertTrue(problems.contains(PATH + ".monthly_budget.max_codes: must be a whole number >= 1"), problems.toString());
        assertTrue(problems.contains(PATH + ".monthly_budget.max_value: is required (the codes' total value per month, in the shop's currency)"),
                problems.toString());
        assertTrue(problems.contains(PATH + ".on_api_failure: must be \"send_without_code\" (the default) or \"wait\""), problems.toString());
        assertTrue(problems.stream().anyMatch(p -> p.startsWith(PATH + ".colour: unknown setting")), problems.toString());
    }

    @Test
    void codesWithoutAMonthlyBudgetAreRefused() throws Exception {
        List<String> problems = problems("{\"stages\": {\"not_shipped\": {\"percentage\": 10}}}");

        assertTrue(problems.contains(PATH + ".monthly_budget: is required, an object with max_codes and max_value (the shop's codes per "
                + "calendar month)"), problems.toString());
    }
}
