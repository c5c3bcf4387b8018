package org.chaperone.bench.notification;

import java.util.Arrays;
import java.util.Collection;
import java.util.Locale;

/** Percentiles (nearest rank) of durations in milliseconds. */
record Stats(int count, double p50, double p95, double p99, double max, double mean) {

    static Stats of(Collection<Double> millis) {
        double[] values = millis.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        if (values.length == 0) {
            return new Stats(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
        }
        return new Stats(values.length, rank(values, 50), rank(values, 95), rank(values, 99),
                values[values.length - 1], Arrays.stream(values).average().orElse(Double.NaN));
    }

    private static double rank(double[] sorted, double percentile) {
        int index = (int) Math.ceil(percentile / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }

    String row(String name) {
        return String.format(Locale.ROOT, "| %s | %d | %.1f | %.1f | %.1f | %.1f | %.1f |", name, count, p50, p95, p99,
                max, mean);
    }

    static String header() {
        return "| | n | p50 (ms) | p95 (ms) | p99 (ms) | max (ms) | mean (ms) |\n|---|---:|---:|---:|---:|---:|---:|";
    }
}
