package dev.commercesuite.notification.service;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import dev.commercesuite.defaults.paging.Cursor;
import dev.commercesuite.defaults.paging.Page;
import dev.commercesuite.notification.domain.EmailStatus;
import dev.commercesuite.notification.domain.StoredEmail;
import dev.commercesuite.notification.repository.EmailRepository;

/** A tenant admin's view of the shop's emails: pages of them newest first, and a second chance for a dead one. */
@ApplicationScoped
public class NotificationAdminService {

    private final EmailRepository emails;
    private final Clock clock;

    public NotificationAdminService(EmailRepository emails, Clock clock) {
        this.emails = emails;
        this.clock = clock;
    }

    /** Up to {@code limit} of the tenant's emails after {@code after}, with the cursor of the next page if any. */
    public Page<StoredEmail> list(String tenant, Optional<EmailStatus> status, int limit, Optional<Cursor> after) {
        List<StoredEmail> rows = emails.page(tenant, status, limit + 1, after);
        boolean more = rows.size() > limit;
        List<StoredEmail> page = more ? rows.subList(0, limit) : rows;
        String next = more ? new Cursor(page.get(page.size() - 1).createdAt(), page.get(page.size() - 1).id()).encode()
                : null;
        return new Page<>(page, next);
    }

    /**
     * Queues a dead email again with a fresh attempt budget. Empty when the tenant has no such email; an email that
     * is not dead is still on its way or delivered, and is refused with {@link EmailNotDeadException}.
     */
    public Optional<UUID> retry(UUID id, String tenant) {
        Optional<StoredEmail> email = emails.findForTenant(id, tenant);
        if (email.isEmpty()) {
            return Optional.empty();
        }
        if (!emails.requeueDead(id, tenant, clock.instant())) {
            throw new EmailNotDeadException(email.get().status());
        }
        return Optional.of(id);
    }
}
