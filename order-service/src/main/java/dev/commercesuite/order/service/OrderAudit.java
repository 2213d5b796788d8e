package dev.commercesuite.order.service;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.commercesuite.defaults.paging.Cursor;
import dev.commercesuite.defaults.requestid.RequestId;
import dev.commercesuite.order.domain.AuditEvent;
import dev.commercesuite.order.repository.AuditEventRepository;

/**
 * The shops' order audit log: what was done to their orders, by whom ({@code user:<id>}, {@code guest},
 * {@code system:<job>}) and in which request. Actions: {@code order-placed}, {@code order-status-changed},
 * {@code payment-mismatch}, {@code payment-failed}, {@code refund-requested}, and (with no shop)
 * {@code webhook-signature-rejected}.
 * {@link #record} joins the caller's transaction, so an event exists exactly when its change committed.
 */
@ApplicationScoped
public class OrderAudit {

    public static final String ORDER_PLACED = "order-placed";
    public static final String ORDER_STATUS_CHANGED = "order-status-changed";
    public static final String REFUND_REQUESTED = "refund-requested";
    public static final String WEBHOOK_SIGNATURE_REJECTED = "webhook-signature-rejected";

    private final AuditEventRepository events;
    private final ObjectMapper json;

    public OrderAudit(AuditEventRepository events, ObjectMapper json) {
        this.events = events;
        this.json = json;
    }

    /**
     * Records {@code action} on shop {@code tenantId} by {@code actor}, with {@code metadata} (ids, numbers, statuses;
     * never a token or other secret), stamped with the current request's id when there is one. Call it inside the
     * transaction of the change.
     */
    public void record(UUID tenantId, String actor, String action, Map<String, ?> metadata) {
        String metadataJson;
        try {
            metadataJson = json.writeValueAsString(metadata);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("audit metadata cannot be written as JSON", e);
        }
        events.record(tenantId, actor, action, RequestId.current(), metadataJson);
    }

    /** A page of events and, when more follow, the cursor of the next page. */
    public record AuditPage(List<AuditEvent> items, Optional<Cursor> next) {
    }

    /** The shop's events, newest first, filtered, after {@code after}, at most {@code limit}. */
    public AuditPage page(UUID tenantId, Optional<String> action, Optional<String> actor, Optional<Instant> from,
            Optional<Instant> to, Optional<Cursor> after, int limit) {
        List<AuditEvent> rows = events.page(new AuditEventRepository.Filter(tenantId, action, actor, from, to),
                after.map(Cursor::createdAt), after.map(Cursor::id), limit + 1);
        if (rows.size() <= limit) {
            return new AuditPage(rows, Optional.empty());
        }
        List<AuditEvent> page = rows.subList(0, limit);
        AuditEvent last = page.get(page.size() - 1);
        return new AuditPage(List.copyOf(page), Optional.of(new Cursor(last.createdAt(), last.id())));
    }
}
