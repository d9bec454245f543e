package dev.promptly.local;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Small charts as inline SVG, drawn on the server so the dashboard loads nothing from the internet: stacked bars
 * (counts per day and series) and lines (a value per day and series, gaps where a day has none). Every text put
 * into the SVG (titles, labels, series names) is escaped, so a shop's data can never inject markup. Colour is
 * never the only cue: the legend names each series, lines differ in dash pattern and marker shape, and every bar
 * and point has a {@code <title>} with its series, day and value. Pure and thread-safe.
 */
final class SvgCharts {
    /** Fill colours by series, chosen to stay apart for the common colour-vision deficiencies. */
    static final List<String> PALETTE = List.of("#2f6fdf", "#e8833a", "#2a9d8f", "#b5479b", "#8c6d31", "#6b7280");
    static final int WIDTH = 460;
    static final int HEIGHT = 230;
    private static final int LEFT = 52;
    private static final int RIGHT = 12;
    private static final int TOP = 30;
    private static final int BOTTOM = 48;
    private static final int GRID_LINES = 4;
    private static final List<String> DASHES = List.of("", "6 3", "2 3", "8 3 2 3");

    /** How a chart's values read: plain counts, shares 0..1 shown as percent, or durations in seconds. */
    enum Unit {
        COUNT, PERCENT, SECONDS;

        String format(double value) {
            return switch (this) {
                case COUNT -> value == Math.rint(value) ? String.valueOf((long) value) : String.format(Locale.ROOT, "%.1f", value);
                case PERCENT -> Math.round(value * 100) + " %";
                case SECONDS -> duration(value);
            };
        }
    }

    /** One series: its name in the legend and a value per label; {@code NaN} where a day has no value. */
    record Series(String name, List<Double> values) {
        Series {
            Objects.requireNonNull(name, "name");
            values = List.copyOf(values);
        }
    }

    private SvgCharts() {
    }

    /** Bars stacked per label, one segment per series; a chart without any positive value says so instead. */
    static String stackedBars(String title, List<String> labels, List<Series> series, Unit unit) {
        checkLengths(labels, series);
        double max = 0;
        for (int i = 0; i < labels.size(); i++) {
            double sum = 0;
            for (Series s : series) {
                sum += positive(s.values().get(i));
            }
            max = Math.max(max, sum);
        }
        StringBuilder svg = open(title, "bars", labels, series, unit);
        if (max <= 0) {
            return empty(svg);
        }
        double top = niceCeiling(max, unit);
        axes(svg, labels, top, unit);
        double slot = plotWidth() / labels.size();
        double barWidth = Math.max(2, slot * 0.7);
        for (int i = 0; i < labels.size(); i++) {
            double base = 0;
            for (int s = 0; s < series.size(); s++) {
                double value = positive(series.get(s).values().get(i));
                if (value <= 0) {
                    continue;
                }
                double y0 = y(base, top);
                double y1 = y(base + value, top);
                svg.append("<rect class=\"bar\" x=\"").append(num(LEFT + slot * i + (slot - barWidth) / 2)).append("\" y=\"").append(num(y1))
                        .append("\" width=\"").append(num(barWidth)).append("\" height=\"").append(num(y0 - y1))
                        .append("\" fill=\"").append(colour(s)).append("\"><title>")
                        .append(escape(series.get(s).name() + ", " + labels.get(i) + ": " + unit.format(value))).append("</title></rect>");
                base += value;
            }
        }
        legend(svg, series, false);
        return svg.append("</svg>").toString();
    }

    /** One line per series over the labels, broken where a value is missing; without any value it says so instead. */
    static String lines(String title, List<String> labels, List<Series> series, Unit unit) {
        checkLengths(labels, series);
        double max = 0;
        boolean any = false;
        for (Series s : series) {
            for (double value : s.values()) {
                if (Double.isFinite(value)) {
                    any = true;
                    max = Math.max(max, value);
                }
            }
        }
        StringBuilder svg = open(title, "lines", labels, series, unit);
        if (!any) {
            return empty(svg);
        }
        double top = unit == Unit.PERCENT ? 1.0 : niceCeiling(max, unit);
        axes(svg, labels, top, unit);
        double slot = plotWidth() / labels.size();
        for (int s = 0; s < series.size(); s++) {
            List<Double> values = series.get(s).values();
            StringBuilder points = new StringBuilder();
            StringBuilder markers = new StringBuilder();
            for (int i = 0; i <= values.size(); i++) {
                boolean present = i < values.size() && Double.isFinite(values.get(i));
                if (present) {
                    double x = LEFT + slot * (i + 0.5);
                    double yv = y(Math.max(0, values.get(i)), top);
                    points.append(points.isEmpty() ? "" : " ").append(num(x)).append(',').append(num(yv));
                    marker(markers, s, x, yv, escape(series.get(s).name() + ", " + labels.get(i) + ": " + unit.format(values.get(i))));
                } else if (!points.isEmpty()) {
                    svg.append("<polyline class=\"line\" fill=\"none\" stroke=\"").append(colour(s)).append("\" stroke-width=\"2.5\"");
                    if (!DASHES.get(s % DASHES.size()).isEmpty()) {
                        svg.append(" stroke-dasharray=\"").append(DASHES.get(s % DASHES.size())).append('"');
                    }
                    svg.append(" points=\"").append(points).append("\"/>");
                    points.setLength(0);
                }
            }
            svg.append(markers);
        }
        legend(svg, series, true);
        return svg.append("</svg>").toString();
    }

