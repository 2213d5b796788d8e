package dev.commercesuite.defaults.problem;

import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import dev.commercesuite.defaults.requestid.RequestIdFilter;
import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;

/**
 * 414 and 431 as problem+json. Vert.x's HTTP codec answers a request line or headers over its own limits
 * ({@code quarkus.http.limits.max-initial-line-length}, {@code quarkus.http.limits.max-header-size}) itself, with a
 * bare status and no hook for the body. So those limits are set a little above the ones the suite enforces
 * ({@code suite.http.limits.*}), and this filter refuses what lies between with a problem; only a request over the
 * codec's ceiling still gets the bare status.
 */
@ApplicationScoped
public class RequestLimits {

    /** Right after the request id, with the body-size check. */
    static final int PRIORITY = RequestIdFilter.PRIORITY - 1;

    private final int maxRequestLine;
    private final long maxHeaderSize;
    private final RouterProblemHandlers problems;

    public RequestLimits(RouterProblemHandlers problems,
            @ConfigProperty(name = "suite.http.limits.max-request-line-length", defaultValue = "4096")
            int maxRequestLine,
            @ConfigProperty(name = "suite.http.limits.max-header-size", defaultValue = "20K")
            MemorySize maxHeaderSize) {
        this.problems = problems;
        this.maxRequestLine = maxRequestLine;
        this.maxHeaderSize = maxHeaderSize.asLongValue();
    }

    void register(@Observes Filters filters) {
        filters.register(this::check, PRIORITY);
    }

    private void check(RoutingContext ctx) {
        // the line as the codec counts it: method, target and version, with their two separating spaces
        int requestLine = ctx.request().method().name().length() + 1 + ctx.request().uri().length() + 1
                + ctx.request().version().alpnName().length() + 1;
        if (requestLine > maxRequestLine) {
            close(ctx, 414);
            return;
        }
        long headerSize = 0;
        for (Map.Entry<String, String> header : ctx.request().headers()) {
            headerSize += header.getKey().length() + 2 + header.getValue().length() + 2;
        }
        if (headerSize > maxHeaderSize) {
            close(ctx, 431);
            return;
        }
        ctx.next();
    }

    private void close(RoutingContext ctx, int status) {
        ctx.response().putHeader(HttpHeaders.CONNECTION, "close");
        problems.write(ctx, status);
    }
}
