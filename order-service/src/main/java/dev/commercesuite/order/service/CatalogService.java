package dev.commercesuite.order.service;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.LongPredicate;
import java.util.function.UnaryOperator;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.OptimisticLockException;
import jakarta.transaction.Transactional;

import org.hibernate.StaleStateException;
import org.hibernate.exception.ConstraintViolationException;

import dev.commercesuite.defaults.ids.UuidV7;
import dev.commercesuite.defaults.paging.Cursor;
import dev.commercesuite.defaults.problem.InvalidRequestException;
import dev.commercesuite.defaults.problem.Problem;
import dev.commercesuite.order.client.ShopDirectory;
import dev.commercesuite.order.domain.Product;
import dev.commercesuite.order.domain.ProductDetails;
import dev.commercesuite.order.domain.Shop;
import dev.commercesuite.order.repository.ProductRepository;

/**
 * A shop's catalog: its admins add and edit products, everyone reads it. Staff of the shop see every product; anyone
 * else (the storefront's visitors, customers) only the active ones, and an inactive product is not found for them.
 * Every read and write names the shop, so another shop's product is never found.
 */
@ApplicationScoped
public class CatalogService {

    /** The unique key of (shop, sku) in the products table. */
    private static final String SKU_PER_SHOP = "products_sku_per_tenant";

    /** One page of a catalog and, when more follow, where the next page starts. */
    public record CatalogPage(List<Product> items, Optional<Cursor> next) {
    }

    private final ProductRepository products;
    private final ShopDirectory shops;
    private final Clock clock;

    public CatalogService(ProductRepository products, ShopDirectory shops, Clock clock) {
        this.products = products;
        this.shops = shops;
        this.clock = clock;
    }

    /**
     * The shop a public read names by slug (or id), as identity-service knows it; a suspended shop's catalog is still
     * readable (it only takes no orders).
     */
    public Shop shop(String idOrSlug) {
        return shops.shop(idOrSlug);
    }

    /** Adds a product to the shop's catalog; its sku must be free in the shop. */
    @Transactional
    public Product create(UUID tenantId, ProductDetails details) {
        requireValid(details);
        if (products.skuTaken(tenantId, details.sku(), null)) {
            throw new SkuTakenException(details.sku());
        }
        Product product = Product.create(UuidV7.next(), tenantId, details, now());
        products.persist(product);
        flush(details.sku());
        return product;
    }

    /**
     * Edits a product of the shop: {@code changes} turns its current details into the new ones (a JSON merge patch,
     * for the API), which must be valid as a whole. Refused with {@link VersionMismatchException} unless
     * {@code expectedVersion} accepts the product's version, and when a concurrent change (an order reserving stock,
     * another edit) commits first.
     */
    @Transactional
    public Product edit(UUID tenantId, UUID productId, LongPredicate expectedVersion,
            UnaryOperator<ProductDetails> changes) {
        Product product = products.findInShop(tenantId, productId).orElseThrow(ProductNotFoundException::new);
        if (!expectedVersion.test(product.version())) {
            throw new VersionMismatchException();
        }
        ProductDetails details = changes.apply(product.details());
        requireValid(details);
        if (!details.sku().equals(product.sku()) && products.skuTaken(tenantId, details.sku(), productId)) {
            throw new SkuTakenException(details.sku());
        }
        product.edit(details, now());
        flush(details.sku());
        return product;
    }

    /** A product of the shop, if the reader may see it: inactive products only for the shop's staff. */
    public Product product(UUID tenantId, UUID productId, boolean staff) {
        return products.findInShop(tenantId, productId).filter(product -> staff || product.active())
                .orElseThrow(ProductNotFoundException::new);
    }

    /**
     * A page of the shop's catalog, newest first: for staff all products or those with the {@code active} asked for;
     * for anyone else only active ones (asking for inactive ones finds none).
     */
    public CatalogPage page(UUID tenantId, boolean staff, Optional<Boolean> active, Optional<Cursor> after,
            int limit) {
        Optional<Boolean> shown = staff ? active : Optional.of(true);
        if (!staff && active.isPresent() && !active.get()) {
            return new CatalogPage(List.of(), Optional.empty());
        }
        List<Product> rows = products.page(tenantId, shown, after.map(Cursor::createdAt), after.map(Cursor::id),
                limit + 1);
        if (rows.size() <= limit) {
            return new CatalogPage(rows, Optional.empty());
        }
        List<Product> page = rows.subList(0, limit);
        Product last = page.get(page.size() - 1);
        return new CatalogPage(page, Optional.of(new Cursor(last.createdAt(), last.id())));
    }

    /**
     * Writes the change now, inside the method, so that a race the checks above could not see (the same sku added
     * at the same moment, a concurrent change of the row) is answered as such rather than failing the commit.
     */
    private void flush(String sku) {
        try {
            products.flush();
        } catch (ConstraintViolationException e) {
            if (SKU_PER_SHOP.equals(e.getConstraintName())) {
                throw new SkuTakenException(sku);
            }
            throw e;
        } catch (OptimisticLockException | StaleStateException e) {
            throw new VersionMismatchException();
        }
    }

    private static void requireValid(ProductDetails details) {
        Map<String, String> violations = details.violations();
        if (!violations.isEmpty()) {
            throw new InvalidRequestException(violations.entrySet().stream()
                    .map(violation -> new Problem.FieldError(violation.getKey(), violation.getValue())).toList());
        }
    }

    /** The application clock, to the microsecond PostgreSQL stores, so an answer shows what a later read will. */
    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
