package dev.commercesuite.defaults.tracing;

import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import dev.commercesuite.defaults.queue.LeasedItem;
import dev.commercesuite.defaults.queue.WorkScope;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.context.propagation.TextMapGetter;

/**
 * Carries a trace across a table: work queued in one transaction (an outbox message, an email) and done later by a
 * worker keeps the trace of the request that queued it. {@link #current()} gives the W3C {@code traceparent} to store
 * with the row; {@link #resume} opens the worker's span as a child of the stored context, current while the item is
 * processed, so its log lines carry that {@code traceId} and its outgoing calls propagate it.
 */
@ApplicationScoped
public class StoredTrace {

    static final String TRACEPARENT = "traceparent";

    private static final TextMapGetter<Map<String, String>> STORED = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(Map<String, String> carrier) {
            return carrier.keySet();
        }

        @Override
        public String get(Map<String, String> carrier, String key) {
            return carrier == null ? null : carrier.get(key);
        }
    };

    private final Tracer tracer;

    public StoredTrace(Tracer tracer) {
        this.tracer = tracer;
    }

    /** The {@code traceparent} of the current span, or null outside any trace. */
    public static String current() {
        SpanContext span = Span.current().getSpanContext();
        if (!span.isValid()) {
            return null;
        }
        return "00-" + span.getTraceId() + "-" + span.getSpanId() + "-" + span.getTraceFlags().asHex();
    }

    /**
     * Starts a span named {@code operation} whose parent is {@code traceParent} (a new trace when it is null or not a
     * valid {@code traceparent}: rows written before traces were stored) and makes it current until the returned
     * scope is closed.
     */
    public Resumed resume(String traceParent, String operation) {
        Context parent = traceParent == null ? Context.root()
                : W3CTraceContextPropagator.getInstance().extract(Context.root(), Map.of(TRACEPARENT, traceParent),
                        STORED);
        Span span = tracer.spanBuilder(operation).setParent(parent).setSpanKind(SpanKind.CONSUMER).startSpan();
        return new Resumed(span, span.makeCurrent());
    }

    /** A {@link WorkScope} that processes each item in the trace it was queued in, in a span named {@code operation}. */
    public <T extends LeasedItem> WorkScope<T> forItems(String operation) {
        return item -> resume(item.traceParent(), operation);
    }

    /** A resumed trace's span, current until closed. */
    public static final class Resumed implements WorkScope.Open {

        private final Span span;
        private final Scope scope;

        private Resumed(Span span, Scope scope) {
            this.span = span;
            this.scope = scope;
        }

        /** Marks the span failed, with the error recorded for the item (never a payload). */
        @Override
        public void failed(String error) {
            span.setStatus(StatusCode.ERROR, error);
        }

        @Override
        public void close() {
            scope.close();
            span.end();
        }
    }
}
