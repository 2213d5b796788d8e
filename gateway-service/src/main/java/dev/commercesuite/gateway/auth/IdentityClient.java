package dev.commercesuite.gateway.auth;

import java.net.URI;
import java.nio.charset.StandardCharsets;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import dev.commercesuite.gateway.config.AuthConfig;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;

/**
 * The gateway's own calls to identity-service (its JWKS and its token endpoint), non-blocking on Vert.x' HTTP client
 * with a short timeout, apart from the forwarding client so that they never wait behind proxied traffic. An answer
 * larger than {@link #MAX_BODY} is treated as a failure: identity's answers are a few kilobytes.
 */
@ApplicationScoped
class IdentityClient {

    static final int MAX_BODY = 256 * 1024;

    /** A status and a body. */
    record Reply(int status, Buffer body) {
    }

    private final HttpClient client;
    private final long timeoutMillis;

    @Inject
    IdentityClient(Vertx vertx, AuthConfig config) {
        this(vertx, config.identityTimeout().toMillis());
    }

    IdentityClient(Vertx vertx, long timeoutMillis) {
        this.timeoutMillis = timeoutMillis;
        this.client = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(true).setMaxPoolSize(4)
                .setConnectTimeout((int) Math.min(Integer.MAX_VALUE, timeoutMillis)));
    }

    Future<Reply> get(URI url) {
        return send(options(HttpMethod.GET, url).addHeader(HttpHeaders.ACCEPT, "application/json"), null);
    }

    Future<Reply> postForm(URI url, String form) {
        return send(options(HttpMethod.POST, url).addHeader(HttpHeaders.ACCEPT, "application/json")
                .addHeader(HttpHeaders.CONTENT_TYPE, "application/x-www-form-urlencoded"),
                Buffer.buffer(form.getBytes(StandardCharsets.UTF_8)));
    }

    private RequestOptions options(HttpMethod method, URI url) {
        return new RequestOptions().setMethod(method).setAbsoluteURI(url.toString()).setTimeout(timeoutMillis);
    }

    private Future<Reply> send(RequestOptions options, Buffer body) {
        return client.request(options)
                .compose(request -> body == null ? request.send() : request.send(body))
                .compose(response -> {
                    if (declaredLength(response.getHeader(HttpHeaders.CONTENT_LENGTH)) > MAX_BODY) {
                        return Future.failedFuture("identity's answer is too large");
                    }
                    return response.body().compose(buffer -> buffer.length() > MAX_BODY
                            ? Future.failedFuture("identity's answer is too large")
                            : Future.succeededFuture(new Reply(response.statusCode(), buffer)));
                });
    }

    private static long declaredLength(String header) {
        if (header == null) {
            return -1;
        }
        try {
            return Long.parseLong(header.strip());
        } catch (NumberFormatException e) {
            return Long.MAX_VALUE;
        }
    }
}
