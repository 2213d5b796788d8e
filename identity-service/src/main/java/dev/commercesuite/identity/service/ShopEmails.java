package dev.commercesuite.identity.service;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import dev.commercesuite.clients.notification.EmailMessage;
import dev.commercesuite.clients.notification.NotificationEmails;
import dev.commercesuite.defaults.outbox.OutboxWriter;
import dev.commercesuite.identity.domain.Tenant;
import dev.commercesuite.identity.repository.TenantRepository;

/**
 * The one way identity queues an email: in the outbox of the current transaction, sent for the user's shop, so the
 * shop's name (not the suite's) heads it and is its From display name. Call inside the transaction of the change the
 * email tells of.
 */
@ApplicationScoped
public class ShopEmails {

    private final OutboxWriter outbox;
    private final TenantRepository tenants;

    public ShopEmails(OutboxWriter outbox, TenantRepository tenants) {
        this.outbox = outbox;
        this.tenants = tenants;
    }

    /** Queues {@code message} for the shop {@code tenant}. */
    public void send(EmailMessage message, Tenant tenant) {
        outbox.enqueue(NotificationEmails.NAME, message.withShop(tenant.name()));
    }

    /** Queues {@code message} for the shop with the id {@code tenantId} (unnamed if there were no such shop). */
    public void send(EmailMessage message, UUID tenantId) {
        outbox.enqueue(NotificationEmails.NAME,
                message.withShop(tenants.findByIdOptional(tenantId).map(Tenant::name).orElse(null)));
    }
}
