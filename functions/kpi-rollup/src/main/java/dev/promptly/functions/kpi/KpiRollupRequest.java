package dev.promptly.functions.kpi;

import com.fasterxml.jackson.databind.JsonNode;
import dev.promptly.core.ShopDomain;
import dev.promptly.core.error.InvalidInputException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;

/**
 * An operator's {@code {"kpi_rollup": {"shop": "<shop domain>", "from": "2026-11-01", "to": "2026-11-30"}}}: the days
 * (in the shop's zone, both inclusive) to recompute. The range's limits are the use case's to check.
 */
record KpiRollupRequest(ShopDomain shop, LocalDate from, LocalDate to) {
    static final String FIELD = "kpi_rollup";

    /** @throws InvalidInputException naming the field that is wrong */
    static KpiRollupRequest parse(JsonNode request) {
        if (!request.isObject()) {
            throw new InvalidInputException(FIELD, "must be an object {\"shop\": \"<shop domain>\", \"from\": \"2026-11-01\", \"to\": \"2026-11-30\"}");
        }
        if (!request.path("shop").isTextual()) {
            throw new InvalidInputException(FIELD + ".shop", "is required: the shop's myshopify.com domain");
        }
        ShopDomain shop = ShopDomain.parse(request.path("shop").asText(), FIELD + ".shop");
        return new KpiRollupRequest(shop, day(request, "from"), day(request, "to"));
    }

    private static LocalDate day(JsonNode request, String field) {
        JsonNode value = request.path(field);
        try {
            if (value.isTextual()) {
                return LocalDate.parse(value.asText());
            }
        } catch (DateTimeParseException e) {
            // Answered below with the field's name and the format.
        }
        throw new InvalidInputException(FIELD + "." + field, "is required: a day as yyyy-MM-dd, e.g. 2026-11-01");
    }
}
