package dev.commercesuite.order.repository;

import java.time.LocalDate;
import java.util.List;
import java.util.OptionalInt;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

/**
 * Per-shop counters that must be race-free across replicas: order numbers and the orders taken this month. Each is
 * one upsert that takes the counter row's lock until the transaction ends, so concurrent orders of one shop get
 * consecutive numbers and can never count past a limit; a rolled-back order gives its number and its count back.
 */
@ApplicationScoped
public class OrderCounters {

    /** The first order number of every shop. */
    public static final long FIRST_ORDER_NUMBER = 1001;

    private final EntityManager entityManager;

    public OrderCounters(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    /** The shop's next order number (1001, 1002, ...). One statement: read-and-increment must not interleave. */
    public long nextOrderNumber(UUID tenantId) {
        Object number = entityManager.createNativeQuery("INSERT INTO order_numbers (tenant_id, last_number)"
                + " VALUES (?1, ?2) ON CONFLICT (tenant_id) DO UPDATE SET last_number = order_numbers.last_number + 1"
                + " RETURNING last_number")
                .setParameter(1, tenantId)
                .setParameter(2, FIRST_ORDER_NUMBER)
                .getSingleResult();
        return ((Number) number).longValue();
    }

    /**
     * Counts one more order of the shop in {@code month} (its first day) unless that would pass {@code limit} (empty
     * = unlimited); answers whether it was counted. One statement: the check and the increment must be atomic.
     */
    public boolean countOrder(UUID tenantId, LocalDate month, OptionalInt limit) {
        if (limit.isPresent() && limit.getAsInt() <= 0) {
            return false;
        }
        @SuppressWarnings("unchecked")
        List<Object> counted = entityManager.createNativeQuery("INSERT INTO monthly_order_counts (tenant_id, month,"
                + " orders) VALUES (?1, ?2, 1) ON CONFLICT (tenant_id, month) DO UPDATE SET orders ="
                + " monthly_order_counts.orders + 1 WHERE monthly_order_counts.orders < ?3 RETURNING orders")
                .setParameter(1, tenantId)
                .setParameter(2, month)
                .setParameter(3, limit.orElse(Integer.MAX_VALUE))
                .getResultList();
        return !counted.isEmpty();
    }

    /** Orders the shop has taken in {@code month} (its first day). */
    public int ordersIn(UUID tenantId, LocalDate month) {
        List<?> rows = entityManager.createNativeQuery("SELECT orders FROM monthly_order_counts WHERE tenant_id = ?1"
                + " AND month = ?2").setParameter(1, tenantId).setParameter(2, month).getResultList();
        return rows.isEmpty() ? 0 : ((Number) rows.get(0)).intValue();
    }
}
