package dev.commercesuite.gateway.edge;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import dev.commercesuite.defaults.requestid.RequestIdFilter;
import dev.commercesuite.gateway.config.GatewayConfig;
import dev.commercesuite.gateway.domain.IpRanges;
import dev.commercesuite.gateway.route.Exchange;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;

/**
 * Who the client is, for every request, before any other gateway filter: the TCP peer's address, unless the peer is
 * one of the configured trusted proxies ({@code gateway.trusted-proxies}); then {@code X-Forwarded-For} is read from
 * the right, skipping trusted hops, and the first untrusted address is the client. {@code X-Forwarded-Proto} counts
 * only from a trusted peer. A spoofed header from anyone else changes nothing.
 */
@ApplicationScoped
public class ClientAddress {

    /** Right after the request id and the request-size checks. */
    public static final int PRIORITY = RequestIdFilter.PRIORITY - 2;

    private static final Logger LOG = Logger.getLogger(ClientAddress.class);
    private static final Handler<Throwable> QUIET = failure -> LOG.debugf("Client connection failed: %s", failure);

    private final IpRanges trusted;

    public ClientAddress(GatewayConfig config) {
        this.trusted = IpRanges.of(config.trustedProxies());
    }

    void register(@Observes Filters filters) {
        filters.register(this::resolve, PRIORITY);
    }

    void resolve(RoutingContext ctx) {
        // a client that resets its connection while the gateway refuses it or waits (for Redis, identity's keys) is
        // not an error worth a log line; the forwarding path reports what concerns a call
        ctx.request().connection().exceptionHandler(QUIET);
        var peer = ctx.request().remoteAddress();
        String peerIp = peer == null ? "unknown" : peer.hostAddress();
        if (trusted.isEmpty() || !trusted.contains(peerIp)) {
            Exchange.clientIp(ctx, peerIp);
            Exchange.secure(ctx, ctx.request().isSSL());
            ctx.next();
            return;
        }
        Exchange.clientIp(ctx, client(peerIp, ctx.request().headers().getAll("X-Forwarded-For")));
        String proto = ctx.request().getHeader("X-Forwarded-Proto");
        Exchange.secure(ctx, proto == null ? ctx.request().isSSL() : "https".equalsIgnoreCase(lastValue(proto)));
        ctx.next();
    }

    /** The first address from the right of the forwarded chain that is not a trusted proxy. */
    String client(String peerIp, java.util.List<String> forwardedFor) {
        String client = peerIp;
        for (int h = forwardedFor.size() - 1; h >= 0; h--) {
            String[] hops = forwardedFor.get(h).split(",");
            for (int i = hops.length - 1; i >= 0; i--) {
                if (!trusted.contains(client)) {
                    return client;
                }
                String hop = hops[i].strip();
                if (hop.isEmpty()) {
                    continue;
                }
                if (dev.commercesuite.gateway.domain.Cidr.literal(hop) == null) {
                    return client; // garbage in the chain: stop at the last hop we could trust
                }
                client = hop;
            }
        }
        return client;
    }

    /** The value the nearest proxy added: a proxy that appends rather than replaces leaves the client's own first. */
    private static String lastValue(String header) {
        int comma = header.lastIndexOf(',');
        return (comma < 0 ? header : header.substring(comma + 1)).strip();
    }
}
