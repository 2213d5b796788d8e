package dev.commercesuite.identity.service;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import dev.commercesuite.defaults.paging.Cursor;
import dev.commercesuite.identity.domain.AuditEvent;
import dev.commercesuite.identity.repository.AuditEventRepository;

/** A shop's audit log as its admins read it: newest first, in keyset pages. */
@ApplicationScoped
public class AuditLog {

    private final AuditEventRepository events;

    public AuditLog(AuditEventRepository events) {
        this.events = events;
    }

    /** A page of events and, when more follow, the cursor of the next page. */
    public record AuditPage(List<AuditEvent> items, Optional<Cursor> next) {
    }

    /** The tenant's events of {@code action} (if given) within [from, to), after {@code after}, at most {@code limit}. */
    public AuditPage page(UUID tenantId, Optional<String> action, Optional<Instant> from, Optional<Instant> to,
            Optional<Cursor> after, int limit) {
        List<AuditEvent> rows = events.page(new AuditEventRepository.Filter(tenantId, action, from, to),
                after.map(Cursor::createdAt), after.map(Cursor::id), limit + 1);
        if (rows.size() <= limit) {
            return new AuditPage(rows, Optional.empty());
        }
        List<AuditEvent> page = rows.subList(0, limit);
        AuditEvent last = page.get(page.size() - 1);
        return new AuditPage(page, Optional.of(new Cursor(last.createdAt(), last.id())));
    }
}
