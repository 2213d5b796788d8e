package dev.commercesuite.clients.notification;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/**
 * notification-service's intake as a typed REST client. Package-private: callers go through {@link NotificationClient},
 * which owns the timeouts, retries and circuit breaker.
 */
@RegisterRestClient
@Path("/internal/v1/emails")
interface NotificationRestClient {

    /** Answers the receiver's response whatever its status; {@link NotificationClient} classifies it. */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    Response accept(@HeaderParam("Idempotency-Key") String idempotencyKey,
            @HeaderParam("Authorization") String authorization, EmailMessage message);
}
