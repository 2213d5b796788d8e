package dev.commercesuite.defaults.validation;

import java.util.List;

import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.core.ResteasyReactiveRequestContext;
import org.jboss.resteasy.reactive.server.core.multipart.FormData;
import org.jboss.resteasy.reactive.server.multipart.FormValue;
import org.jboss.resteasy.reactive.server.spi.ResteasyReactiveContainerRequestContext;

import dev.commercesuite.defaults.problem.Problem;
import dev.commercesuite.defaults.problem.ProblemType;
import dev.commercesuite.defaults.problem.Problems;

/**
 * Holds form fields ({@code application/x-www-form-urlencoded} and multipart text parts) to {@link Text}, as
 * {@link StrictJson} does for JSON bodies: a refused character is a 400 {@code validation-failed} problem naming the
 * field, before the resource runs. Quarkus REST reads a form only after routing, so this is a REST filter that asks
 * for the form to be read first ({@code readBody}); paths, query strings and headers are checked earlier by
 * {@link RequestTextFilter}.
 */
public class FormTextFilter {

    @ServerRequestFilter(readBody = true)
    public Response check(ResteasyReactiveContainerRequestContext request) {
        if (!(request.getServerRequestContext() instanceof ResteasyReactiveRequestContext context)) {
            return null;
        }
        FormData form = context.getFormData();
        if (form == null) {
            return null;
        }
        for (String name : form) {
            String refused = Text.isAcceptable(name) ? null : "body";
            if (refused == null) {
                for (FormValue value : form.get(name)) {
                    if (!value.isFileItem() && !Text.isAcceptable(value.getValue())) {
                        refused = name;
                        break;
                    }
                }
            }
            if (refused != null) {
                return Problems.response(Problems.of(ProblemType.VALIDATION_FAILED, 400,
                        "The request has 1 invalid field.", request.getUriInfo().getPath(),
                        List.of(new Problem.FieldError(refused, Text.MESSAGE))));
            }
        }
        return null;
    }
}