    /** Text and attribute content with the five XML specials replaced, so data stays text. */
    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    /** "45 s", "12 min", "3.5 h", "2.0 d": a duration in seconds as a person reads it on an axis. */
    static String duration(double seconds) {
        if (seconds < 60) {
            return Math.round(seconds) + " s";
        }
        if (seconds < 3600) {
            return Math.round(seconds / 60) + " min";
        }
        if (seconds < 86_400) {
            double hours = seconds / 3600;
            return (hours == Math.rint(hours) ? String.valueOf((long) hours) : String.format(Locale.ROOT, "%.1f", hours)) + " h";
        }
        double days = seconds / 86_400;
        return (days == Math.rint(days) ? String.valueOf((long) days) : String.format(Locale.ROOT, "%.1f", days)) + " d";
    }

    private static StringBuilder open(String title, String kind, List<String> labels, List<Series> series, Unit unit) {
        String id = "chart-" + Integer.toHexString(Objects.hash(title, kind));
        StringBuilder svg = new StringBuilder(4096);
        svg.append("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart ").append(kind).append("\" viewBox=\"0 0 ").append(WIDTH).append(' ')
                .append(HEIGHT).append("\" width=\"").append(WIDTH).append("\" height=\"").append(HEIGHT)
                .append("\" role=\"img\" aria-labelledby=\"").append(id).append("-title ").append(id).append("-desc\">");
        svg.append("<title id=\"").append(id).append("-title\">").append(escape(title)).append("</title>");
        svg.append("<desc id=\"").append(id).append("-desc\">").append(escape(description(labels, series, unit))).append("</desc>");
        svg.append("<rect x=\"0\" y=\"0\" width=\"").append(WIDTH).append("\" height=\"").append(HEIGHT).append("\" fill=\"#ffffff\"/>");
        svg.append("<text x=\"").append(LEFT).append("\" y=\"18\" font-size=\"13\" font-weight=\"600\" fill=\"#1d232a\">")
                .append(escape(title)).append("</text>");
        return svg;
    }

    /** What the chart shows in words, for screen readers: each series' values from the first label to the last. */
    private static String description(List<String> labels, List<Series> series, Unit unit) {
        if (labels.isEmpty() || series.isEmpty()) {
            return "no data";
        }
        List<String> parts = new ArrayList<>();
        for (Series s : series) {
            List<String> values = new ArrayList<>();
            for (double value : s.values()) {
                values.add(Double.isFinite(value) ? unit.format(value) : "none");
            }
            parts.add(s.name() + ": " + String.join(", ", values));
        }
        return labels.get(0) + " to " + labels.get(labels.size() - 1) + ". " + String.join("; ", parts);
    }

    private static String empty(StringBuilder svg) {
        svg.append("<text class=\"no-data\" x=\"").append(WIDTH / 2).append("\" y=\"").append(HEIGHT / 2)
                .append("\" text-anchor=\"middle\" font-size=\"13\" fill=\"#7a8591\">No data for these days</text>");
        return svg.append("</svg>").toString();
    }

    private static void axes(StringBuilder svg, List<String> labels, double top, Unit unit) {
        for (int g = 0; g <= GRID_LINES; g++) {
            double value = top * g / GRID_LINES;
            double yv = y(value, top);
            svg.append("<line x1=\"").append(LEFT).append("\" x2=\"").append(WIDTH - RIGHT).append("\" y1=\"").append(num(yv))
                    .append("\" y2=\"").append(num(yv)).append("\" stroke=\"").append(g == 0 ? "#505a66" : "#e3e6ea").append("\"/>");
            svg.append("<text class=\"y-label\" x=\"").append(LEFT - 6).append("\" y=\"").append(num(yv + 4))
                    .append("\" text-anchor=\"end\" font-size=\"10\" fill=\"#505a66\">").append(escape(unit.format(value))).append("</text>");
        }
        double slot = plotWidth() / labels.size();
        // At most about seven labels fit under 400 pixels; the rest are left out but stay in each bar's title.
        int every = Math.max(1, (int) Math.ceil(labels.size() / 7.0));
        for (int i = 0; i < labels.size(); i += every) {
            svg.append("<text class=\"x-label\" x=\"").append(num(LEFT + slot * (i + 0.5))).append("\" y=\"").append(HEIGHT - BOTTOM + 14)
                    .append("\" text-anchor=\"middle\" font-size=\"10\" fill=\"#505a66\">").append(escape(labels.get(i))).append("</text>");
        }
    }

