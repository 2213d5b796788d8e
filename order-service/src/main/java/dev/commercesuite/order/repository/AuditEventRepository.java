package dev.commercesuite.order.repository;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;

import org.hibernate.query.NativeQuery;

import dev.commercesuite.defaults.ids.UuidV7;
import dev.commercesuite.order.domain.AuditEvent;

/**
 * The order audit log, append-only. An event is written in the transaction of the change it records, stamped with
 * the database's {@code clock_timestamp()} (not the transaction's start, nor the application clock a test may move),
 * so the events of one transaction, and of all replicas, sort in the order they happened. Both statements are native:
 * the insert for that timestamp, the page for its keyset condition on {@code (created_at, id)}.
 */
@ApplicationScoped
public class AuditEventRepository {

    private final EntityManager entityManager;

    public AuditEventRepository(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    /** Appends an event; {@code metadataJson} is a JSON object. */
    public void record(UUID tenantId, String actor, String action, String requestId, String metadataJson) {
        // typed parameters: several may be null, and a null alone does not tell PostgreSQL its type
        entityManager.createNativeQuery("INSERT INTO audit_events (id, tenant_id, actor, action, request_id, metadata,"
                + " created_at) VALUES (?1, ?2, ?3, ?4, ?5, CAST(?6 AS jsonb), clock_timestamp())")
                .unwrap(NativeQuery.class)
                .setParameter(1, UuidV7.next(), UUID.class)
                .setParameter(2, tenantId, UUID.class)
                .setParameter(3, actor, String.class)
                .setParameter(4, action, String.class)
                .setParameter(5, requestId, String.class)
                .setParameter(6, metadataJson, String.class)
                .executeUpdate();
    }

    /** What a page is limited to: one shop, and optionally one action, one actor and a time range [from, to). */
    public record Filter(UUID tenantId, Optional<String> action, Optional<String> actor, Optional<Instant> from,
            Optional<Instant> to) {
    }

    /**
     * One page of a shop's events, newest first, after the {@code (createdAt, id)} of the previous page's last event:
     * a range scan of {@code audit_events_tenant_time} however deep the page.
     */
    public List<AuditEvent> page(Filter filter, Optional<Instant> afterCreatedAt, Optional<UUID> afterId, int limit) {
        StringBuilder sql = new StringBuilder("SELECT id, action, actor, request_id, metadata::text, created_at"
                + " FROM audit_events WHERE tenant_id = ?1");
        List<Object> parameters = new ArrayList<>(List.of(filter.tenantId()));
        filter.action().ifPresent(action -> condition(sql, parameters, " AND action = ?", action));
        filter.actor().ifPresent(actor -> condition(sql, parameters, " AND actor = ?", actor));
        filter.from().ifPresent(from -> condition(sql, parameters, " AND created_at >= ?", from));
        filter.to().ifPresent(to -> condition(sql, parameters, " AND created_at < ?", to));
        if (afterCreatedAt.isPresent() && afterId.isPresent()) {
            parameters.add(afterCreatedAt.get());
            parameters.add(afterId.get());
            sql.append(" AND (created_at, id) < (?").append(parameters.size() - 1).append(", ?")
                    .append(parameters.size()).append(")");
        }
        condition(sql, parameters, " ORDER BY created_at DESC, id DESC LIMIT ?", limit);
        Query query = entityManager.createNativeQuery(sql.toString());
        for (int i = 0; i < parameters.size(); i++) {
            query.setParameter(i + 1, parameters.get(i));
        }
        List<AuditEvent> events = new ArrayList<>();
        for (Object row : query.getResultList()) {
            Object[] columns = (Object[]) row;
            events.add(new AuditEvent((UUID) columns[0], (String) columns[1], (String) columns[2],
                    (String) columns[3], (String) columns[4], instant(columns[5])));
        }
        return events;
    }

    private static void condition(StringBuilder sql, List<Object> parameters, String clause, Object value) {
        parameters.add(value);
        sql.append(clause).append(parameters.size());
    }

    /** A timestamp column as the driver and Hibernate's mapping hand it back. */
    private static Instant instant(Object value) {
        return switch (value) {
            case Instant instant -> instant;
            case OffsetDateTime offset -> offset.toInstant();
            case ZonedDateTime zoned -> zoned.toInstant();
            case Timestamp timestamp -> timestamp.toInstant();
            default -> throw new IllegalStateException("not a timestamp: " + value.getClass());
        };
    }
}
