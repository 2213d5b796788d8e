package dev.commercesuite.order.rest;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.ForbiddenException;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.ParameterIn;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.commercesuite.defaults.paging.Cursor;
import dev.commercesuite.defaults.paging.Page;
import dev.commercesuite.defaults.problem.InvalidRequestException;
import dev.commercesuite.defaults.problem.Problem;
import dev.commercesuite.defaults.validation.EmailAddresses;
import dev.commercesuite.order.domain.Caller;
import dev.commercesuite.order.domain.IdempotencyKey;
import dev.commercesuite.order.domain.IdempotencyScope;
import dev.commercesuite.order.domain.Order;
import dev.commercesuite.order.domain.OrderStatus;
import dev.commercesuite.order.domain.OutOfStockException;
import dev.commercesuite.order.domain.Shop;
import dev.commercesuite.order.domain.StoredResponse;
import dev.commercesuite.order.service.Idempotency;
import dev.commercesuite.order.service.OrderLimitReachedException;
import dev.commercesuite.order.service.OrderPlacement;
import dev.commercesuite.order.service.OrderQueries;
import dev.commercesuite.order.service.PlaceOrder;
import dev.commercesuite.order.service.PlacedOrder;

/**
 * Orders: placed by a signed-in customer or a guest with an {@code Idempotency-Key}, read by their customer or the
 * shop's staff. Another shop's order, or another customer's, is not found.
 */
@Path(OrderResource.PATH)
@Tag(name = "orders")
public class OrderResource {

    static final String PATH = "/api/v1/orders";
    /** Sent with an answer that was stored for the key and is repeated, not produced again. */
    static final String REPLAYED = "Idempotent-Replayed";
    private static final String CREATE = "POST " + PATH;
    /** Roles whose users may place orders with their token (staff and admins buy too). */
    private static final Set<String> BUYERS = Set.of("customer", "staff", "admin");

    private final OrderPlacement placement;
    private final OrderQueries queries;
    private final Idempotency idempotency;
    private final Callers callers;
    private final JsonWebToken token;
    private final ObjectMapper json;

    public OrderResource(OrderPlacement placement, OrderQueries queries, Idempotency idempotency,
            Callers callers, JsonWebToken token, ObjectMapper json) {
        this.placement = placement;
        this.queries = queries;
        this.idempotency = idempotency;
        this.callers = callers;
        this.token = token;
        this.json = json;
    }

