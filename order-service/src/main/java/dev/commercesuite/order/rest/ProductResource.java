package dev.commercesuite.order.rest;

import java.util.Optional;
import java.util.UUID;

import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.ParameterIn;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import com.fasterxml.jackson.databind.JsonNode;

import dev.commercesuite.defaults.paging.Cursor;
import dev.commercesuite.defaults.paging.Page;
import dev.commercesuite.defaults.problem.InvalidRequestException;
import dev.commercesuite.defaults.problem.Problem;
import dev.commercesuite.order.domain.Caller;
import dev.commercesuite.order.domain.Product;
import dev.commercesuite.order.domain.Shop;
import dev.commercesuite.order.service.CatalogService;
import dev.commercesuite.order.service.ProductNotFoundException;

/**
 * A shop's catalog. The shop's admins add products and edit them (with {@code If-Match}); anyone reads it, naming the
 * shop with {@code ?tenant=<slug>} or through their access token. The shop's staff and admins see every product, anyone
 * else only the active ones. Another shop's product is never found (404).
 */
@Path("/api/v1/products")
@Tag(name = "products", description = "The shop's catalog")
@Produces(MediaType.APPLICATION_JSON)
public class ProductResource {

    static final String MERGE_PATCH = "application/merge-patch+json";

    private final CatalogService catalog;
    private final Callers callers;

    public ProductResource(CatalogService catalog, Callers callers) {
        this.catalog = catalog;
        this.callers = callers;
    }

