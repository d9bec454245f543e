package dev.promptly.bench;

import java.util.Arrays;
import java.util.List;

/** Order statistics of a sample, nearest-rank (no interpolation): every reported value was measured. */
record Stats(double[] sorted) {
    static Stats of(List<? extends Number> values) {
        double[] v = values.stream().mapToDouble(Number::doubleValue).sorted().toArray();
        return new Stats(v);
    }

    int count() {
        return sorted.length;
    }

    /** The value at rank ceil(p × n), 0 < p ≤ 1; the median of an even sample is its lower middle value. */
    double percentile(double p) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int rank = (int) Math.ceil(p * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length, rank) - 1)];
    }

    double median() {
        return percentile(0.5);
    }

    double p90() {
        return percentile(0.9);
    }

    double mean() {
        return Arrays.stream(sorted).average().orElse(Double.NaN);
    }
}
