package dev.commercesuite.bench;

import java.util.Arrays;
import java.util.List;

/** What one measured run of a load did: completions per second, each call's latency (ms), completions and time. */
record Run(double perSecond, double[] latenciesMs, long completed, double seconds) {

    /** Several runs as one: all their completions over all their time, all their latencies. */
    static Run pooled(List<Run> runs) {
        long completed = runs.stream().mapToLong(Run::completed).sum();
        double seconds = runs.stream().mapToDouble(Run::seconds).sum();
        double[] latencies = runs.stream().flatMapToDouble(run -> Arrays.stream(run.latenciesMs())).toArray();
        return new Run(completed / seconds, latencies, completed, seconds);
    }

    double percentile(double p) {
        double[] sorted = latenciesMs.clone();
        Arrays.sort(sorted);
        if (sorted.length == 0) {
            return Double.NaN;
        }
        return sorted[(int) Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))];
    }
}
