package dev.commercesuite.gateway.edge;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import dev.commercesuite.defaults.problem.RouterProblemHandlers;
import dev.commercesuite.gateway.config.BodyLimitsConfig;
import dev.commercesuite.gateway.route.Exchange;
import dev.commercesuite.gateway.route.GatewayStage;
import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpVersion;
import io.vertx.ext.web.RoutingContext;

/**
 * Per-route body limits, so that a service never receives more than its route allows (a login needs kilobytes, a
 * Stripe webhook a few hundred). A declared {@code Content-Length} over the limit is refused at once, unread; a body
 * of unknown length (chunked) is read up to the limit and then forwarded whole from {@link Exchange#bufferBody}, or
 * refused as soon as it passes the limit. Either refusal is a 413 problem that closes the connection, so the rest of
 * an oversized upload is never read.
 */
@ApplicationScoped
public class BodyLimit implements GatewayStage {

    private static final Logger LOG = Logger.getLogger(BodyLimit.class);

    /** A compiled rule of {@code gateway.body-limits.routes}. */
    record Rule(String name, Pattern path, long limit) {
    }

    private final RouterProblemHandlers problems;
    private final long defaultLimit;
    /** Ascending by limit: the first rule that matches holds the smallest limit for the path. */
    private final Rule[] rules;

    public BodyLimit(BodyLimitsConfig config, RouterProblemHandlers problems,
            @ConfigProperty(name = "quarkus.http.limits.max-body-size") Optional<MemorySize> ceiling) {
        this.problems = problems;
        this.defaultLimit = config.defaultLimit().asLongValue();
        this.rules = rules(config.routes(), defaultLimit, ceiling.map(MemorySize::asLongValue).orElse(Long.MAX_VALUE))
                .toArray(Rule[]::new);
    }

    /**
     * The configured rules, compiled and sorted by limit.
     *
     * @throws IllegalArgumentException naming the rule when its pattern does not compile or a limit is over the ceiling
     */
    static List<Rule> rules(Map<String, BodyLimitsConfig.Rule> configured, long defaultLimit, long ceiling) {
        if (defaultLimit > ceiling) {
            throw new IllegalArgumentException("gateway.body-limits.default-limit (" + defaultLimit + " bytes) is over"
                    + " quarkus.http.limits.max-body-size (" + ceiling + " bytes), which refuses larger bodies first;"
                    + " raise that too or lower the limit");
        }
        List<Rule> rules = new ArrayList<>();
        for (Map.Entry<String, BodyLimitsConfig.Rule> entry : configured.entrySet()) {
            String name = entry.getKey();
            long limit = entry.getValue().limit().asLongValue();
            if (limit > ceiling) {
                throw new IllegalArgumentException("gateway.body-limits.routes." + name + ".limit (" + limit
                        + " bytes) is over quarkus.http.limits.max-body-size (" + ceiling + " bytes), which refuses"
                        + " larger bodies first; raise that too or lower the limit");
            }
            try {
                rules.add(new Rule(name, Pattern.compile(entry.getValue().path()), limit));
            } catch (PatternSyntaxException e) {
                throw new IllegalArgumentException("gateway.body-limits.routes." + name + ".path is not a regular"
                        + " expression: " + e.getDescription(), e);
            }
        }
        rules.sort(Comparator.comparingLong(Rule::limit).thenComparing(Rule::name));
        return List.copyOf(rules);
    }

    @Override
    public int order() {
        return BODY_LIMIT;
    }

    @Override
    public void handle(RoutingContext ctx) {
        HttpServerRequest in = ctx.request();
        String length = in.getHeader(HttpHeaders.CONTENT_LENGTH);
        if (length != null) {
            long declared = declaredLength(length);
            if (declared < 0) {
                // Netty refuses most of these before routing; whatever gets here is still the client's error
                closeAfterAnswer(in, ctx);
                problems.write(ctx, 400, "The Content-Length header is not a number of bytes.");
                return;
            }
            long limit = limitFor(in.path());
            if (declared > limit) {
                tooLarge(ctx, limit);
                return;
            }
            ctx.next();
            return;
        }
        boolean unknownLength = in.version() == HttpVersion.HTTP_2
                || HttpHeaders.CHUNKED.toString().equalsIgnoreCase(in.getHeader(HttpHeaders.TRANSFER_ENCODING));
        if (!unknownLength || in.isEnded()) {
            ctx.next(); // no body
            return;
        }
        new BoundedRead(ctx, limitFor(in.path())).start();
    }

    /** The smallest limit of the rules matching {@code path}, or the default limit. */
    long limitFor(String path) {
        if (path != null) {
            for (Rule rule : rules) {
                if (rule.path().matcher(path).matches()) {
                    return rule.limit();
                }
            }
        }
        return defaultLimit;
    }

    static long declaredLength(String header) {
        String value = header.strip();
        if (value.isEmpty() || value.length() > 18) {
            return -1;
        }
        long length = 0;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            length = length * 10 + (c - '0');
        }
        return length;
    }

    private void tooLarge(RoutingContext ctx, long limit) {
        closeAfterAnswer(ctx.request(), ctx);
        problems.write(ctx, 413, "The body of this request may be at most " + describe(limit) + ".");
    }

    /** The connection goes with the answer: the rest of the body is never read. */
    private static void closeAfterAnswer(HttpServerRequest in, RoutingContext ctx) {
        if (in.version() != HttpVersion.HTTP_2) {
            ctx.response().putHeader(HttpHeaders.CONNECTION, HttpHeaders.CLOSE);
        }
    }

    static String describe(long bytes) {
        if (bytes >= 1024 * 1024 && bytes % (1024 * 1024) == 0) {
            return bytes / (1024 * 1024) + " MiB";
        }
        if (bytes >= 1024 && bytes % 1024 == 0) {
            return bytes / 1024 + " KiB";
        }
        return bytes + " bytes";
    }

    /** Reads a body of unknown length into memory, up to the limit, then lets the request through. */
    private final class BoundedRead implements Handler<Buffer> {

        private final RoutingContext ctx;
        private final long limit;
        private final Buffer body = Buffer.buffer();
        private boolean over;

        BoundedRead(RoutingContext ctx, long limit) {
            this.ctx = ctx;
            this.limit = limit;
        }

        void start() {
            HttpServerRequest in = ctx.request();
            in.handler(this);
            in.exceptionHandler(failure -> {
                over = true; // the client went away mid-body: nobody to answer
                LOG.debugf("Request body of %s broke off: %s", in.path(), failure.toString());
            });
            in.endHandler(ignored -> {
                if (!over) {
                    Exchange.bufferBody(ctx, body);
                    ctx.next();
                }
            });
            in.resume();
            if ("100-continue".equalsIgnoreCase(in.getHeader(HttpHeaders.EXPECT))) {
                ctx.response().writeContinue(); // the client holds the body back until told to send it
            }
        }

        @Override
        public void handle(Buffer chunk) {
            if (over) {
                return;
            }
            if (body.length() + (long) chunk.length() > limit) {
                over = true;
                tooLarge(ctx, limit);
                return;
            }
            body.appendBuffer(chunk);
        }
    }
}
