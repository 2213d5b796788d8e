package dev.commercesuite.defaults.tracing;

import java.util.Optional;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.opentelemetry.sdk.trace.samplers.Sampler;

/**
 * Traces always exist (every request, call and queued item has a trace id, logged and propagated), but spans are
 * recorded and exported only when an OTLP endpoint is configured ({@code OTEL_EXPORTER_OTLP_ENDPOINT}): without one
 * every span is dropped at birth, so nothing is queued and no export is ever attempted. With one, a caller's sampling
 * decision is followed, and new traces are sampled at {@code suite.tracing.sample-ratio}.
 */
public class TraceSampling {

    static final String ENDPOINT = "quarkus.otel.exporter.otlp.traces.endpoint";

    @Produces
    @Singleton
    Sampler sampler(@ConfigProperty(name = ENDPOINT) Optional<String> endpoint,
            @ConfigProperty(name = "suite.tracing.sample-ratio", defaultValue = "1.0") double ratio) {
        return forEndpoint(endpoint, ratio);
    }

    static Sampler forEndpoint(Optional<String> endpoint, double ratio) {
        if (endpoint.filter(value -> !value.isBlank()).isEmpty()) {
            return Sampler.alwaysOff();
        }
        return Sampler.parentBased(Sampler.traceIdRatioBased(ratio));
    }
}
