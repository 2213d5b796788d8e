package dev.commercesuite.clients.notification;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.commercesuite.defaults.outbox.OutboxDeliveryException;
import dev.commercesuite.defaults.outbox.OutboxDestination;

/**
 * Outbox destination {@value #NAME}: emails for notification-service. A sender queues an {@link EmailMessage} in its
 * business transaction ({@code outbox.enqueue(NotificationEmails.NAME, EmailMessage.welcome(...))}); the relay hands
 * it here with the outbox id, which {@link NotificationClient} sends as the {@code Idempotency-Key}. A payload that is
 * not an email message, or an email notification-service refuses, is dead; anything else is retried.
 */
@ApplicationScoped
public class NotificationEmails implements OutboxDestination {

    public static final String NAME = "notification.email";

    private final NotificationClient client;
    private final ObjectMapper json;

    public NotificationEmails(NotificationClient client, ObjectMapper json) {
        this.client = client;
        this.json = json;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void deliver(UUID id, String payload) {
        EmailMessage message;
        try {
            message = json.readValue(payload, EmailMessage.class);
        } catch (JsonProcessingException e) {
            throw new OutboxDeliveryException("not an email message: " + e.getOriginalMessage(), true);
        }
        try {
            client.send(id, message);
        } catch (EmailRejectedException e) {
            throw new OutboxDeliveryException(e.getMessage(), true);
        } catch (RuntimeException e) {
            throw new OutboxDeliveryException(e.getClass().getSimpleName() + ": " + e.getMessage(), e);
        }
    }
}
