package dev.commercesuite.identity.service;

import java.time.Clock;
import java.util.Map;
import java.util.Optional;

import jakarta.inject.Singleton;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.commercesuite.defaults.outbox.OutboxWriter;
import dev.commercesuite.identity.domain.RequestOrigin;
import dev.commercesuite.identity.domain.Tenant;
import dev.commercesuite.identity.domain.User;
import dev.commercesuite.identity.repository.AuditEventRepository;
import dev.commercesuite.identity.repository.TenantRepository;
import dev.commercesuite.identity.repository.UserRepository;

/**
 * "Send me the verification link again" ({@value #NAME}), deferred so that every address gets the same answer in the
 * same time: when the relay hands the request back, an unverified account of an active shop gets a fresh link
 * (voiding the older one); any other address gets nothing. Both are audited.
 */
@Singleton
public class VerificationResends extends DeferredAccountRequests {

    public static final String NAME = "identity.resend-verification";

    private final TenantRepository tenants;
    private final UserRepository users;
    private final AuditEventRepository audit;
    private final VerificationEmails verificationEmails;
    private final Clock clock;

    public VerificationResends(OutboxWriter outbox, ObjectMapper json, TenantRepository tenants, UserRepository users,
            AuditEventRepository audit, VerificationEmails verificationEmails, Clock clock) {
        super(outbox, json);
        this.tenants = tenants;
        this.users = users;
        this.audit = audit;
        this.verificationEmails = verificationEmails;
        this.clock = clock;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    protected void handle(Request request, RequestOrigin origin) {
        Optional<Tenant> tenant = tenants.findBySlug(request.tenant()).filter(Tenant::isActive);
        Optional<User> user = tenant.flatMap(t -> users.findByEmail(t.id(), request.email()))
                .filter(u -> !u.isVerified());
        if (user.isEmpty()) {
            audit.record(tenant.map(Tenant::id).orElse(null), null, "verification.resend-ignored", origin, Map.of());
            return;
        }
        verificationEmails.send(user.get(), clock.instant());
        audit.record(tenant.get().id(), user.get().id().toString(), "verification.resent", origin, Map.of());
    }
}
