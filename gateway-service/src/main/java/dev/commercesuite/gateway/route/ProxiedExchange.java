package dev.commercesuite.gateway.route;

import java.net.ConnectException;
import java.util.Map;
import java.util.concurrent.TimeoutException;

import org.jboss.logging.Logger;

import dev.commercesuite.defaults.problem.RouterProblemHandlers;
import dev.commercesuite.defaults.requestid.RequestId;
import dev.commercesuite.gateway.domain.GatewayProblem;
import dev.commercesuite.gateway.upstream.CircuitBreaker;
import dev.commercesuite.gateway.upstream.Upstream;
import dev.commercesuite.gateway.upstream.UpstreamOutcome;
import io.vertx.core.AsyncResult;
import io.vertx.core.Handler;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.RequestOptions;
import io.vertx.ext.web.RoutingContext;

/**
 * One request on its way to an upstream and back, from the circuit breaker's permit to the last byte relayed. The
 * relay is done by hand rather than with {@code pipeTo} so that every end is handled in one place: a client that goes
 * away cancels the upstream call (its connection is reset, not left to run into the timeout), nothing is written to a
 * response that is closed, and the breaker hears exactly one outcome per call. A client leaving is ordinary traffic
 * (every load test ends that way) and is logged at DEBUG only. All callbacks run on the request's event loop, so the
 * fields need no synchronisation.
 */
final class ProxiedExchange {

    private static final Logger LOG = Logger.getLogger(ProxiedExchange.class);

    /** For connections whose failures are already reported to the call that used them. */
    static final Handler<Throwable> QUIET = failure -> LOG.debugf("Connection failed: %s", failure);

    private final RoutingContext ctx;
    private final HttpServerRequest in;
    private final HttpServerResponse out;
    private final Upstream upstream;
    private final HttpClient client;
    private final RouterProblemHandlers problems;
    private final long startedNanos = System.nanoTime();
    private CircuitBreaker.Permit permit;
    private RequestOptions options;
    /** The address tried first, and how many connection attempts were made so far. */
    private int firstAddress;
    private int attempts;
    private Upstream.Address address;
    private HttpClientRequest call;
    private HttpClientResponse answer;
    /** The breaker and the metrics have heard how the call ended. */
    private boolean settled;
    private boolean clientGone;

    ProxiedExchange(RoutingContext ctx, Upstream upstream, HttpClient client, RouterProblemHandlers problems) {
        this.ctx = ctx;
        this.in = ctx.request();
        this.out = ctx.response();
        this.upstream = upstream;
        this.client = client;
        this.problems = problems;
    }

    void start() {
        if (out.closed()) {
            LOG.debugf("The client left %s %s before it was forwarded", in.method(), in.path());
            return;
        }
        permit = upstream.breaker().acquire();
        if (permit == CircuitBreaker.Permit.REFUSED) {
            settle(UpstreamOutcome.REJECTED);
            out.putHeader(HttpHeaders.RETRY_AFTER, Long.toString(upstream.breaker().retryAfterSeconds()));
            problems.write(ctx, GatewayProblem.UPSTREAM_UNAVAILABLE.of("The " + upstream.name()
                    + " service is failing and gets no requests for now; try again after Retry-After seconds.",
                    in.path()));
            return;
        }
        out.closeHandler(this::clientClosed);
        // a client resetting its connection is reported here and to clientClosed, not as an error of the server's
        out.exceptionHandler(QUIET);
        in.connection().exceptionHandler(QUIET);
        firstAddress = upstream.firstAddress();
        options = requestOptions();
        attempt();
    }

    private void attempt() {
        address = upstream.address(firstAddress + attempts);
        attempts++;
        options.setHost(address.host()).setPort(address.port());
        client.request(options).onComplete(this::connected);
    }

    /**
     * Whether a connect failure (nothing reached the service) may be tried again: on each address not tried yet,
     * whatever the method, then a GET or HEAD once more on the next one (a connection may be refused for a moment,
     * e.g. while a replica restarts); a write is not repeated on an address that refused it.
     */
    private boolean mayTryAgain() {
        int count = upstream.addresses().size();
        return attempts < count || attempts == count && idempotentRead();
    }

