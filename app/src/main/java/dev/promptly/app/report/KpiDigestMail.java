package dev.promptly.app.report;

import dev.promptly.core.ShopDomain;
import dev.promptly.core.kpi.DailyKpis;
import dev.promptly.core.kpi.KpiCounts;
import dev.promptly.core.kpi.KpiGrouping;
import dev.promptly.core.kpi.KpiPeriod;
import dev.promptly.core.kpi.SlaAttainment;
import dev.promptly.core.reply.MessageTemplates;
import dev.promptly.core.reply.RenderedMessage;
import java.time.Duration;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The weekly KPI digest's text, rendered from the {@code kpi_digest} templates in the shop's language: the week's
 * KPIs beside the week before's with the change (an arrow and the difference, green when better, red when worse), a
 * bar chart of conversations per day for both weeks and one of the week's conversations by topic. The charts are
 * HTML tables and {@code div}s with inline styles (mail clients show no scripts, SVG is patchy and remote images
 * are blocked by default) and {@code #} bars in the plain-text part. Thread-safe.
 */
public final class KpiDigestMail {
    static final List<String> LANGUAGES = List.of("en", "de");
    private static final int TEXT_BAR = 20;
    private static final int TOP_INTENTS = 6;
    private static final String BETTER = "#1a7f37";
    private static final String WORSE = "#cf222e";
    private static final String NEUTRAL = "#57606a";

    private final MessageTemplates templates = new MessageTemplates("kpi_digest", LANGUAGES);

    /** How a figure reads and which way is better. */
    private enum Kind { COUNT, RATE, DURATION, AVERAGE }

    private record Metric(String key, Kind kind, int better, Function<KpiCounts, Double> value) {
    }

    /** The table's rows, in order; {@code better} is +1 when more is better, -1 when less is, 0 when neither. */
    private static final List<Metric> METRICS = List.of(
            new Metric("conversations", Kind.COUNT, 0, c -> (double) c.conversations()),
            new Metric("first_response_median", Kind.DURATION, -1, c -> seconds(c.firstResponse().business().median())),
            new Metric("first_response_p90", Kind.DURATION, -1, c -> c.firstResponse().business().count() == 0 ? Double.NaN
                    : seconds(c.firstResponse().business().percentile(0.9))),
            new Metric("resolution_median", Kind.DURATION, -1, c -> seconds(c.resolution().business().median())),
            new Metric("sla_attainment", Kind.RATE, 1, c -> allSla(c).rate()),
            new Metric("sla_breaches", Kind.COUNT, -1, c -> (double) allSla(c).breaches()),
            new Metric("first_contact_resolution", Kind.RATE, 1, KpiCounts::firstContactResolutionRate),
            new Metric("automation_rate", Kind.RATE, 1, KpiCounts::automationRate),
            new Metric("wismo_answers", Kind.COUNT, 0, c -> (double) c.wismoAnswers()),
            new Metric("delay_notices", Kind.COUNT, 0, c -> (double) c.delayNotices()),
            new Metric("prevention_rate", Kind.RATE, 1, KpiCounts::preventionRate),
            new Metric("csat_average", Kind.AVERAGE, 1, c -> c.csat().average()),
            new Metric("csat_response_rate", Kind.RATE, 1, c -> c.csat().responseRate()));

    /** The language the digest is written in: the shop's default when shipped, else English. */
    public String language(List<String> shopLanguages) {
        return shopLanguages.stream().filter(templates.languages()::contains).findFirst().orElse("en");
    }

    /**
     * The digest of the week starting on Monday {@code week}, compared with the week before, from the shop's stored
     * {@code days} (those two weeks at least).
     */
    public RenderedMessage render(ShopDomain shop, String shopName, String language, LocalDate week, List<DailyKpis> days) {
        Locale locale = Locale.forLanguageTag(language);
        LocalDate previousWeek = week.minusWeeks(1);
        KpiReport current = KpiReport.of(shop, new ReportQuery(week, week.plusDays(6), KpiGrouping.DAY, null, null, null), days);
        KpiReport previous = KpiReport.of(shop, new ReportQuery(previousWeek, week.minusDays(1), KpiGrouping.DAY, null, null, null), days);
        DateTimeFormatter date = DateTimeFormatter.ofLocalizedDate(FormatStyle.MEDIUM).withLocale(locale);

        Map<String, Object> data = new HashMap<>();
        data.put("shop_name", shopName == null || shopName.isBlank() ? shop.value() : shopName);
        data.put("week_from", date.format(week));
        data.put("week_to", date.format(week.plusDays(6)));
        data.put("previous_from", date.format(previousWeek));
        data.put("previous_to", date.format(week.minusDays(1)));
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Metric metric : METRICS) {
            rows.add(row(metric, current.totals(), previous.totals(), locale));
        }
        data.put("metrics", rows);
        data.put("headline", rows.get(0));
        data.put("daily", daily(current.periods(), previous.periods(), locale));
        List<Map<String, Object>> intents = intents(current.breakdown().get("intent"));
        data.put("intents", intents);
        data.put("has_intents", !intents.isEmpty());
        return templates.render(language, data);
    }

    private static Map<String, Object> row(Metric metric, KpiCounts current, KpiCounts previous, Locale locale) {
        double now = metric.value().apply(current);
        double before = metric.value().apply(previous);
        Map<String, Object> row = new HashMap<>();
        // Each row names its own metric true and every other false, so a label section never reads an outer value.
        METRICS.forEach(m -> row.put(m.key(), m == metric));
        row.put("value", format(metric.kind(), now, locale));
        row.put("previous", format(metric.kind(), before, locale));
        boolean defined = !Double.isNaN(now) && !Double.isNaN(before);
        double difference = defined ? comparable(metric.kind(), now) - comparable(metric.kind(), before) : 0;
        row.put("has_change", defined);
        row.put("change", defined ? change(metric.kind(), difference, locale) : "");
        int direction = (int) Math.signum(difference) * metric.better();
        row.put("color", direction > 0 ? BETTER : direction < 0 ? WORSE : NEUTRAL);
        return row;
    }

    /** The value as shown, so a change of "83 %" to "83 %" is no change: whole percent, tenths of a rating, whole seconds. */
    private static double comparable(Kind kind, double value) {
        return switch (kind) {
            case RATE -> Math.round(value * 100);
            case AVERAGE -> Math.round(value * 10) / 10.0;
            case COUNT, DURATION -> Math.round(value);
        };
    }

    private static String format(Kind kind, double value, Locale locale) {
        if (Double.isNaN(value)) {
            return "–";
        }
        return switch (kind) {
            case COUNT -> Long.toString(Math.round(value));
            case RATE -> percent(Math.round(value * 100), locale);
            case AVERAGE -> String.format(locale, "%.1f", value);
            case DURATION -> duration(Math.round(value));
        };
    }

    /** The change with its arrow, {@code ▲ +2} or {@code ▼ −1 h 30 min}; {@code ±0} when there is none. */
    private static String change(Kind kind, double difference, Locale locale) {
        if (difference == 0) {
            return "±0";
        }
        double size = Math.abs(difference);
        return (difference > 0 ? "▲ +" : "▼ −") + switch (kind) {
            case COUNT -> Long.toString(Math.round(size));
            // Percentage points, as a change of a rate is not a percentage of it.
            case RATE -> Math.round(size) + (locale.getLanguage().equals("de") ? " Pp." : " pp");
            case AVERAGE -> String.format(locale, "%.1f", size);
            case DURATION -> duration(Math.round(size));
        };
    }

    private static String percent(long whole, Locale locale) {
        // German sets a space before the percent sign (DIN 5008); English does not.
        return whole + (locale.getLanguage().equals("de") ? " %" : "%");
    }

    private static String duration(long seconds) {
        if (seconds < 60) {
            return seconds + " s";
        }
        long minutes = Math.round(seconds / 60.0);
        if (minutes < 60) {
            return minutes + " min";
        }
        return minutes / 60 + " h" + (minutes % 60 == 0 ? "" : " " + minutes % 60 + " min");
    }

    private static List<Map<String, Object>> daily(List<KpiPeriod> current, List<KpiPeriod> previous, Locale locale) {
        long max = 1;
        for (int i = 0; i < current.size(); i++) {
            max = Math.max(max, Math.max(current.get(i).counts().conversations(), previous.get(i).counts().conversations()));
        }
        List<Map<String, Object>> rows = new ArrayList<>();
        for (int i = 0; i < current.size(); i++) {
            long count = current.get(i).counts().conversations();
            long before = previous.get(i).counts().conversations();
            Map<String, Object> row = new HashMap<>();
            row.put("day", current.get(i).from().getDayOfWeek().getDisplayName(TextStyle.SHORT, locale));
            row.put("count", count);
            row.put("previous", before);
            row.put("width", Math.round(100.0 * count / max));
            row.put("previous_width", Math.round(100.0 * before / max));
            row.put("bar", bar(count, max));
            rows.add(row);
        }
        return rows;
    }

    private static List<Map<String, Object>> intents(Map<String, KpiCounts> byIntent) {
        List<Map.Entry<String, KpiCounts>> top = byIntent.entrySet().stream().filter(e -> e.getValue().conversations() > 0)
                .limit(TOP_INTENTS).toList();
        long max = top.stream().mapToLong(e -> e.getValue().conversations()).max().orElse(1);
        int width = top.stream().mapToInt(e -> e.getKey().length()).max().orElse(0);
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Map.Entry<String, KpiCounts> entry : top) {
            long count = entry.getValue().conversations();
            rows.add(Map.of("name", entry.getKey(), "padded_name", String.format("%-" + width + "s", entry.getKey()), "count", count,
                    "width", Math.round(100.0 * count / max), "bar", bar(count, max)));
        }
        return rows;
    }

    /** A text bar of at most {@value #TEXT_BAR} characters; one at least for any count above zero. */
    private static String bar(long count, long max) {
        long length = count == 0 ? 0 : Math.max(1, Math.round((double) TEXT_BAR * count / max));
        return "#".repeat((int) length) + " ".repeat((int) (TEXT_BAR - length));
    }

    private static SlaAttainment allSla(KpiCounts counts) {
        return counts.sla().values().stream().reduce(SlaAttainment.NONE, SlaAttainment::plus);
    }

    private static double seconds(Optional<Duration> duration) {
        return duration.map(d -> d.toMillis() / 1000.0).orElse(Double.NaN);
    }
}
