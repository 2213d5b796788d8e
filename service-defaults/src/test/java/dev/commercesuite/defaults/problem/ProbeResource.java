package dev.commercesuite.defaults.problem;

import java.util.List;
import java.util.Map;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import com.fasterxml.jackson.databind.JsonNode;

/** A resource that exists only in this module's tests, to drive every error path through a real HTTP stack. */
@Path("/probe")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ProbeResource {

    public record Line(@NotBlank String sku, @Min(1) @Max(100) int quantity) {
    }

    public record Order(@NotBlank @Email String email, @NotBlank @Size(max = 20) String name,
            @NotEmpty List<@Valid Line> lines) {
    }

    @POST
    @Path("/orders")
    public Order create(@Valid @NotNull Order order) {
        return order;
    }

    /** Free text in every shape a body can carry it: a field, a list, an untyped map and a JSON tree. */
    public record Note(String text, List<String> tags, Map<String, Object> extra, JsonNode data) {
    }

    @POST
    @Path("/notes")
    public Note note(Note note) {
        return note;
    }

    /** A one-field record, the shape whose binding failures Jackson reports as definition errors. */
    public record TokenRequest(String token) {
    }

    @POST
    @Path("/tokens")
    public TokenRequest token(TokenRequest request) {
        return request;
    }

    @POST
    @Path("/forms")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public String form(@FormParam("name") String name) {
        return name;
    }

    @GET
    @Path("/items")
    public List<String> list(@QueryParam("limit") @Min(1) @Max(100) int limit) {
        return List.of();
    }

    @GET
    @Path("/boom")
    public String boom() {
        throw new IllegalStateException("database password is hunter2 at org.example.Secret");
    }
}