    private RequestOptions requestOptions() {
        MultiMap headers = MultiMap.caseInsensitiveMultiMap();
        for (Map.Entry<String, String> header : in.headers()) {
            if (!HopByHop.is(header.getKey())) {
                headers.add(header.getKey(), header.getValue());
            }
        }
        String requestId = ctx.get(RequestId.MDC_KEY);
        if (requestId != null) {
            headers.set(RequestId.HEADER, requestId);
        }
        // the services see the client the gateway resolved (ClientAddress): a chain only from trusted proxies
        String caller = in.remoteAddress() == null ? null : in.remoteAddress().hostAddress();
        String forwardedFor = in.getHeader("X-Forwarded-For");
        String clientIp = Exchange.clientIp(ctx);
        if (caller != null) {
            headers.set("X-Forwarded-For", forwardedFor == null || clientIp.equals(caller) ? caller
                    : forwardedFor + ", " + caller);
        }
        headers.set("X-Forwarded-Proto", Exchange.secure(ctx) ? "https" : "http");
        String host = in.getHeader(HttpHeaders.HOST);
        if (host != null) {
            headers.set("X-Forwarded-Host", host);
        }
        Buffer buffered = Exchange.bufferedBody(ctx);
        if (buffered != null) {
            headers.remove(HttpHeaders.TRANSFER_ENCODING);
            headers.set(HttpHeaders.CONTENT_LENGTH, Integer.toString(buffered.length()));
        }
        return new RequestOptions()
                .setMethod(in.method())
                .setURI(in.uri())
                .setTimeout(upstream.timeoutMillis())
                .setHeaders(headers);
    }

    private void connected(AsyncResult<HttpClientRequest> connecting) {
        if (connecting.failed()) {
            Throwable failure = connecting.cause();
            if (!clientGone && failure instanceof ConnectException && mayTryAgain()) {
                upstream.retried();
                attempt();
                return;
            }
            failed(failure);
            return;
        }
        call = connecting.result();
        if (clientGone) {
            call.reset();
            return;
        }
        // a failure of the call reaches answered() through its response; without a handler of its own Vert.x would
        // log a cancelled upload as an error
        call.exceptionHandler(QUIET);
        call.response().onComplete(this::answered);
        Buffer buffered = Exchange.bufferedBody(ctx);
        if (buffered != null) {
            call.end(buffered); // a stage read the body whole (see GatewayStage)
            return;
        }
        String encoding = in.getHeader(HttpHeaders.TRANSFER_ENCODING);
        String length = in.getHeader(HttpHeaders.CONTENT_LENGTH);
        if (encoding == null && (length == null || "0".equals(length))) {
            call.end(); // no body: no chunked terminator for the service to read
            in.resume();
            return;
        }
        if ("chunked".equalsIgnoreCase(encoding)) {
            call.setChunked(true); // a streamed upload stays streamed
        }
        // the upload is relayed by hand too: a client breaking it off is told apart from the service failing
        call.drainHandler(this::uploadDrained);
        in.exceptionHandler(this::uploadBroken);
        in.endHandler(this::uploadEnded);
        in.handler(this::uploadChunk);
        in.resume();
    }

    private void uploadChunk(Buffer chunk) {
        call.write(chunk);
        if (call.writeQueueFull()) {
            in.pause();
        }
    }

    private void uploadDrained(Void ignored) {
        if (!clientGone) {
            in.resume();
        }
    }

    private void uploadEnded(Void ignored) {
        if (!clientGone) {
            call.end();
        }
    }

    private void uploadBroken(Throwable failure) {
        clientClosed(null);
    }

    private boolean idempotentRead() {
        HttpMethod method = in.method();
        return method == HttpMethod.GET || method == HttpMethod.HEAD;
    }

