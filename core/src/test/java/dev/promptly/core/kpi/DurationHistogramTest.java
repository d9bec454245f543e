package dev.promptly.core.kpi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DurationHistogramTest {

    private static void assertWithinFivePercent(Duration expected, Duration actual) {
        double ratio = (double) actual.toMillis() / expected.toMillis();
        assertTrue(ratio > 0.95 && ratio < 1.05, "expected about " + expected + " but was " + actual);
    }

    @Test
    void theMedianAndNinetiethPercentileLieWithinFivePercentOfTheExactValues() {
        // given response times of 1 to 100 minutes
        DurationHistogram histogram = DurationHistogram.EMPTY;
        for (int minutes = 1; minutes <= 100; minutes++) {
            histogram = histogram.with(Duration.ofMinutes(minutes));
        }

        // then
        assertEquals(100, histogram.count());
        assertWithinFivePercent(Duration.ofMinutes(50), histogram.median().orElseThrow());
        assertWithinFivePercent(Duration.ofMinutes(90), histogram.percentile(0.9).orElseThrow());
    }

    @Test
    void daysAddUpToTheHistogramOfAllTheirDurations() {
        DurationHistogram monday = DurationHistogram.of(Duration.ofMinutes(5), Duration.ofHours(2));
        DurationHistogram tuesday = DurationHistogram.of(Duration.ofHours(2), Duration.ofDays(1));

        assertEquals(DurationHistogram.of(Duration.ofMinutes(5), Duration.ofHours(2), Duration.ofHours(2), Duration.ofDays(1)),
                monday.plus(tuesday));
    }

    @Test
    void nothingCountedHasNoMedianAndOutOfRangeInputIsRefused() {
        assertEquals(Optional.empty(), DurationHistogram.EMPTY.median());
        assertThrows(IllegalArgumentException.class, () -> DurationHistogram.EMPTY.percentile(0));
        assertThrows(IllegalArgumentException.class, () -> new DurationHistogram(Map.of(-1, 3L)));
        assertEquals(Duration.ofMillis(500), DurationHistogram.of(Duration.ofSeconds(-4)).median().orElseThrow(),
                "a negative duration (clock skew) counts as zero");
    }
}
