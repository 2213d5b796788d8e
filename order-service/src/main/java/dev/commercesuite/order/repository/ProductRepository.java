package dev.commercesuite.order.repository;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import dev.commercesuite.order.domain.Product;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Parameters;

/** The catalog. Every query names the shop: another shop's product is never found. */
@ApplicationScoped
public class ProductRepository implements PanacheRepositoryBase<Product, UUID> {

    public Optional<Product> findInShop(UUID tenantId, UUID id) {
        return find("tenantId = ?1 and id = ?2", tenantId, id).firstResultOptional();
    }

    /** Whether another product of the shop than {@code exceptId} (null: any) has this sku. */
    public boolean skuTaken(UUID tenantId, String sku, UUID exceptId) {
        if (exceptId == null) {
            return count("tenantId = ?1 and sku = ?2", tenantId, sku) > 0;
        }
        return count("tenantId = ?1 and sku = ?2 and id <> ?3", tenantId, sku, exceptId) > 0;
    }

    /**
     * One page of the shop's catalog, newest first, optionally only the active or only the inactive products, after
     * the {@code (createdAt, id)} of the previous page's last product: a keyset query, one range scan of
     * {@code products_tenant_created} or {@code products_tenant_active_created} however deep the page.
     */
    public List<Product> page(UUID tenantId, Optional<Boolean> active, Optional<Instant> afterCreatedAt,
            Optional<UUID> afterId, int limit) {
        StringBuilder query = new StringBuilder("tenantId = :tenant");
        Parameters parameters = Parameters.with("tenant", tenantId);
        if (active.isPresent()) {
            query.append(" and active = :active");
            parameters.and("active", active.get());
        }
        if (afterCreatedAt.isPresent() && afterId.isPresent()) {
            query.append(" and (createdAt, id) < (:afterCreatedAt, :afterId)");
            parameters.and("afterCreatedAt", afterCreatedAt.get()).and("afterId", afterId.get());
        }
        query.append(" order by createdAt desc, id desc");
        return find(query.toString(), parameters).range(0, limit - 1).list();
    }

    /**
     * The shop's products among {@code ids}, their rows locked for the rest of the transaction, taken in id order so
     * that two orders naming the same products in different orders cannot deadlock. Missing ids are simply absent.
     */
    public List<Product> lockInShop(UUID tenantId, Collection<UUID> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        return find("tenantId = ?1 and id in ?2 order by id", tenantId, ids)
                .withLock(LockModeType.PESSIMISTIC_WRITE).list();
    }
}
