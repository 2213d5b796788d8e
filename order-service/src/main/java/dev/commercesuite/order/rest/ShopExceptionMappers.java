package dev.commercesuite.order.rest;

import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import dev.commercesuite.defaults.problem.ProblemType;
import dev.commercesuite.defaults.problem.Problems;
import dev.commercesuite.order.domain.ShopDirectoryUnavailableException;
import dev.commercesuite.order.domain.UnknownShopException;
import dev.commercesuite.order.service.ShopSuspendedException;
import io.vertx.core.http.HttpServerRequest;

/** Answers about the shop a request names, as problem+json. */
public class ShopExceptionMappers {

    @ServerExceptionMapper
    public Response unknownShop(UnknownShopException e, HttpServerRequest request) {
        return Problems.response(Problems.of("tenant-not-found", "Shop not found", 404,
                "No shop has this slug or id.", request.path()));
    }

    @ServerExceptionMapper
    public Response suspended(ShopSuspendedException e, HttpServerRequest request) {
        return Problems.response(Problems.of("tenant-suspended", "Shop suspended", 403,
                "This shop is suspended and takes no orders.", request.path()));
    }

    @ServerExceptionMapper
    public Response directoryUnavailable(ShopDirectoryUnavailableException e, HttpServerRequest request) {
        return Problems.response(Problems.of(ProblemType.SERVICE_UNAVAILABLE, 503,
                "The shop cannot be looked up right now; try again shortly.", request.path()));
    }
}
