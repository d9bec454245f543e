package dev.promptly.functions.delay;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.promptly.app.shopify.Backfill;
import dev.promptly.core.ShopDomain;
import dev.promptly.core.error.InvalidInputException;
import dev.promptly.core.json.JsonTrees;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * An operator's {@code {"backfill": {"shop": "<shop domain>", "days": 60}}} (optionally {@code "method": "bulk"}):
 * checked, run, answered with the report.
 */
final class BackfillRequest {
    private BackfillRequest() {
    }

    /** @throws InvalidInputException naming the field that is wrong (nothing run) */
    static ObjectNode run(JsonNode request, Supplier<Backfill> backfill, BooleanSupplier timeLeft) {
        if (!request.isObject()) {
            throw new InvalidInputException("backfill", "must be an object {\"shop\": \"<shop domain>\", \"days\": 60}");
        }
        if (!request.path("shop").isTextual()) {
            throw new InvalidInputException("backfill.shop", "is required: the shop's myshopify.com domain");
        }
        JsonNode days = request.path("days");
        if (!days.canConvertToInt() || !days.isIntegralNumber()) {
            throw new InvalidInputException("backfill.days", "must be a whole number from 1 to " + Backfill.MAX_DAYS);
        }
        JsonNode methodField = request.path("method");
        Backfill.Method method = methodField.isMissingNode() || methodField.isNull() ? Backfill.Method.PAGES
                : Backfill.Method.fromWire(methodField.asText("")).filter(m -> methodField.isTextual())
                .orElseThrow(() -> new InvalidInputException("backfill.method", "must be \"pages\" (the default) or \"bulk\""));
        if (backfill == null) {
            throw new InvalidInputException("backfill", "is not available in this function");
        }
        ShopDomain shop = ShopDomain.parse(request.path("shop").asText(), "backfill.shop");
        Backfill.Report r = backfill.get().run(shop, days.asInt(), method, timeLeft);
        ObjectNode report = JsonTrees.object().put("job", "backfill").put("shop", r.shop()).put("days", r.days())
                .put("method", method.wire())
                .put("since", r.since().toString()).put("resumed", r.resumed()).put("pages_this_run", r.pagesThisRun())
                .put("orders_this_run", r.ordersThisRun()).put("applied", r.applied()).put("unchanged", r.unchanged())
                .put("orders_so_far", r.ordersSoFar()).put("pages_so_far", r.pagesSoFar()).put("orders_per_second", r.ordersPerSecond())
                .put("complete", r.complete());
        if (r.stoppedBecause() != null) {
            report.put("stopped_because", r.stoppedBecause());
        }
        return report;
    }
}
