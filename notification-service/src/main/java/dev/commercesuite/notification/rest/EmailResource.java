package dev.commercesuite.notification.rest;

import java.net.URI;
import java.util.UUID;
import java.util.regex.Pattern;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import dev.commercesuite.defaults.problem.InvalidRequestException;
import dev.commercesuite.notification.domain.StoredEmail;
import dev.commercesuite.notification.service.EmailIntakeService;
import dev.commercesuite.notification.service.NewEmail;

/** Email intake for the other services (service tokens only; never routed by the gateway). */
@Path("/internal/v1/emails")
@RolesAllowed("service")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "emails (internal)")
public class EmailResource {

    static final String IDEMPOTENCY_KEY = "Idempotency-Key";
    private static final Pattern KEY = Pattern.compile("[\\x21-\\x7E]{1,200}");

    private final EmailIntakeService intake;
    private final JsonWebToken caller;

    public EmailResource(EmailIntakeService intake, JsonWebToken caller) {
        this.intake = intake;
        this.caller = caller;
    }

    @POST
    @Operation(summary = "Render and queue an email", description = "The email is rendered and stored before the"
            + " answer; the same Idempotency-Key with the same body returns the same email.")
    @APIResponse(responseCode = "202", description = "Stored and queued for delivery")
    @APIResponse(responseCode = "400", description = "Unknown template, bad address, missing template data, a shop"
            + " name that is blank, over 200 characters or holds a control character (CR, LF, TAB)")
    @APIResponse(responseCode = "401", description = "No valid service token")
    @APIResponse(responseCode = "403", description = "Token without the service group")
    @APIResponse(responseCode = "413", description = "Body over 64 KiB")
    @APIResponse(responseCode = "415", description = "Not JSON")
    @APIResponse(responseCode = "422", description = "Idempotency-Key reused with a different body")
    public Response accept(@HeaderParam(IDEMPOTENCY_KEY) String idempotencyKey,
            @Valid @NotNull EmailRequest request) {
        if (idempotencyKey == null || !KEY.matcher(idempotencyKey).matches()) {
            throw new InvalidRequestException(IDEMPOTENCY_KEY,
                    "is required: 1 to 200 visible ASCII characters, unique per email");
        }
        StoredEmail email = intake.accept(clientId(), idempotencyKey, new NewEmail(request.template(), request.to(),
                request.locale(), request.tenantId(), request.shopName(), request.data()));
        return Response.accepted(new EmailAccepted(email.id(), email.status().value()))
                .location(URI.create("/internal/v1/emails/" + email.id()))
                .build();
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "Delivery state of an email this client queued")
    @APIResponse(responseCode = "200", description = "Status, attempts, last error and timestamps")
    @APIResponse(responseCode = "404", description = "No such email for this client")
    public EmailView get(@PathParam("id") UUID id) {
        return intake.findForClient(id, clientId())
                .map(EmailView::of)
                .orElseThrow(NotFoundException::new);
    }

    private String clientId() {
        return caller.getSubject() != null ? caller.getSubject() : caller.getName();
    }
}
