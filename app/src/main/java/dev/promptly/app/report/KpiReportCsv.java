package dev.promptly.app.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A {@link KpiReport} as CSV (RFC 4180, https://www.rfc-editor.org/rfc/rfc4180): a header row, then one row per
 * period with the figures of {@link KpiReportJson}'s periods flattened, nested names joined with {@code _}
 * ({@code first_response_business_median_seconds}, {@code sla_standard_first_response_attainment},
 * {@code csat_distribution_5}); an undefined figure is an empty cell. Lines end in CRLF; a field holding a comma,
 * a quote or a line break is quoted, its quotes doubled.
 */
public final class KpiReportCsv {
    public static final String CONTENT_TYPE = "text/csv; charset=utf-8";

    private KpiReportCsv() {
    }

    public static String of(KpiReport report) {
        ArrayNode periods = (ArrayNode) KpiReportJson.of(report).get("periods");
        List<Map<String, String>> rows = new ArrayList<>();
        periods.forEach(period -> {
            Map<String, String> row = new LinkedHashMap<>();
            flatten("", period, row);
            rows.add(row);
        });
        // Every period has the same fields (KpiReportJson lists the range's SLA keys in each), so the first row's names head them all.
        List<String> header = new ArrayList<>(rows.get(0).keySet());
        StringBuilder csv = new StringBuilder();
        line(csv, header);
        rows.forEach(row -> line(csv, header.stream().map(name -> row.getOrDefault(name, "")).toList()));
        return csv.toString();
    }

    private static void flatten(String prefix, JsonNode node, Map<String, String> row) {
        if (node.isObject()) {
            node.fields().forEachRemaining(field -> flatten(prefix.isEmpty() ? field.getKey() : prefix + "_" + field.getKey(), field.getValue(), row));
        } else {
            row.put(prefix, node.isNull() ? "" : node.asText());
        }
    }

    private static void line(StringBuilder csv, List<String> fields) {
        for (int i = 0; i < fields.size(); i++) {
            if (i > 0) {
                csv.append(',');
            }
            csv.append(field(fields.get(i)));
        }
        csv.append("\r\n");
    }

    static String field(String value) {
        boolean quote = value.indexOf(',') >= 0 || value.indexOf('"') >= 0 || value.indexOf('\n') >= 0 || value.indexOf('\r') >= 0;
        return quote ? '"' + value.replace("\"", "\"\"") + '"' : value;
    }
}
