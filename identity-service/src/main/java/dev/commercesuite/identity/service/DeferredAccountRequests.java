package dev.commercesuite.identity.service;

import java.util.UUID;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.commercesuite.defaults.outbox.OutboxDeliveryException;
import dev.commercesuite.defaults.outbox.OutboxDestination;
import dev.commercesuite.defaults.outbox.OutboxWriter;
import dev.commercesuite.defaults.validation.EmailAddresses;
import dev.commercesuite.identity.domain.RequestOrigin;
import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * Requests about an address whose answer must not tell whether the address has an account, not even by its timing
 * ("send me the link again", "I forgot my password"). They run in two steps: the request itself writes one outbox
 * message (the same work for every address) and answers; the relay hands the message back to this destination, and
 * {@link #handle} looks the account up and acts, in one transaction, with the origin of the original request for the
 * audit log.
 */
public abstract class DeferredAccountRequests implements OutboxDestination {

    /**
     * The deferred request as the outbox stores it: the shop's slug, the normalised address, for a sign-up also the
     * name and the Argon2id hash of the password (never the password), and the origin of the original request.
     */
    public record Request(String tenant, String email, String name, String passwordHash, String ip, String userAgent,
            String requestId) {

        RequestOrigin origin() {
            return new RequestOrigin(ip, userAgent, requestId);
        }
    }

    private final OutboxWriter outbox;
    private final ObjectMapper json;

    protected DeferredAccountRequests(OutboxWriter outbox, ObjectMapper json) {
        this.outbox = outbox;
        this.json = json;
    }

    /** Queues the request; answers nothing about the address. */
    public void request(String tenantSlug, String rawEmail, RequestOrigin origin) {
        enqueue(new Request(tenantSlug, EmailAddresses.normalize(rawEmail), null, null, origin.ip(),
                origin.userAgent(), origin.requestId()));
    }

    protected void enqueue(Request request) {
        outbox.enqueue(name(), request);
    }

    @Override
    public void deliver(UUID id, String payload) {
        Request request;
        try {
            request = json.readValue(payload, Request.class);
        } catch (JsonProcessingException e) {
            throw new OutboxDeliveryException("not a " + name() + " request: " + e.getOriginalMessage(), true);
        }
        QuarkusTransaction.requiringNew().run(() -> handle(request, request.origin()));
    }

    /** Acts on the request inside its transaction; every path should write one audit event. */
    protected abstract void handle(Request request, RequestOrigin origin);
}
