package dev.commercesuite.identity.service;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import dev.commercesuite.defaults.ids.UuidV7;
import dev.commercesuite.defaults.problem.InvalidRequestException;
import dev.commercesuite.defaults.problem.Problem;
import dev.commercesuite.defaults.validation.EmailAddresses;
import dev.commercesuite.identity.domain.RequestOrigin;
import dev.commercesuite.identity.domain.Role;
import dev.commercesuite.identity.domain.Tenant;
import dev.commercesuite.identity.domain.TenantStatus;
import dev.commercesuite.identity.domain.Tier;
import dev.commercesuite.identity.domain.User;
import dev.commercesuite.identity.repository.AuditEventRepository;
import dev.commercesuite.identity.repository.TenantRepository;
import dev.commercesuite.identity.repository.UserRepository;
import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * Creates a shop with its first admin: the admin starts unverified and gets a verification email through the outbox,
 * and the creation is audited, all in one transaction. The password is checked and hashed before the transaction
 * starts, so the expensive hash never holds a database connection.
 */
@ApplicationScoped
public class TenantService {

    /** A new shop and its first admin, as asked for ({@code tier} may be null: starter). */
    public record NewTenant(String name, String slug, String adminEmail, String adminPassword, String adminName,
            Tier tier) {
    }

    private final PasswordPolicy policy;
    private final PasswordHasher hasher;
    private final TenantRepository tenants;
    private final UserRepository users;
    private final AuditEventRepository audit;
    private final VerificationEmails verificationEmails;
    private final Clock clock;

    public TenantService(PasswordPolicy policy, PasswordHasher hasher, TenantRepository tenants, UserRepository users,
            AuditEventRepository audit, VerificationEmails verificationEmails, Clock clock) {
        this.policy = policy;
        this.hasher = hasher;
        this.tenants = tenants;
        this.users = users;
        this.audit = audit;
        this.verificationEmails = verificationEmails;
        this.clock = clock;
    }

    public Tenant create(NewTenant request, RequestOrigin origin) {
        String email = EmailAddresses.normalize(request.adminEmail());
        List<Problem.FieldError> errors = policy.checkNewAccount("adminEmail", email, "adminPassword",
                request.adminPassword(), request.slug());
        if (Tenant.idIn(request.slug()).isPresent()) {
            errors = new ArrayList<>(errors);
            errors.add(new Problem.FieldError("slug", "must not be shaped like a UUID"));
        }
        if (!errors.isEmpty()) {
            throw new InvalidRequestException(errors);
        }
        String passwordHash = hasher.hash(PasswordPolicy.normalize(request.adminPassword()));
        return QuarkusTransaction.requiringNew().call(() -> persist(request, email, passwordHash, origin));
    }

    private Tenant persist(NewTenant request, String email, String passwordHash, RequestOrigin origin) {
        Instant now = clock.instant();
        Tier tier = request.tier() == null ? Tier.STARTER : request.tier();
        Tenant tenant = Tenant.open(UuidV7.next(), request.slug(), request.name().strip(), tier, now);
        tenants.add(tenant);
        String adminName = request.adminName().strip();
        User admin = User.register(UuidV7.next(), tenant.id(), email, adminName, passwordHash, Role.ADMIN, now);
        users.add(admin);
        verificationEmails.send(admin, now);
        audit.record(tenant.id(), admin.id().toString(), "tenant.created", origin,
                Map.of("slug", request.slug(), "tier", tier.value()));
        return tenant;
    }

    /**
     * Suspends or reactivates a shop. While it is suspended its users cannot log in or refresh their sessions, and
     * nobody can sign up to it; access tokens already issued stay valid until they expire (at most 15 minutes).
     * Audited as {@code tenant.suspended} or {@code tenant.reactivated} when the status changes; setting the status it
     * already has changes nothing.
     */
    public Optional<Tenant> changeStatus(UUID tenantId, TenantStatus status, String reason, String actor,
            RequestOrigin origin) {
        return QuarkusTransaction.requiringNew().call(() -> tenants.lock(tenantId).map(tenant -> {
            TenantStatus before = tenant.status();
            boolean changed = status == TenantStatus.SUSPENDED ? tenant.suspend() : tenant.reactivate();
            if (changed) {
                Map<String, String> metadata = reason == null ? Map.of("from", before.value())
                        : Map.of("from", before.value(), "reason", reason);
                audit.record(tenantId, actor, status == TenantStatus.SUSPENDED ? "tenant.suspended"
                        : "tenant.reactivated", origin, metadata);
            }
            return tenant;
        }));
    }

    public Optional<Tenant> find(UUID tenantId) {
        return tenants.findByIdOptional(tenantId);
    }

    /**
     * The shop a reference names: a reference written as a UUID is its id, anything else its slug. A reference that
     * can be neither (a malformed slug) names no shop, and costs no query.
     */
    public Optional<Tenant> find(String idOrSlug) {
        Optional<UUID> id = Tenant.idIn(idOrSlug);
        if (id.isPresent()) {
            return tenants.findByIdOptional(id.get());
        }
        return Tenant.isValidSlug(idOrSlug) ? tenants.findBySlug(idOrSlug) : Optional.empty();
    }
}
