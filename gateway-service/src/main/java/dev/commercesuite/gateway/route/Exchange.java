package dev.commercesuite.gateway.route;

import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;

/**
 * What the gateway learns about a request as it passes the filters and stages, kept on the routing context so that
 * later stages and the forwarding handler can read it.
 */
public final class Exchange {

    private static final String CLIENT_IP = "gateway.client-ip";
    private static final String SECURE = "gateway.secure";
    private static final String SERVICE = "gateway.service";
    private static final String SUBJECT = "gateway.subject";
    private static final String BODY = "gateway.body";

    private Exchange() {
    }

    /** The client's address: the peer's, or the one trusted proxies named in {@code X-Forwarded-For}. */
    public static String clientIp(RoutingContext ctx) {
        String ip = ctx.get(CLIENT_IP);
        if (ip != null) {
            return ip;
        }
        return ctx.request().remoteAddress() == null ? "unknown" : ctx.request().remoteAddress().hostAddress();
    }

    public static void clientIp(RoutingContext ctx, String ip) {
        ctx.put(CLIENT_IP, ip);
    }

    /** Whether the client reached the gateway over HTTPS (directly, or per a trusted proxy's forwarded proto). */
    public static boolean secure(RoutingContext ctx) {
        Boolean secure = ctx.get(SECURE);
        return secure != null ? secure : ctx.request().isSSL();
    }

    public static void secure(RoutingContext ctx, boolean secure) {
        ctx.put(SECURE, secure);
    }

    /** The service a routed request goes to ({@code identity}, {@code order}, {@code notification}); null otherwise. */
    public static String service(RoutingContext ctx) {
        return ctx.get(SERVICE);
    }

    static void service(RoutingContext ctx, String service) {
        ctx.put(SERVICE, service);
    }

    /** The verified subject ({@code sub}) of the caller's token, or null for an anonymous request. */
    public static String subject(RoutingContext ctx) {
        return ctx.get(SUBJECT);
    }

    public static void subject(RoutingContext ctx, String subject) {
        ctx.put(SUBJECT, subject);
    }

    /** The request body, when a stage had to read it whole; null while the body is still an unread stream. */
    public static Buffer bufferedBody(RoutingContext ctx) {
        return ctx.get(BODY);
    }

    public static void bufferBody(RoutingContext ctx, Buffer body) {
        ctx.put(BODY, body);
    }
}
