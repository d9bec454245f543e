package dev.promptly.config;

import com.fasterxml.jackson.databind.JsonNode;
import dev.promptly.core.delay.DelayStage;
import java.math.BigDecimal;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Reads a shop's optional {@code goodwill} block (the codes its delay notices carry) for {@link ConfigParser}, reporting problems with their paths. */
final class GoodwillConfigReader {
    static final String KEY = "goodwill";
    static final Set<String> KEYS = Set.of("_comment", "stages", "valid_days", "minimum_order_value", "monthly_budget", "on_api_failure");
    static final Set<String> STAGE_KEYS = Set.of("percentage", "amount", "valid_days", "minimum_order_value");
    static final Set<String> BUDGET_KEYS = Set.of("max_codes", "max_value");
    static final String SEND_WITHOUT_CODE = "send_without_code";
    static final String WAIT = "wait";
    static final int DEFAULT_VALID_DAYS = 30;
    private static final String OFF = "off";

    private final ConfigParser parser;
    private final List<String> problems;

    GoodwillConfigReader(ConfigParser parser, List<String> problems) {
        this.parser = parser;
        this.problems = problems;
    }

    /** The settings; {@link GoodwillSettings#OFF} when the block is absent, null after a problem (reported). */
    GoodwillSettings read(JsonNode node, String path) {
        if (node.isMissingNode() || node.isNull()) {
            return GoodwillSettings.OFF;
        }
        if (!node.isObject()) {
            problems.add(path + ": must be an object (stages, monthly_budget, valid_days, minimum_order_value, on_api_failure)");
            return null;
        }
        parser.unknownKeys(node, path, KEYS);
        int before = problems.size();
        int validDays = validDays(node.path("valid_days"), path + ".valid_days", DEFAULT_VALID_DAYS);
        BigDecimal minimum = money(node.path("minimum_order_value"), path + ".minimum_order_value");
        Map<DelayStage, GoodwillSettings.Offer> offers = stages(node.path("stages"), path + ".stages", validDays, minimum);
        JsonNode budget = node.path("monthly_budget");
        String budgetPath = path + ".monthly_budget";
        int maxCodes = 0;
        BigDecimal maxValue = null;
        if (!budget.isObject()) {
            problems.add(budgetPath + ": is required, an object with max_codes and max_value (the shop's codes per calendar month)");
        } else {
            parser.unknownKeys(budget, budgetPath, BUDGET_KEYS);
            JsonNode codes = budget.path("max_codes");
            if (!codes.isInt() || codes.asInt() < 1) {
                problems.add(budgetPath + ".max_codes: must be a whole number >= 1");
            } else {
                maxCodes = codes.asInt();
            }
            if (budget.path("max_value").isMissingNode()) {
                problems.add(budgetPath + ".max_value: is required (the codes' total value per month, in the shop's currency)");
            } else {
                maxValue = money(budget.path("max_value"), budgetPath + ".max_value");
            }
        }
        String onFailure = parser.text(node, path, "on_api_failure", false);
        if (onFailure != null && !onFailure.equals(SEND_WITHOUT_CODE) && !onFailure.equals(WAIT)) {
            problems.add(path + ".on_api_failure: must be \"" + SEND_WITHOUT_CODE + "\" (the default) or \"" + WAIT + "\"");
        }
        if (problems.size() > before) {
            return null;
        }
        return new GoodwillSettings(offers, maxCodes, maxValue, WAIT.equals(onFailure));
    }

