package dev.commercesuite.defaults.metrics;

import java.time.Duration;
import java.util.stream.Stream;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.distribution.DistributionStatisticConfig;

/**
 * Gives {@code http_server_requests_seconds} a histogram, so dashboards and alerts can read latency percentiles
 * across replicas ({@code histogram_quantile} over {@code _bucket}); without one Micrometer exports only a count, a
 * sum and a max. Eleven fixed buckets, from 5 ms to 10 s, keep the series per route and status few.
 */
@Singleton
public class HttpLatencyBuckets {

    static final String METER = "http.server.requests";
    static final Duration[] BUCKETS = Stream.of(5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10_000)
            .map(Duration::ofMillis).toArray(Duration[]::new);

    @Produces
    @Singleton
    MeterFilter httpServerLatencyHistogram() {
        double[] nanos = Stream.of(BUCKETS).mapToDouble(Duration::toNanos).toArray();
        return new MeterFilter() {
            @Override
            public DistributionStatisticConfig configure(Meter.Id id, DistributionStatisticConfig config) {
                if (!METER.equals(id.getName())) {
                    return config;
                }
                return DistributionStatisticConfig.builder().serviceLevelObjectives(nanos).build().merge(config);
            }
        };
    }
}