    @POST
    @RolesAllowed("admin")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Add a product to the caller's shop")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = ProductRequest.class)))
    @APIResponse(responseCode = "201", description = "The product, with its Location and ETag",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = ProductView.class)))
    @APIResponse(responseCode = "400", description = "A field missing, of the wrong type, out of range or unknown",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "401", description = "No valid access token",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "403", description = "Not an admin of a shop",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "sku-taken: another product of the shop has this sku",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response create(JsonNode body) {
        Caller admin = callers.required();
        Product product = catalog.create(admin.tenantId(), ProductFields.forCreate(body));
        // the path alone: JAX-RS would make it absolute with this service's own address, which behind the gateway
        // is not the client's (a relative Location is resolved against the request's URI, RFC 9110 section 10.2.2)
        return Response.status(Response.Status.CREATED)
                .header(HttpHeaders.LOCATION, "/api/v1/products/" + product.id())
                .header(HttpHeaders.ETAG, EntityTags.of(product.version()))
                .entity(ProductView.of(product)).build();
    }

    @PATCH
    @Path("/{id}")
    @RolesAllowed("admin")
    @Consumes({ MERGE_PATCH, MediaType.APPLICATION_JSON })
    @Operation(summary = "Edit a product of the caller's shop (JSON merge patch)",
            description = "Send If-Match with the ETag of the version you read: a product that changed since (an "
                    + "edit, an order reserving stock) is refused with 412 instead of being overwritten.")
    @RequestBody(required = true, content = {
            @Content(mediaType = MERGE_PATCH, schema = @Schema(implementation = ProductRequest.class)),
            @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ProductRequest.class)) })
    @APIResponse(responseCode = "200", description = "The product as it is now, with its new ETag",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = ProductView.class)))
    @APIResponse(responseCode = "400", description = "A field of the wrong type, out of range, unknown or read-only",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "401", description = "No valid access token",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "403", description = "Not an admin of a shop",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such product in the caller's shop",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "sku-taken: another product of the shop has this sku",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "412", description = "precondition-failed: the product changed since that ETag",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "428", description = "precondition-required: no If-Match header",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response edit(@PathParam("id") String id,
            @Parameter(in = ParameterIn.HEADER, description = "The ETag of the version being edited")
            @HeaderParam(EntityTags.IF_MATCH) String ifMatch,
            JsonNode body) {
        Caller admin = callers.required();
        var expected = EntityTags.ifMatch(ifMatch);
        var changes = ProductFields.forPatch(body);
        Product product = catalog.edit(admin.tenantId(), productId(id), expected, changes);
        return Response.ok(ProductView.of(product)).header(HttpHeaders.ETAG, EntityTags.of(product.version()))
                .build();
    }

    @GET
    @Path("/{id}")
    @PermitAll
    @Operation(summary = "A product of a shop",
            description = "The shop is the one of the access token, or ?tenant=<slug> without one. Inactive products "
                    + "are found only by the shop's staff and admins. With If-None-Match naming the current ETag "
                    + "the answer is 304.")
    @APIResponse(responseCode = "200", description = "The product, with its ETag",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = ProductView.class)))
    @APIResponse(responseCode = "304", description = "Not modified since the ETag sent in If-None-Match")
    @APIResponse(responseCode = "400", description = "Neither an access token nor ?tenant",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such product the caller may see; tenant-not-found for an "
            + "unknown ?tenant",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "503", description = "The shop named by ?tenant cannot be looked up right now",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response get(@PathParam("id") String id,
            @Parameter(description = "The shop's slug, for a reader without an access token")
            @QueryParam("tenant") String tenant,
            @Parameter(in = ParameterIn.HEADER, description = "An ETag the client holds")
            @HeaderParam(EntityTags.IF_NONE_MATCH) String ifNoneMatch) {
        UUID productId = productId(id);
        Reader reader = reader(tenant);
        Product product = catalog.product(reader.tenantId(), productId, reader.staff());
        String tag = EntityTags.of(product.version());
        if (EntityTags.noneMatchFails(ifNoneMatch, product.version())) {
            return Response.notModified().header(HttpHeaders.ETAG, tag).header(HttpHeaders.VARY, "Authorization")
                    .build();
        }
        return Response.ok(ProductView.of(product)).header(HttpHeaders.ETAG, tag)
                .header(HttpHeaders.VARY, "Authorization").build();
    }

    @GET
    @PermitAll
    @Operation(summary = "A shop's catalog, newest first",
            description = "The shop is the one of the access token, or ?tenant=<slug> without one. The shop's staff "
                    + "and admins see every product (filter with ?active=); anyone else only active ones.")
    @APIResponse(responseCode = "200", description = "{items, nextCursor}")
    @APIResponse(responseCode = "400", description = "Neither an access token nor ?tenant; a bad active, limit "
            + "or cursor",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "tenant-not-found: no shop has this slug",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "503", description = "The shop named by ?tenant cannot be looked up right now",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Page<ProductView> list(
            @Parameter(description = "The shop's slug, for a reader without an access token")
            @QueryParam("tenant") String tenant,
            @Parameter(description = "true: only active products, false: only inactive ones (staff)")
            @QueryParam("active") String active,
            @Parameter(description = "Products per page, 1 to 100 (default 20)") @QueryParam("limit") String limit,
            @Parameter(description = "The nextCursor of the previous page") @QueryParam(Cursor.PARAMETER)
            String cursor) {
        Optional<Boolean> activeFilter = active(active);
        int size = limit(limit);
        Optional<Cursor> after = Cursor.decode(cursor);
        Reader reader = reader(tenant);
        CatalogService.CatalogPage page = catalog.page(reader.tenantId(), reader.staff(), activeFilter, after, size);
        return new Page<>(page.items().stream().map(ProductView::of).toList(),
                page.next().map(Cursor::encode).orElse(null));
    }

    /** Whose catalog a read is of, and whether the reader is its staff. */
    private record Reader(UUID tenantId, boolean staff) {
    }

    /**
     * The shop named by {@code ?tenant} (a slug, or an id), else the access token's shop. The token's roles count only
     * in its own shop: another shop's staff read a catalog as anyone does.
     */
    private Reader reader(String tenant) {
        Optional<Caller> caller = callers.current();
        if (tenant == null || tenant.isEmpty()) {
            Caller known = caller.orElseThrow(() -> new InvalidRequestException("tenant",
                    "is required without an access token: the shop's slug"));
            return new Reader(known.tenantId(), known.isStaff());
        }
        if (caller.isPresent() && caller.get().tenantId().toString().equals(tenant)) {
            return new Reader(caller.get().tenantId(), caller.get().isStaff());
        }
        Shop shop = catalog.shop(tenant);
        boolean staff = caller.filter(known -> known.tenantId().equals(shop.id())).map(Caller::isStaff)
                .orElse(false);
        return new Reader(shop.id(), staff);
    }

    /** A path id that is not a UUID names no product. */
    private static UUID productId(String id) {
        try {
            UUID parsed = UUID.fromString(id);
            if (parsed.toString().equalsIgnoreCase(id)) {
                return parsed;
            }
        } catch (IllegalArgumentException e) {
            // not a UUID: no such product
        }
        throw new ProductNotFoundException();
    }

    private static Optional<Boolean> active(String value) {
        if (value == null || value.isEmpty()) {
            return Optional.empty();
        }
        return switch (value) {
            case "true" -> Optional.of(true);
            case "false" -> Optional.of(false);
            default -> throw new InvalidRequestException("active", "must be true or false");
        };
    }

    private static int limit(String value) {
        if (value == null || value.isEmpty()) {
            return Page.DEFAULT_LIMIT;
        }
        try {
            int limit = Integer.parseInt(value);
            if (limit >= 1 && limit <= Page.MAX_LIMIT) {
                return limit;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw new InvalidRequestException("limit", "must be a whole number from 1 to " + Page.MAX_LIMIT);
    }
}
