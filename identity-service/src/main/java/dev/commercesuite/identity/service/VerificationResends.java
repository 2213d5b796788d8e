package dev.commercesuite.identity.service;

import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.commercesuite.defaults.outbox.OutboxDeliveryException;
import dev.commercesuite.defaults.outbox.OutboxDestination;
import dev.commercesuite.defaults.outbox.OutboxWriter;
import dev.commercesuite.defaults.validation.EmailAddresses;
import dev.commercesuite.identity.repository.IdentityRepository;
import dev.commercesuite.identity.repository.IdentityRepository.TenantRef;
import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * "Send me the verification link again", in two steps so that the answer cannot tell whether the address has an
 * account, not even by its timing: the request itself only writes one outbox message (the same work for every
 * address), and the relay hands that message back here ({@value #NAME}), where the account is looked up and, when it
 * is an unverified one, a fresh link (voiding the older one) is queued for notification-service. Every request is
 * audited, with the origin of the original request.
 */
@ApplicationScoped
public class VerificationResends implements OutboxDestination {

    public static final String NAME = "identity.resend-verification";

    /** The deferred request as the outbox stores it. */
    record Request(String tenant, String email, String ip, String userAgent, String requestId) {
    }

    private final OutboxWriter outbox;
    private final IdentityRepository repository;
    private final VerificationEmails verificationEmails;
    private final ObjectMapper json;

    public VerificationResends(OutboxWriter outbox, IdentityRepository repository,
            VerificationEmails verificationEmails, ObjectMapper json) {
        this.outbox = outbox;
        this.repository = repository;
        this.verificationEmails = verificationEmails;
        this.json = json;
    }

    /** Queues the request; answers nothing about the address. */
    public void request(String tenantSlug, String rawEmail, RequestOrigin origin) {
        outbox.enqueue(NAME, new Request(tenantSlug, EmailAddresses.normalize(rawEmail), origin.ip(),
                origin.userAgent(), origin.requestId()));
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void deliver(UUID id, String payload) {
        Request request;
        try {
            request = json.readValue(payload, Request.class);
        } catch (JsonProcessingException e) {
            throw new OutboxDeliveryException("not a resend-verification request: " + e.getOriginalMessage(), true);
        }
        RequestOrigin origin = new RequestOrigin(request.ip(), request.userAgent(), request.requestId());
        QuarkusTransaction.requiringNew().run(() -> resend(request.tenant(), request.email(), origin));
    }

    private void resend(String tenantSlug, String email, RequestOrigin origin) {
        Optional<TenantRef> tenant = repository.findTenantBySlug(tenantSlug).filter(TenantRef::active);
        Optional<IdentityRepository.UserRef> user = tenant.flatMap(t -> repository.findUser(t.id(), email))
                .filter(u -> !u.verified());
        if (user.isEmpty()) {
            repository.audit(tenant.map(TenantRef::id).orElse(null), null, "verification.resend-ignored", origin,
                    Map.of());
            return;
        }
        verificationEmails.send(user.get().id(), tenant.get().id(), email, user.get().name());
        repository.audit(tenant.get().id(), user.get().id().toString(), "verification.resent", origin, Map.of());
    }
}
