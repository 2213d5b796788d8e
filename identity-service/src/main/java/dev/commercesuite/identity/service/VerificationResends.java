package dev.commercesuite.identity.service;

import java.util.Map;
import java.util.Optional;

import jakarta.inject.Singleton;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.commercesuite.defaults.outbox.OutboxWriter;
import dev.commercesuite.identity.repository.IdentityRepository;
import dev.commercesuite.identity.repository.IdentityRepository.TenantRef;

/**
 * "Send me the verification link again" ({@value #NAME}), deferred so that every address gets the same answer in the
 * same time: when the relay hands the request back, an unverified account of an active shop gets a fresh link
 * (voiding the older one); any other address gets nothing. Both are audited.
 */
@Singleton
public class VerificationResends extends DeferredAccountRequests {

    public static final String NAME = "identity.resend-verification";

    private final IdentityRepository repository;
    private final VerificationEmails verificationEmails;

    public VerificationResends(OutboxWriter outbox, ObjectMapper json, IdentityRepository repository,
            VerificationEmails verificationEmails) {
        super(outbox, json);
        this.repository = repository;
        this.verificationEmails = verificationEmails;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    protected void handle(Request request, RequestOrigin origin) {
        String email = request.email();
        Optional<TenantRef> tenant = repository.findTenantBySlug(request.tenant()).filter(TenantRef::active);
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
