package dev.commercesuite.defaults.tracing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import io.opentelemetry.sdk.trace.samplers.SamplingDecision;

/** Spans are recorded (and so exported) only when an OTLP endpoint is configured. */
class TraceSamplingTest {

    private static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";

    @Test
    void withoutAnEndpointEverySpanIsDropped() {
        for (Optional<String> none : List.of(Optional.<String>empty(), Optional.of(" "))) {
            assertEquals(SamplingDecision.DROP, decide(TraceSampling.forEndpoint(none, 1.0)));
        }
    }

    @Test
    void withAnEndpointNewTracesAreRecordedAtTheConfiguredRatio() {
        assertEquals(SamplingDecision.RECORD_AND_SAMPLE,
                decide(TraceSampling.forEndpoint(Optional.of("http://127.0.0.1:4318"), 1.0)));
        assertEquals(SamplingDecision.DROP,
                decide(TraceSampling.forEndpoint(Optional.of("http://127.0.0.1:4318"), 0.0)));
    }

    private static SamplingDecision decide(Sampler sampler) {
        return sampler.shouldSample(Context.root(), TRACE_ID, "GET /api/v1/products", SpanKind.SERVER,
                Attributes.empty(), List.of()).getDecision();
    }
}
