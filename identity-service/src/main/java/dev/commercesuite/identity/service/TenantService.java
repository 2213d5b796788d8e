package dev.commercesuite.identity.service;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import dev.commercesuite.defaults.ids.UuidV7;
import dev.commercesuite.defaults.problem.InvalidRequestException;
import dev.commercesuite.defaults.problem.Problem;
import dev.commercesuite.defaults.validation.EmailAddresses;
import dev.commercesuite.identity.domain.Tier;
import dev.commercesuite.identity.repository.IdentityRepository;
import dev.commercesuite.identity.rest.CreateTenantRequest;
import dev.commercesuite.identity.rest.TenantView;
import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * Creates a shop with its first admin: the admin starts unverified and gets a verification email through the outbox,
 * and the creation is audited, all in one transaction. The password is checked and hashed before the transaction
 * starts, so the expensive hash never holds a database connection.
 */
@ApplicationScoped
public class TenantService {

    private final PasswordPolicy policy;
    private final PasswordHasher hasher;
    private final IdentityRepository repository;
    private final VerificationEmails verificationEmails;

    public TenantService(PasswordPolicy policy, PasswordHasher hasher, IdentityRepository repository,
            VerificationEmails verificationEmails) {
        this.policy = policy;
        this.hasher = hasher;
        this.repository = repository;
        this.verificationEmails = verificationEmails;
    }

    public TenantView create(CreateTenantRequest request, RequestOrigin origin) {
        String email = EmailAddresses.normalize(request.adminEmail());
        List<Problem.FieldError> errors = policy.checkNewAccount("adminEmail", email, "adminPassword",
                request.adminPassword(), request.slug());
        if (!errors.isEmpty()) {
            throw new InvalidRequestException(errors);
        }
        String passwordHash = hasher.hash(PasswordPolicy.normalize(request.adminPassword()));
        return QuarkusTransaction.requiringNew().call(() -> persist(request, email, passwordHash, origin));
    }

    private TenantView persist(CreateTenantRequest request, String email, String passwordHash, RequestOrigin origin) {
        Instant now = Instant.now();
        UUID tenantId = UuidV7.next();
        UUID adminId = UuidV7.next();
        String tier = request.tier() == null ? Tier.STARTER.value() : request.tier();
        repository.insertTenant(tenantId, request.slug(), request.name().strip(), tier, now);
        repository.insertUser(adminId, tenantId, email, request.adminName().strip(), passwordHash, "admin", now);
        verificationEmails.send(adminId, tenantId, email, request.adminName().strip());
        repository.audit(tenantId, adminId.toString(), "tenant.created", origin,
                Map.of("slug", request.slug(), "tier", tier));
        return new TenantView(tenantId, request.slug(), request.name().strip(), tier, "active", now);
    }

    /**
     * Suspends or reactivates a shop. While it is suspended its users cannot log in or refresh their sessions, and
     * nobody can sign up to it; access tokens already issued stay valid until they expire (at most 15 minutes).
     * Audited as {@code tenant.suspended} or {@code tenant.reactivated} when the status changes; setting the status it
     * already has changes nothing.
     */
    public Optional<TenantView> changeStatus(UUID tenantId, String status, String reason, String actor,
            RequestOrigin origin) {
        return QuarkusTransaction.requiringNew().call(() -> repository.updateTenantStatus(tenantId, status)
                .map(before -> {
                    if (!before.status().equals(status)) {
                        Map<String, String> metadata = reason == null ? Map.of("from", before.status())
                                : Map.of("from", before.status(), "reason", reason);
                        repository.audit(tenantId, actor,
                                "suspended".equals(status) ? "tenant.suspended" : "tenant.reactivated", origin,
                                metadata);
                    }
                    return new TenantView(before.id(), before.slug(), before.name(), before.tier(), status,
                            before.createdAt());
                }));
    }

    public Optional<TenantView> find(UUID tenantId) {
        return repository.findTenant(tenantId).map(t -> new TenantView(t.id(), t.slug(), t.name(), t.tier(),
                t.status(), t.createdAt()));
    }
}