    @POST
    @PermitAll
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Place an order", description = "A signed-in customer sends the lines (the shop and address"
            + " come from the token); a guest also sends the shop's slug, an address and a name. Prices come from the"
            + " catalog. Stock is reserved at once. The same Idempotency-Key with the same body answers with the first"
            + " answer (Idempotent-Replayed: true), out-of-stock and limit refusals included.")
    @APIResponse(responseCode = "201", description = "Placed; the body has the access token and status page link,"
            + " shown only here and in the confirmation email",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = OrderCreated.class)))
    @APIResponse(responseCode = "400", description = "A missing or malformed Idempotency-Key, a bad field, a price"
            + " in the body, or a product that is not on sale in this shop")
    @APIResponse(responseCode = "401", description = "An invalid or expired access token")
    @APIResponse(responseCode = "403", description = "tenant-suspended, order-limit-reached (with limit and"
            + " resetsAt), or a token that cannot place orders")
    @APIResponse(responseCode = "404", description = "tenant-not-found: no shop has this slug")
    @APIResponse(responseCode = "409", description = "out-of-stock (errors name the lines), or"
            + " idempotency-key-in-use while the first request runs (with Retry-After)")
    @APIResponse(responseCode = "422", description = "idempotency-key-reused: the key was used for another body")
    @APIResponse(responseCode = "503", description = "The shop cannot be looked up right now, or too many of its"
            + " orders are being placed at once (with Retry-After); retry with the same Idempotency-Key")
    public Response create(
            @Parameter(name = IdempotencyKey.HEADER, in = ParameterIn.HEADER, required = true,
                    description = "1 to 255 visible ASCII characters, a new random value (a UUID) per order")
            @HeaderParam(IdempotencyKey.HEADER) String idempotencyKey,
            @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = CreateOrderRequest.class))) JsonNode body) {
        List<Problem.FieldError> errors = new ArrayList<>();
        Optional<IdempotencyKey> key = IdempotencyKey.parse(idempotencyKey);
        if (key.isEmpty()) {
            errors.add(new Problem.FieldError(IdempotencyKey.HEADER, "is required: 1 to " + IdempotencyKey.MAX_LENGTH
                    + " visible ASCII characters, a new random value (a UUID) per order"));
        }
        CreateOrderRequest request = CreateOrderRequest.read(body, errors);
        Optional<Caller> caller = signedIn();
        Buyer buyer = request == null ? null : buyer(caller, request, errors);
        if (!errors.isEmpty()) {
            throw new InvalidRequestException(errors);
        }
        PlaceOrder command = new PlaceOrder(caller.map(Caller::userId).orElse(null), buyer.email(), buyer.name(),
                request.items().stream().map(line -> new PlaceOrder.Line(line.product(), line.quantity())).toList());
        Shop shop = placement.shopTakingOrders(buyer.shop());
        IdempotencyScope scope = caller.map(c -> IdempotencyScope.user(shop.id(), c.userId()))
                .orElseGet(() -> IdempotencyScope.guest(shop.id(), buyer.email()));
        Idempotency.Request idempotent = new Idempotency.Request(scope, key.orElseThrow(), CREATE,
                RequestFingerprint.of("POST", PATH, body));
        Idempotency.Outcome outcome = idempotency.run(idempotent, () -> created(placement.place(shop, command)),
                failure -> refusal(failure, command));
        return answer(outcome);
    }

    @GET
    @RolesAllowed({"customer", "staff", "admin"})
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "List orders, newest first", description = "A customer sees the orders they placed; staff"
            + " and admins see all of the shop's, filtered by status, email and creation time. Cursor-paginated.")
    @APIResponse(responseCode = "200", description = "{items, nextCursor}")
    @APIResponse(responseCode = "400", description = "A bad status, email, createdFrom/createdTo, limit or cursor")
    @APIResponse(responseCode = "401", description = "No valid access token")
    @APIResponse(responseCode = "403", description = "A token without customer, staff or admin")
    public Page<OrderView> list(
            @Parameter(description = "Only orders in this status (pending, awaiting_payment, ...)")
            @QueryParam("status") String status,
            @Parameter(description = "Only orders placed with this email address") @QueryParam("email") String email,
            @Parameter(description = "Only orders created at or after this instant (ISO 8601)")
            @QueryParam("createdFrom") String createdFrom,
            @Parameter(description = "Only orders created before this instant (ISO 8601)")
            @QueryParam("createdTo") String createdTo,
            @Parameter(description = "Orders per page, 1 to 100 (default 20)") @QueryParam("limit") String limit,
            @Parameter(description = "nextCursor of the previous page") @QueryParam(Cursor.PARAMETER) String cursor) {
        Caller caller = callers.required();
        List<Problem.FieldError> errors = new ArrayList<>();
        Optional<OrderStatus> wanted = Optional.ofNullable(status).filter(value -> !value.isEmpty()).map(value -> {
            Optional<OrderStatus> parsed = OrderStatus.parse(value);
            if (parsed.isEmpty()) {
                errors.add(new Problem.FieldError("status", "must be one of " + String.join(", ",
                        Arrays.stream(OrderStatus.values()).map(OrderStatus::value).toList())));
            }
            return parsed.orElse(null);
        });
        Optional<String> address = Optional.ofNullable(email).filter(value -> !value.isEmpty())
                .map(EmailAddresses::normalize);
        if (address.isPresent() && !EmailAddresses.isPlain(address.get())) {
            errors.add(new Problem.FieldError("email", "must be an email address"));
        }
        Optional<Instant> from = instant("createdFrom", createdFrom, errors);
        Optional<Instant> to = instant("createdTo", createdTo, errors);
        int pageSize = limit(limit, errors);
        if (!errors.isEmpty()) {
            throw new InvalidRequestException(errors);
        }
        OrderQueries.OrderPage page = queries.list(caller, new OrderQueries.Filter(wanted, address, from, to),
                Cursor.decode(cursor), pageSize);
        return new Page<>(page.orders().stream().map(OrderView::of).toList(),
                page.next().map(Cursor::encode).orElse(null));
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({"customer", "staff", "admin"})
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "One order", description = "For the customer who placed it and the shop's staff and"
            + " admins; the access token is never shown again.")
    @APIResponse(responseCode = "200", description = "The order, with its version as ETag (for If-Match)",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = OrderView.class)))
    @APIResponse(responseCode = "401", description = "No valid access token")
    @APIResponse(responseCode = "403", description = "A token without customer, staff or admin")
    @APIResponse(responseCode = "404", description = "No such order in the caller's shop, or another customer's")
    public Response get(@PathParam("id") String id) {
        Caller caller = callers.required();
        Order order = queries.find(caller, uuid(id)).orElseThrow(NotFoundException::new);
        // the version as a strong ETag ("3"): what a status change sends back in If-Match
        return Response.ok(OrderView.of(order)).tag(new EntityTag(Long.toString(order.version()))).build();
    }

    /** Who places the order and in which shop: from the token for a signed-in user, from the body for a guest. */
    private record Buyer(String shop, String email, String name) {
    }

    private Buyer buyer(Optional<Caller> caller, CreateOrderRequest request, List<Problem.FieldError> errors) {
        if (caller.isPresent()) {
            for (String field : List.of("tenant", "email")) {
                if (field.equals("tenant") ? request.tenant() != null : request.email() != null) {
                    errors.add(new Problem.FieldError(field, "must not be sent with an access token: the shop and"
                            + " the address come from the token"));
                }
            }
            String email = EmailAddresses.normalize(caller.get().email() == null ? "" : caller.get().email());
            if (!EmailAddresses.isPlain(email)) {
                throw new ForbiddenException("the token names no email address to send the order to");
            }
            String name = request.name() != null ? request.name() : email.substring(0, email.lastIndexOf('@'));
            return new Buyer(caller.get().tenantId().toString(), email, name);
        }
        if (request.tenant() == null || request.tenant().isBlank()) {
            errors.add(new Problem.FieldError("tenant", "is required without an access token: the shop's slug"));
        }
        String email = request.email() == null ? null : EmailAddresses.normalize(request.email());
        if (email == null || email.isEmpty()) {
            errors.add(new Problem.FieldError("email", "is required without an access token"));
        } else if (!EmailAddresses.isPlain(email)) {
            errors.add(new Problem.FieldError("email", "must be an email address such as ada@example.com"));
        }
        if (request.name() == null) {
            errors.add(new Problem.FieldError("name", "is required without an access token"));
        }
        return new Buyer(request.tenant(), email, request.name());
    }

    /** The signed-in buyer, if a token came; a token that names no buyer of a shop cannot place orders. */
    private Optional<Caller> signedIn() {
        if (token == null || token.getRawToken() == null) {
            return Optional.empty();
        }
        Caller caller = callers.current().orElseThrow(() -> new ForbiddenException("a token of no shop"));
        if (caller.roles().stream().noneMatch(BUYERS::contains)) {
            throw new ForbiddenException("a token that cannot place orders");
        }
        return Optional.of(caller);
    }

    private StoredResponse created(PlacedOrder placed) {
        return new StoredResponse(201, write(OrderCreated.of(placed)), PATH + "/" + placed.order().id());
    }

    /** The answers kept for the key like a success: the business refusals (Stripe keeps them too). */
    private Optional<StoredResponse> refusal(RuntimeException failure, PlaceOrder command) {
        if (failure instanceof OutOfStockException outOfStock) {
            List<Integer> shortLines = new ArrayList<>();
            for (int i = 0; i < command.lines().size(); i++) {
                if (outOfStock.productIds().contains(command.lines().get(i).productId())) {
                    shortLines.add(i);
                }
            }
            return Optional.of(new StoredResponse(409, write(OrderProblems.outOfStock(shortLines, PATH)), null));
        }
        if (failure instanceof OrderLimitReachedException limit) {
            return Optional.of(new StoredResponse(403, write(OrderProblems.limitReached(limit, PATH)), null));
        }
        return Optional.empty();
    }

    /** An idempotent request's answer: stored or fresh, with {@value #REPLAYED} when it is a repeat. */
    static Response answer(Idempotency.Outcome outcome) {
        StoredResponse stored = outcome.response();
        Response.ResponseBuilder answer = Response.status(stored.status())
                .type(stored.isProblem() ? Problem.MEDIA_TYPE : MediaType.APPLICATION_JSON)
                .entity(stored.body());
        if (stored.location() != null) {
            answer.header(HttpHeaders.LOCATION, stored.location());
        }
        if (outcome.replayed()) {
            answer.header(REPLAYED, "true");
        }
        return answer.build();
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("an answer cannot be written as JSON", e);
        }
    }

    private static Optional<Instant> instant(String field, String value, List<Problem.FieldError> errors) {
        if (value == null || value.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Instant.parse(value));
        } catch (DateTimeParseException e) {
            errors.add(new Problem.FieldError(field, "must be an ISO 8601 instant such as 2026-11-25T12:00:00Z"));
            return Optional.empty();
        }
    }

    private static int limit(String value, List<Problem.FieldError> errors) {
        if (value == null || value.isEmpty()) {
            return Page.DEFAULT_LIMIT;
        }
        try {
            int limit = Integer.parseInt(value);
            if (limit >= 1 && limit <= Page.MAX_LIMIT) {
                return limit;
            }
        } catch (NumberFormatException e) {
            // refused below
        }
        errors.add(new Problem.FieldError("limit", "must be a whole number from 1 to " + Page.MAX_LIMIT));
        return Page.DEFAULT_LIMIT;
    }

    private static UUID uuid(String id) {
        try {
            UUID parsed = UUID.fromString(id);
            if (parsed.toString().equalsIgnoreCase(id)) {
                return parsed;
            }
        } catch (IllegalArgumentException e) {
            // not an order id: no such order
        }
        throw new NotFoundException();
    }
}