    private void answered(AsyncResult<HttpClientResponse> answering) {
        if (answering.failed()) {
            failed(answering.cause());
            return;
        }
        if (clientGone) {
            call.reset(); // an answer that was on its way when the client left; its outcome is settled already
            return;
        }
        answer = answering.result();
        int status = answer.statusCode();
        boolean unavailable = UpstreamOutcome.unavailable(status, answer.getHeader("Retry-After") != null);
        if (unavailable) {
            upstream.breaker().failed(permit);
        } else {
            upstream.breaker().succeeded(permit);
        }
        settle(unavailable ? UpstreamOutcome.UNAVAILABLE : UpstreamOutcome.ANSWERED);
        if (out.closed()) {
            clientClosed(null); // the client left before its close was reported: the service answered all the same
            return;
        }
        out.setStatusCode(status);
        if (answer.getHeader(HttpHeaders.CONTENT_LENGTH) == null) {
            out.setChunked(true); // the upstream streams; so does the gateway
        }
        MultiMap relayed = out.headers();
        for (Map.Entry<String, String> header : answer.headers()) {
            String name = header.getKey();
            if (HopByHop.is(name)) {
                continue;
            }
            relayed.add(name, HttpHeaders.LOCATION.toString().equalsIgnoreCase(name)
                    ? UpstreamRoutes.publicLocation(header.getValue(), address.baseUrl()) : header.getValue());
        }
        out.drainHandler(this::drained);
        answer.exceptionHandler(this::brokeMidAnswer);
        answer.endHandler(this::answerEnded);
        answer.handler(this::chunk);
    }

    private void chunk(Buffer chunk) {
        if (clientGone) {
            return; // the upstream call is being reset; the chunk is dropped and freed with it
        }
        out.write(chunk);
        if (out.writeQueueFull()) {
            answer.pause();
        }
    }

    private void drained(Void ignored) {
        if (answer != null && !clientGone) {
            answer.resume();
        }
    }

    private void answerEnded(Void ignored) {
        if (!clientGone && !out.ended() && !out.closed()) {
            out.end();
        }
    }

    private void brokeMidAnswer(Throwable failure) {
        if (clientGone) {
            return;
        }
        // the status line is gone already: the client can only learn of it from a connection that is cut short
        LOG.warnf("Upstream %s broke off its answer to %s %s: %s", upstream.name(), in.method(), in.path(), failure);
        if (!out.ended() && !out.closed()) {
            out.reset();
        }
    }

    private void failed(Throwable failure) {
        if (clientGone) {
            return; // the cancellation of a call whose client left
        }
        if (out.closed()) {
            clientClosed(null); // the client left and its call failed with it before the close was reported
            return;
        }
        UpstreamOutcome outcome = failure instanceof ConnectException ? UpstreamOutcome.CONNECT_FAILURE
                : failure instanceof TimeoutException ? UpstreamOutcome.TIMEOUT : UpstreamOutcome.RESET;
        upstream.breaker().failed(permit);
        settle(outcome);
        LOG.warnf("Upstream %s failed for %s %s: %s", upstream.name(), in.method(), in.path(), failure);
        boolean timedOut = outcome == UpstreamOutcome.TIMEOUT;
        problems.write(ctx, timedOut ? 504 : 502, timedOut
                ? "The " + upstream.name() + " service did not answer in time; try again."
                : "The " + upstream.name() + " service cannot be reached right now; try again shortly.");
    }

    private void clientClosed(Void ignored) {
        if (clientGone || out.ended()) {
            return;
        }
        clientGone = true;
        if (!settled) {
            upstream.breaker().abandoned(permit);
            settle(UpstreamOutcome.CANCELLED);
        }
        if (call != null) {
            call.reset(); // frees the upstream connection and whatever it still buffers
        }
        LOG.debugf("The client left %s %s; its call to %s is cancelled", in.method(), in.path(), upstream.name());
    }

    private void settle(UpstreamOutcome outcome) {
        settled = true;
        upstream.record(outcome, startedNanos);
    }
}