    private static void legend(StringBuilder svg, List<Series> series, boolean lines) {
        double x = LEFT;
        int yv = HEIGHT - 12;
        for (int s = 0; s < series.size(); s++) {
            svg.append("<g class=\"legend\">");
            if (lines) {
                svg.append("<line x1=\"").append(num(x)).append("\" x2=\"").append(num(x + 18)).append("\" y1=\"").append(yv - 4)
                        .append("\" y2=\"").append(yv - 4).append("\" stroke=\"").append(colour(s)).append("\" stroke-width=\"2.5\"");
                if (!DASHES.get(s % DASHES.size()).isEmpty()) {
                    svg.append(" stroke-dasharray=\"").append(DASHES.get(s % DASHES.size())).append('"');
                }
                svg.append("/>");
            } else {
                svg.append("<rect x=\"").append(num(x)).append("\" y=\"").append(yv - 9).append("\" width=\"10\" height=\"10\" fill=\"")
                        .append(colour(s)).append("\"/>");
            }
            String name = series.get(s).name();
            double textX = x + (lines ? 22 : 14);
            svg.append("<text x=\"").append(num(textX)).append("\" y=\"").append(yv).append("\" font-size=\"11\" fill=\"#1d232a\">")
                    .append(escape(name)).append("</text></g>");
            // Roughly 6.2 pixels per character at 11 px: enough to keep the entries apart without measuring text.
            x = textX + name.length() * 6.2 + 14;
        }
    }

    private static void marker(StringBuilder svg, int s, double x, double yv, String title) {
        String colour = colour(s);
        String shape = switch (s % 3) {
            case 0 -> "<circle class=\"point\" cx=\"" + num(x) + "\" cy=\"" + num(yv) + "\" r=\"3.5\" fill=\"" + colour + "\">";
            case 1 -> "<rect class=\"point\" x=\"" + num(x - 3.5) + "\" y=\"" + num(yv - 3.5) + "\" width=\"7\" height=\"7\" fill=\"" + colour + "\">";
            default -> "<rect class=\"point\" x=\"" + num(x - 3.5) + "\" y=\"" + num(yv - 3.5) + "\" width=\"7\" height=\"7\" fill=\"#ffffff\" stroke=\""
                    + colour + "\" stroke-width=\"2\">";
        };
        svg.append(shape).append("<title>").append(title).append("</title>").append(shape.startsWith("<circle") ? "</circle>" : "</rect>");
    }

    private static void checkLengths(List<String> labels, List<Series> series) {
        for (Series s : series) {
            if (s.values().size() != labels.size()) {
                throw new IllegalArgumentException("series " + s.name() + " has " + s.values().size() + " values for " + labels.size() + " labels");
            }
        }
    }

    /** The axis' top: a round number at or above {@code max} (1, 2, 5 × 10^n; for durations, whole minutes, hours or days). */
    static double niceCeiling(double max, Unit unit) {
        if (unit == Unit.PERCENT) {
            return 1.0;
        }
        if (unit == Unit.SECONDS) {
            for (double step : new double[] {60, 300, 900, 1800, 3600, 7200, 4 * 3600, 8 * 3600, 86_400, 2 * 86_400, 7 * 86_400}) {
                if (max <= step * GRID_LINES) {
                    return step * GRID_LINES;
                }
            }
        }
        double magnitude = Math.pow(10, Math.floor(Math.log10(Math.max(max, 1) / GRID_LINES)));
        for (double factor : new double[] {1, 2, 5, 10}) {
            double step = factor * magnitude;
            if (unit == Unit.COUNT && step < 1) {
                continue;
            }
            if (max <= step * GRID_LINES) {
                return step * GRID_LINES;
            }
        }
        return 10 * magnitude * GRID_LINES;
    }

    private static double plotWidth() {
        return WIDTH - LEFT - RIGHT;
    }

    private static double y(double value, double top) {
        double plotHeight = HEIGHT - TOP - BOTTOM;
        return TOP + plotHeight * (1 - value / top);
    }

    private static double positive(double value) {
        return Double.isFinite(value) && value > 0 ? value : 0;
    }

    private static String colour(int series) {
        return PALETTE.get(series % PALETTE.size());
    }

    private static String num(double value) {
        return String.format(Locale.ROOT, "%.1f", value);
    }
}
