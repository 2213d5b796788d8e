package dev.commercesuite.order.repository;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import dev.commercesuite.order.domain.Product;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;

/** The catalog. Every query names the shop: another shop's product is never found. */
@ApplicationScoped
public class ProductRepository implements PanacheRepositoryBase<Product, UUID> {

    public Optional<Product> findInShop(UUID tenantId, UUID id) {
        return find("tenantId = ?1 and id = ?2", tenantId, id).firstResultOptional();
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
