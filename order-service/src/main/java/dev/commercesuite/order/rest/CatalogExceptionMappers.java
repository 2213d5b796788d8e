package dev.commercesuite.order.rest;

import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import dev.commercesuite.defaults.problem.ProblemType;
import dev.commercesuite.defaults.problem.Problems;
import dev.commercesuite.order.service.ProductNotFoundException;
import dev.commercesuite.order.service.SkuTakenException;
import dev.commercesuite.order.service.VersionMismatchException;
import io.vertx.core.http.HttpServerRequest;

/** The catalog's refusals as problem+json (docs/errors.md, order-service). */
public class CatalogExceptionMappers {

    @ServerExceptionMapper
    public Response notFound(ProductNotFoundException e, HttpServerRequest request) {
        return Problems.response(Problems.of(ProblemType.NOT_FOUND, 404, "No product with this id in this shop.",
                request.path()));
    }

    @ServerExceptionMapper
    public Response skuTaken(SkuTakenException e, HttpServerRequest request) {
        return Problems.response(Problems.of("sku-taken", "SKU taken", 409,
                "Another product of this shop already has this sku.", request.path()));
    }

    @ServerExceptionMapper
    public Response preconditionFailed(VersionMismatchException e, HttpServerRequest request) {
        return Problems.response(Problems.of("precondition-failed", "Precondition failed", 412,
                "The resource has changed since you read it; read it again (its ETag) and retry.", request.path()));
    }

    @ServerExceptionMapper
    public Response preconditionRequired(EntityTags.PreconditionRequiredException e, HttpServerRequest request) {
        return Problems.response(Problems.of("precondition-required", "Precondition required", 428,
                "Send If-Match with the ETag of the version you read, so a concurrent change is not overwritten.",
                request.path()));
    }

    @ServerExceptionMapper
    public Response notAnObject(ProductFields.NotAJsonObjectException e, HttpServerRequest request) {
        return Problems.response(Problems.of(ProblemType.MALFORMED_JSON, 400, "The request body must be a JSON object.",
                request.path()));
    }
}
