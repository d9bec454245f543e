package dev.promptly.core.kpi;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Durations counted in logarithmic buckets, so a day's response times fit in a few hundred bytes, days add up
 * into weeks and months, and a median or 90th percentile comes out within about 5 % of the exact value.
 * Bucket {@code b} holds durations from {@code 1.1^(b-1)} up to {@code 1.1^b} seconds; bucket 0 holds
 * durations under one second. {@code buckets} is sparse (bucket index to count) and never holds zero counts.
 */
public record DurationHistogram(Map<Integer, Long> buckets) {
    static final double GROWTH = 1.1;
    /** Past 2 years a duration is an error in the data, not a response time; it is counted in the last bucket. */
    static final int LAST_BUCKET = (int) Math.ceil(Math.log(2 * 366 * 86_400.0) / Math.log(GROWTH));

    public static final DurationHistogram EMPTY = new DurationHistogram(Map.of());

    public DurationHistogram {
        Objects.requireNonNull(buckets, "buckets");
        TreeMap<Integer, Long> copy = new TreeMap<>();
        buckets.forEach((bucket, count) -> {
            if (bucket < 0 || bucket > LAST_BUCKET || count < 0) {
                throw new IllegalArgumentException("bucket " + bucket + " with count " + count + " is out of range");
            }
            if (count > 0) {
                copy.put(bucket, count);
            }
        });
        buckets = java.util.Collections.unmodifiableSortedMap(copy);
    }

    public static DurationHistogram of(Duration... durations) {
        DurationHistogram histogram = EMPTY;
        for (Duration duration : durations) {
            histogram = histogram.with(duration);
        }
        return histogram;
    }

    /** This histogram with one more duration (a negative one counts as zero). */
    public DurationHistogram with(Duration duration) {
        TreeMap<Integer, Long> next = new TreeMap<>(buckets);
        next.merge(bucketOf(duration), 1L, Long::sum);
        return new DurationHistogram(next);
    }

    public DurationHistogram plus(DurationHistogram other) {
        TreeMap<Integer, Long> next = new TreeMap<>(buckets);
        other.buckets.forEach((bucket, count) -> next.merge(bucket, count, Long::sum));
        return new DurationHistogram(next);
    }

    public long count() {
        return buckets.values().stream().mapToLong(Long::longValue).sum();
    }

    /** The median; empty when nothing was counted. */
    public Optional<Duration> median() {
        return percentile(0.5);
    }

    /**
     * The duration below which {@code quantile} (0 < q ≤ 1) of the counted durations lie, as the geometric middle
     * of the bucket it falls in; empty when nothing was counted.
     */
    public Optional<Duration> percentile(double quantile) {
        if (!(quantile > 0 && quantile <= 1)) {
            throw new IllegalArgumentException("quantile must lie in (0, 1]: " + quantile);
        }
        long total = count();
        if (total == 0) {
            return Optional.empty();
        }
        long rank = (long) Math.ceil(quantile * total);
        long seen = 0;
        for (Map.Entry<Integer, Long> entry : buckets.entrySet()) {
            seen += entry.getValue();
            if (seen >= rank) {
                return Optional.of(middleOf(entry.getKey()));
            }
        }
        throw new IllegalStateException("unreachable: rank " + rank + " of " + total);
    }

    static int bucketOf(Duration duration) {
        double seconds = Math.max(0, duration.toMillis() / 1000.0);
        if (seconds < 1) {
            return 0;
        }
        int bucket = (int) Math.floor(Math.log(seconds) / Math.log(GROWTH)) + 1;
        return Math.min(bucket, LAST_BUCKET);
    }

    static Duration middleOf(int bucket) {
        if (bucket == 0) {
            return Duration.ofMillis(500);
        }
        double seconds = Math.pow(GROWTH, bucket - 0.5);
        return Duration.ofMillis(Math.round(seconds * 1000));
    }
}
