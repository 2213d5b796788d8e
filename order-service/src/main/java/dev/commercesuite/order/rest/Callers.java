package dev.commercesuite.order.rest;

import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.NotFoundException;

import org.eclipse.microprofile.jwt.JsonWebToken;

import dev.commercesuite.order.domain.Caller;
import dev.commercesuite.order.service.OrderAccess;
import dev.commercesuite.order.service.UnknownOrderException;
import io.quarkus.security.UnauthorizedException;

/**
 * The caller of the current request, read from its verified access token. A token without a shop ({@code tenant}
 * claim) or user id names no caller of a shop: such a token cannot reach any shop's data.
 */
@RequestScoped
public class Callers {

    private final JsonWebToken token;

    public Callers(JsonWebToken token) {
        this.token = token;
    }

    /** The caller, if the request carries a token of a shop's user. */
    public Optional<Caller> current() {
        if (token == null || token.getRawToken() == null) {
            return Optional.empty();
        }
        Optional<UUID> user = uuid(token.getSubject());
        Optional<UUID> tenant = uuid(token.<Object>claim("tenant").map(Object::toString).orElse(null));
        if (user.isEmpty() || tenant.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Caller(user.get(), tenant.get(), token.getName(), token.getGroups()));
    }

    /**
     * The caller of an endpoint that requires a shop's user (the roles were checked by {@code @RolesAllowed}); a token
     * of no shop finds nothing, as another shop's data would not be found.
     */
    public Caller required() {
        return current().orElseThrow(NotFoundException::new);
    }

    /**
     * Who asks about an order: a signed-in user of a shop, else a guest holding the order's access token (sent in
     * {@code X-Order-Token}). A valid token of no shop's user (a service account) reaches no order; nothing at all is
     * 401.
     */
    public OrderAccess orderAccess(String orderToken) {
        Optional<Caller> caller = current();
        if (caller.isPresent()) {
            return new OrderAccess.Member(caller.get());
        }
        if (token != null && token.getRawToken() != null) {
            throw new UnknownOrderException();
        }
        if (orderToken == null || orderToken.isEmpty()) {
            throw new UnauthorizedException();
        }
        return new OrderAccess.TokenHolder(orderToken);
    }

    private static Optional<UUID> uuid(String value) {
        if (value == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(UUID.fromString(value));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
