package dev.promptly.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.promptly.local.SvgCharts.Series;
import dev.promptly.local.SvgCharts.Unit;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

class SvgChartsTest {
    private static final List<String> DAYS = List.of("1 Dec", "2 Dec", "3 Dec");
    private static final double NONE = Double.NaN;

    /** The SVG as an XML document: proves it is well-formed, whatever data went in. */
    private static Document parse(String svg) throws Exception {
        var factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        return factory.newDocumentBuilder().parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
    }

    private static int count(String svg, String regex) {
        Matcher m = Pattern.compile(regex).matcher(svg);
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }

    @Test
    void stackedBarsDrawOneSegmentPerPositiveValueStackedToTheDaysTotal() throws Exception {
        var wismo = new Series("wismo", List.of(4.0, 0.0, 2.0));
        var returns = new Series("return", List.of(4.0, 1.0, 0.0));

        String svg = SvgCharts.stackedBars("Conversations by intent", DAYS, List.of(wismo, returns), Unit.COUNT);

        var doc = parse(svg);
        assertEquals("svg", doc.getDocumentElement().getLocalName());
        assertEquals(4, count(svg, "<rect class=\"bar\""), "one segment per positive value: " + svg);
        assertTrue(svg.contains("<title>wismo, 1 Dec: 4</title>"), svg);
        assertTrue(svg.contains("<title>return, 2 Dec: 1</title>"), svg);
        // The tallest day (8) fits under an axis topped at a round 8: four grid lines of 2.
        assertTrue(svg.contains(">8</text>") && svg.contains(">2</text>"), "y axis labels: " + svg);
        assertTrue(svg.contains("fill=\"" + SvgCharts.PALETTE.get(0) + "\"") && svg.contains("fill=\"" + SvgCharts.PALETTE.get(1) + "\""), svg);
        assertTrue(svg.contains(">wismo</text>") && svg.contains(">return</text>"), "the legend names each series: " + svg);
        assertTrue(svg.contains("role=\"img\"") && svg.contains("<title id="), "labelled for screen readers: " + svg);
    }

    @Test
    void theStackedSegmentsOfADayAddUpToItsTotalHeight() {
        String svg = SvgCharts.stackedBars("Volume", List.of("1 Dec"), List.of(new Series("a", List.of(1.0)), new Series("b", List.of(3.0))),
                Unit.COUNT);

        Matcher heights = Pattern.compile("<rect class=\"bar\"[^>]* height=\"([0-9.]+)\"").matcher(svg);
        double total = 0;
        List<Double> each = new java.util.ArrayList<>();
        while (heights.find()) {
            each.add(Double.parseDouble(heights.group(1)));
            total += each.get(each.size() - 1);
        }

        assertEquals(2, each.size(), svg);
        assertEquals(3.0, each.get(1) / each.get(0), 0.05, "3 is three times as tall as 1: " + svg);
        assertEquals(230 - 30 - 48, total, 0.5, "4 of 4 fills the plot's height: " + svg);
    }

    @Test
    void linesDrawAPolylinePerRunOfValuesAndBreakWhereADayHasNone() throws Exception {
        var median = new Series("median", List.of(600.0, NONE, 1200.0));
        var p90 = new Series("90th percentile", List.of(1800.0, 3600.0, 5400.0));

        String svg = SvgCharts.lines("First response", DAYS, List.of(median, p90), Unit.SECONDS);

        parse(svg);
        assertEquals(3, count(svg, "<polyline class=\"line\""), "median breaks at the missing day, p90 is one line: " + svg);
        assertEquals(5, count(svg, "class=\"point\""), "a marker per value: " + svg);
        assertTrue(svg.contains("<title>median, 1 Dec: 10 min</title>"), svg);
        assertTrue(svg.contains("<title>90th percentile, 3 Dec: 1.5 h</title>"), svg);
        assertTrue(svg.contains("stroke-dasharray"), "the second series differs by more than colour: " + svg);
        assertTrue(svg.contains("<desc") && svg.contains("median: 10 min, none, 20 min"), "described in words: " + svg);
    }