    private Map<DelayStage, GoodwillSettings.Offer> stages(JsonNode node, String path, int validDays, BigDecimal minimum) {
        Map<DelayStage, GoodwillSettings.Offer> offers = new EnumMap<>(DelayStage.class);
        if (!node.isObject() || node.isEmpty()) {
            problems.add(path + ": must map delay stages (" + stageNames() + ") to a code such as {\"percentage\": 10} or {\"amount\": 5}, or \"off\"");
            return offers;
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            var entry = it.next();
            String stagePath = path + "." + entry.getKey();
            DelayStage stage = stage(entry.getKey());
            if (stage == null) {
                problems.add(stagePath + ": not a delay stage (" + stageNames() + ")");
                continue;
            }
            JsonNode offer = entry.getValue();
            if (offer.isTextual() && offer.asText().trim().equals(OFF)) {
                continue;
            }
            if (!offer.isObject()) {
                problems.add(stagePath + ": must be \"off\" or an object with percentage or amount");
                continue;
            }
            parser.unknownKeys(offer, stagePath, STAGE_KEYS);
            boolean hasPercentage = !offer.path("percentage").isMissingNode();
            boolean hasAmount = !offer.path("amount").isMissingNode();
            if (hasPercentage == hasAmount) {
                problems.add(stagePath + ": needs exactly one of percentage (e.g. 10 for 10 %) and amount (in the shop's currency)");
                continue;
            }
            BigDecimal percentage = null;
            if (hasPercentage) {
                JsonNode value = offer.path("percentage");
                if (!value.isNumber() || value.decimalValue().signum() <= 0 || value.decimalValue().compareTo(BigDecimal.valueOf(100)) > 0) {
                    problems.add(stagePath + ".percentage: must be a number above 0 and at most 100");
                    continue;
                }
                percentage = value.decimalValue().stripTrailingZeros();
                percentage = percentage.scale() < 0 ? percentage.setScale(0) : percentage;
            }
            BigDecimal amount = hasAmount ? money(offer.path("amount"), stagePath + ".amount") : null;
            BigDecimal stageMinimum = offer.path("minimum_order_value").isMissingNode() ? minimum
                    : money(offer.path("minimum_order_value"), stagePath + ".minimum_order_value");
            int stageDays = validDays(offer.path("valid_days"), stagePath + ".valid_days", validDays);
            if ((hasAmount && amount == null) || stageDays < 0) {
                continue;
            }
            offers.put(stage, new GoodwillSettings.Offer(percentage, amount, stageMinimum, stageDays));
        }
        return offers;
    }

    /** A positive amount of money (a JSON number or a decimal string), at most two decimals; null after a problem. */
    private BigDecimal money(JsonNode node, String path) {
        if (node.isMissingNode() || node.isNull()) {
            return null;
        }
        BigDecimal value = null;
        if (node.isNumber()) {
            value = node.decimalValue();
        } else if (node.isTextual()) {
            try {
                value = new BigDecimal(node.asText().trim());
            } catch (NumberFormatException e) {
                value = null;
            }
        }
        if (value == null || value.signum() <= 0 || value.stripTrailingZeros().scale() > 2 || value.compareTo(BigDecimal.valueOf(1_000_000)) > 0) {
            problems.add(path + ": must be an amount above 0 in the shop's currency, at most two decimals, such as 5 or \"19.90\"");
            return null;
        }
        return value.setScale(2, java.math.RoundingMode.UNNECESSARY);
    }

    /** Days in [1, {@link GoodwillSettings#MAX_VALID_DAYS}]; {@code fallback} when absent, -1 after a problem. */
    private int validDays(JsonNode node, String path, int fallback) {
        if (node.isMissingNode()) {
            return fallback;
        }
        if (!node.isInt() || node.asInt() < 1 || node.asInt() > GoodwillSettings.MAX_VALID_DAYS) {
            problems.add(path + ": must be a whole number of days from 1 to " + GoodwillSettings.MAX_VALID_DAYS);
            return -1;
        }
        return node.asInt();
    }

    private static DelayStage stage(String name) {
        for (DelayStage stage : DelayStage.values()) {
            if (stage.wire().equals(name)) {
                return stage;
            }
        }
        return null;
    }

    private static String stageNames() {
        return String.join(", ", java.util.Arrays.stream(DelayStage.values()).map(DelayStage::wire).toList());
    }
}
