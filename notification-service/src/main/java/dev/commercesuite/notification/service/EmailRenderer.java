package dev.commercesuite.notification.service;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.Currency;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.commercesuite.defaults.problem.FieldNames;
import dev.commercesuite.defaults.problem.InvalidRequestException;
import dev.commercesuite.defaults.problem.Problem;
import dev.commercesuite.notification.domain.EmailTemplate;
import dev.commercesuite.notification.domain.data.OrderConfirmationData;
import io.quarkus.qute.Engine;
import io.quarkus.qute.Template;

/**
 * Turns a template name, a locale and the caller's data into a subject, an HTML and a text body. The data is bound to
 * the template's record type and validated first, so a missing or malformed field is a 400 naming it, never a broken
 * email. HTML templates escape every value; links come from {@code suite.public-url}.
 */
@ApplicationScoped
public class EmailRenderer {

    public static final String DEFAULT_LOCALE = "en";
    /** What heads an email that names no shop. */
    public static final String SUITE_NAME = "Commerce Suite";
    private static final Pattern LOCALE = Pattern.compile("[a-z]{2}(-[A-Z]{2})?");
    private static final Pattern LINE_BREAKS = Pattern.compile("\\s*[\\r\\n]+\\s*");

    private final Engine engine;
    private final ObjectMapper json;
    private final Validator validator;
    private final Links links;

    public EmailRenderer(Engine engine, ObjectMapper json, Validator validator,
            @ConfigProperty(name = "suite.public-url") Optional<String> publicUrl) {
        this.engine = engine;
        this.json = json.copy().enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);
        this.validator = validator;
        // production refuses to start without it (StartupConfigCheck); other profiles set it in application.properties
        this.links = new Links(publicUrl.orElse("http://localhost:8080"));
    }

    /** The locale whose templates will be used: the requested one when it has templates, otherwise English. */
    public String resolveLocale(EmailTemplate template, String requested) {
        if (requested == null || requested.isBlank()) {
            return DEFAULT_LOCALE;
        }
        if (!LOCALE.matcher(requested).matches()) {
            throw new InvalidRequestException("locale", "must be a language tag such as en or pt-BR");
        }
        for (String candidate : List.of(requested, requested.substring(0, 2))) {
            if (engine.getTemplate(path(candidate, template, ".html")) != null) {
                return candidate;
            }
        }
        return DEFAULT_LOCALE;
    }

    /**
     * Renders the email; {@code shopName} (null for none) heads the email, where the suite's own name stands
     * otherwise.
     */
    public RenderedEmail render(EmailTemplate template, String locale, String shopName, JsonNode data) {
        Record model = bind(template, data);
        String subject = instance(locale, template, "-subject.txt", model, shopName).render();
        String html = instance(locale, template, ".html", model, shopName).render();
        String text = instance(locale, template, ".txt", model, shopName).render();
        return new RenderedEmail(LINE_BREAKS.matcher(subject).replaceAll(" ").strip(), html, text);
    }

    private io.quarkus.qute.TemplateInstance instance(String locale, EmailTemplate template, String suffix,
            Record model, String shopName) {
        Template found = engine.getTemplate(path(locale, template, suffix));
        if (found == null) {
            throw new IllegalStateException("template missing: " + path(locale, template, suffix));
        }
        // the base templates read "shop" for their heading: the shop's name, or the suite's when there is none
        return found.instance().data("data", model).data("links", links)
                .data("shop", shopName == null ? SUITE_NAME : shopName).data("namedShop", shopName != null);
    }

    private static String path(String locale, EmailTemplate template, String suffix) {
        return "emails/" + locale + "/" + template.id() + suffix;
    }

    private Record bind(EmailTemplate template, JsonNode data) {
        if (data == null || !data.isObject()) {
            throw new InvalidRequestException("data", "must be an object");
        }
        Record model;
        try {
            model = json.treeToValue(data, template.dataType());
        } catch (JsonMappingException e) {
            String field = FieldNames.of(e);
            throw new InvalidRequestException(field.isEmpty() ? "data" : "data." + field, "has the wrong type");
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new InvalidRequestException("data", "cannot be read");
        }
        List<Problem.FieldError> errors = new ArrayList<>();
        Set<ConstraintViolation<Record>> violations = validator.validate(model);
        for (ConstraintViolation<Record> violation : violations) {
            errors.add(new Problem.FieldError("data." + FieldNames.of(violation.getPropertyPath()), violation.getMessage()));
        }
        if (errors.isEmpty() && model instanceof OrderConfirmationData order && !knownCurrency(order.currency())) {
            errors.add(new Problem.FieldError("data.currency", "must be an ISO 4217 currency code"));
        }
        if (!errors.isEmpty()) {
            errors.sort(Comparator.comparing(Problem.FieldError::field));
            throw new InvalidRequestException(errors);
        }
        return model;
    }

    private static boolean knownCurrency(String code) {
        try {
            return Currency.getInstance(code).getDefaultFractionDigits() >= 0;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