    @Test
    void percentLinesRunOnAnAxisFromZeroToOneHundredPercent() {
        String svg = SvgCharts.lines("SLA targets met", DAYS, List.of(new Series("first response", List.of(0.5, 0.75, 1.0))), Unit.PERCENT);

        assertTrue(svg.contains(">100 %</text>") && svg.contains(">0 %</text>") && svg.contains(">50 %</text>"), svg);
        assertTrue(svg.contains("<title>first response, 2 Dec: 75 %</title>"), svg);
    }

    @Test
    void textFromTheDataIsEscapedSoItCannotBecomeMarkup() throws Exception {
        var evil = new Series("<script>alert('x')</script> & \"co\"", List.of(1.0, 2.0, 3.0));

        String bars = SvgCharts.stackedBars("Title <b>", List.of("<a>", "b&c", "\"d\""), List.of(evil), Unit.COUNT);
        String lines = SvgCharts.lines("Title <b>", List.of("<a>", "b&c", "\"d\""), List.of(evil), Unit.COUNT);

        for (String svg : List.of(bars, lines)) {
            parse(svg);
            assertFalse(svg.contains("<script>") || svg.contains("<b>") || svg.contains("<a>"), svg);
            assertTrue(svg.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;co&quot;"), svg);
            assertTrue(svg.contains("Title &lt;b&gt;"), svg);
        }
    }

    @Test
    void aChartWithoutDataSaysSoAndDrawsNoBarsOrLines() throws Exception {
        String noBars = SvgCharts.stackedBars("Volume", DAYS, List.of(new Series("wismo", List.of(0.0, 0.0, 0.0))), Unit.COUNT);
        String noLines = SvgCharts.lines("Automation", DAYS, List.of(new Series("rate", List.of(NONE, NONE, NONE))), Unit.PERCENT);
        String noSeries = SvgCharts.stackedBars("Volume", DAYS, List.of(), Unit.COUNT);
        String noDays = SvgCharts.lines("Automation", List.of(), List.of(), Unit.PERCENT);

        for (String svg : List.of(noBars, noLines, noSeries, noDays)) {
            parse(svg);
            assertTrue(svg.contains("No data for these days"), svg);
            assertFalse(svg.contains("class=\"bar\"") || svg.contains("<polyline"), svg);
        }
    }

    @Test
    void aSeriesWithTheWrongNumberOfValuesIsRefused() {
        var shortSeries = new Series("wismo", List.of(1.0));

        var refused = assertThrows(IllegalArgumentException.class, () -> SvgCharts.stackedBars("Volume", DAYS, List.of(shortSeries), Unit.COUNT));

        assertTrue(refused.getMessage().contains("wismo has 1 values for 3 labels"), refused.getMessage());
    }

    @Test
    void durationsReadAsSecondsMinutesHoursOrDays() {
        assertEquals("45 s", SvgCharts.duration(45));
        assertEquals("12 min", SvgCharts.duration(720));
        assertEquals("2 h", SvgCharts.duration(7200));
        assertEquals("3.5 h", SvgCharts.duration(12_600));
        assertEquals("1.5 d", SvgCharts.duration(129_600));
    }

    @Test
    void axesEndOnRoundValuesAboveTheLargestValue() {
        assertEquals(4, SvgCharts.niceCeiling(3, Unit.COUNT));
        assertEquals(8, SvgCharts.niceCeiling(7, Unit.COUNT));
        assertEquals(20, SvgCharts.niceCeiling(13, Unit.COUNT));
        assertEquals(200, SvgCharts.niceCeiling(170, Unit.COUNT));
        assertEquals(3600, SvgCharts.niceCeiling(3000, Unit.SECONDS), "four grid lines of 15 minutes");
        assertEquals(1.0, SvgCharts.niceCeiling(0.4, Unit.PERCENT));
    }
}
