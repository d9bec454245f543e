package dev.promptly.app.report;

import dev.promptly.core.error.InvalidInputException;
import dev.promptly.core.kpi.KpiGrouping;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * What a report asks for: the days {@code from} to {@code to} inclusive (dates in the shop's zone, as the KPI
 * days are stored), grouped by day or ISO week, optionally only one channel, language and/or intent (null:
 * all).
 */
public record ReportQuery(LocalDate from, LocalDate to, KpiGrouping grouping, String channel, String language, String intent) {
    /** A year and a month on top: enough for a year-on-year view, and at most ~400 item reads per report. */
    public static final int MAX_DAYS = 400;
    static final Set<String> PARAMETERS = Set.of("from", "to", "group", "channel", "language", "intent");
    /** Channel, language and intent values are short wire names such as {@code email}, {@code de}, {@code wismo}. */
    private static final Pattern FILTER = Pattern.compile("[A-Za-z0-9_-]{1,40}");

    public ReportQuery {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(grouping, "grouping");
    }

    /**
     * The query of {@code GET /reports/{shop}?from=&to=&group=&channel=&language=&intent=}.
     *
     * @throws InvalidInputException naming the parameter: missing or malformed date, {@code to} before {@code from},
     *                               a range over {@value #MAX_DAYS} days, an unknown {@code group}, a malformed filter
     *                               or an unknown parameter
     */
    public static ReportQuery parse(Map<String, String> parameters) {
        Map<String, String> p = parameters == null ? Map.of() : parameters;
        for (String name : new TreeSet<>(p.keySet())) {
            if (!PARAMETERS.contains(name)) {
                throw new InvalidInputException(name.replaceAll("[^A-Za-z0-9_]", "?"),
                        "unknown parameter (known: channel, from, group, intent, language, to)");
            }
        }
        LocalDate from = date(p, "from");
        LocalDate to = date(p, "to");
        if (to.isBefore(from)) {
            throw new InvalidInputException("to", "must not be before from (" + from + ")");
        }
        long days = ChronoUnit.DAYS.between(from, to) + 1;
        if (days > MAX_DAYS) {
            throw new InvalidInputException("to", "the range spans " + days + " days; a report covers at most " + MAX_DAYS);
        }
        String group = p.get("group");
        KpiGrouping grouping = group == null || group.isEmpty() ? KpiGrouping.DAY : KpiGrouping.fromWire(group)
                .orElseThrow(() -> new InvalidInputException("group", "must be day or week"));
        return new ReportQuery(from, to, grouping, filter(p, "channel"), filter(p, "language"), filter(p, "intent"));
    }

    private static LocalDate date(Map<String, String> p, String name) {
        String value = p.get(name);
        if (value == null || value.isEmpty()) {
            throw new InvalidInputException(name, "is required, a date such as 2026-11-30");
        }
        try {
            return LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            throw new InvalidInputException(name, "must be a date such as 2026-11-30 (YYYY-MM-DD)");
        }
    }

    private static String filter(Map<String, String> p, String name) {
        String value = p.get(name);
        if (value == null || value.isEmpty()) {
            return null;
        }
        if (!FILTER.matcher(value).matches()) {
            throw new InvalidInputException(name, "must be a name such as " + switch (name) {
                case "channel" -> "email";
                case "language" -> "de";
                default -> "wismo";
            } + " (letters, digits, _ and -, at most 40)");
        }
        return value;
    }
}
