package dev.commercesuite.identity.repository;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;

import org.hibernate.query.NativeQuery;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.commercesuite.identity.domain.AuditEvent;
import dev.commercesuite.identity.domain.RequestOrigin;

/**
 * The authentication audit log, append-only. An event is written in the transaction of the change it records, with
 * the database's {@code clock_timestamp()} (not the transaction's start, nor an application clock a test may move),
 * so events of one transaction, and of the replicas, sort in the order they happened.
 */
@ApplicationScoped
public class AuditEventRepository {

    private final EntityManager entityManager;
    private final ObjectMapper json;

    public AuditEventRepository(EntityManager entityManager, ObjectMapper json) {
        this.entityManager = entityManager;
        this.json = json;
    }

    public void record(UUID tenantId, String actor, String action, RequestOrigin origin, Map<String, ?> metadata) {
        String metadataJson;
        try {
            metadataJson = json.writeValueAsString(metadata);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("audit metadata cannot be written as JSON", e);
        }
        // typed parameters: most of them may be null, and a null alone does not tell PostgreSQL its type
        entityManager.createNativeQuery("INSERT INTO audit_events (id, tenant_id, actor, action, ip, user_agent,"
                + " request_id, metadata, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, CAST(?8 AS jsonb),"
                + " clock_timestamp())")
                .unwrap(NativeQuery.class)
                .setParameter(1, UUID.randomUUID(), UUID.class)
                .setParameter(2, tenantId, UUID.class)
                .setParameter(3, actor, String.class)
                .setParameter(4, action, String.class)
                .setParameter(5, origin.ip(), String.class)
                .setParameter(6, origin.userAgent(), String.class)
                .setParameter(7, origin.requestId(), String.class)
                .setParameter(8, metadataJson, String.class)
                .executeUpdate();
    }

    /** Where a page of events starts, and what it is limited to. */
    public record Filter(UUID tenantId, Optional<String> action, Optional<Instant> from, Optional<Instant> to) {
    }

    /**
     * One page of a tenant's audit events, newest first, optionally of one action and within [from, to), after the
     * (createdAt, id) of the previous page's last event. A keyset query: one index range scan however deep the page.
     */
    public List<AuditEvent> page(Filter filter, Optional<Instant> afterCreatedAt, Optional<UUID> afterId,
            int limit) {
        StringBuilder sql = new StringBuilder("SELECT id, action, actor, ip, user_agent, request_id, metadata::text,"
                + " created_at FROM audit_events WHERE tenant_id = ?1");
        List<Object> parameters = new ArrayList<>(List.of(filter.tenantId()));
        filter.action().ifPresent(a -> {
            parameters.add(a);
            sql.append(" AND action = ?").append(parameters.size());
        });
        filter.from().ifPresent(f -> {
            parameters.add(f);
            sql.append(" AND created_at >= ?").append(parameters.size());
        });
        filter.to().ifPresent(t -> {
            parameters.add(t);
            sql.append(" AND created_at < ?").append(parameters.size());
        });
        if (afterCreatedAt.isPresent() && afterId.isPresent()) {
            parameters.add(afterCreatedAt.get());
            parameters.add(afterId.get());
            sql.append(" AND (created_at, id) < (?").append(parameters.size() - 1).append(", ?")
                    .append(parameters.size()).append(")");
        }
        parameters.add(limit);
        sql.append(" ORDER BY created_at DESC, id DESC LIMIT ?").append(parameters.size());
        Query query = entityManager.createNativeQuery(sql.toString());
        for (int i = 0; i < parameters.size(); i++) {
            query.setParameter(i + 1, parameters.get(i));
        }
        List<AuditEvent> events = new ArrayList<>();
        for (Object row : query.getResultList()) {
            Object[] columns = (Object[]) row;
            events.add(new AuditEvent((UUID) columns[0], (String) columns[1], (String) columns[2],
                    (String) columns[3], (String) columns[4], (String) columns[5], (String) columns[6],
                    NativeValues.instant(columns[7])));
        }
        return events;
    }
}
