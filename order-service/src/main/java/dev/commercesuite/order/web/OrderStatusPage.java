package dev.commercesuite.order.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import dev.commercesuite.order.domain.Money;
import dev.commercesuite.order.domain.OrderStatus;
import dev.commercesuite.order.rest.OrderIds;
import dev.commercesuite.order.service.OrderStatusLookup;
import dev.commercesuite.order.service.OrderStatusReport;
import dev.commercesuite.order.service.UnknownOrderException;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;

/**
 * The customer's order status page, linked from every order email: the shop's name, the order's status, its lines
 * and totals (in the currency's own fraction digits) and its timeline. Plain HTML without JavaScript; the one
 * stylesheet is inline and allowed by its hash, so the Content-Security-Policy allows nothing else. The token in the
 * address is the only key to the order, so the page is never cached, indexed or sent on as a referrer, and a wrong
 * token, a malformed id and an unknown order all get the same 404 page.
 */
@Path("/orders")
@Tag(name = "pages")
@Produces(MediaType.TEXT_HTML)
public class OrderStatusPage {

    private static final String STYLESHEET = "web/order-status.css";
    private static final DateTimeFormatter READABLE_TIME = DateTimeFormatter
            .ofPattern("d MMMM yyyy, HH:mm 'UTC'", Locale.ENGLISH).withZone(ZoneOffset.UTC);

    /** The page as shown; {@code shop} is null when identity could not name the shop. */
    public record StatusPage(String shop, long orderNumber, String status, String statusClass, String trackingUrl,
            List<Line> lines, String subtotal, String total, List<Step> timeline, String styles) {
    }

    /** A line with its amounts formatted. */
    public record Line(String name, int quantity, String unitPrice, String lineTotal) {
    }

    /** A timeline entry: the status reached, the instant in ISO 8601 (for {@code <time datetime>}) and for people. */
    public record Step(String status, String datetime, String readable, String note, String trackingUrl) {
    }

    /** The 404 page's content. */
    public record NotFound(String styles) {
    }

    @CheckedTemplate
    static class Templates {

        static native TemplateInstance status(StatusPage page);

        static native TemplateInstance notFound(NotFound page);
    }

    private final OrderStatusLookup lookup;
    private final String styles;
    private final String contentSecurityPolicy;

    public OrderStatusPage(OrderStatusLookup lookup) {
        this.lookup = lookup;
        this.styles = stylesheet();
        this.contentSecurityPolicy = "default-src 'none'; style-src 'sha256-" + sha256Base64(styles) + "';"
                + " base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "HTML: the order's status page, for the holder of its access token (the email's link)")
    @APIResponse(responseCode = "200", description = "The status page")
    @APIResponse(responseCode = "404", description = "No such order, or the token does not open it (one page for both)")
    public Response status(@PathParam("id") String id,
            @Parameter(description = "The order's access token, from an order email") @QueryParam("token") String token) {
        Optional<UUID> orderId = OrderIds.parse(id);
        if (orderId.isEmpty() || token == null || token.isEmpty()) {
            return notFound();
        }
        OrderStatusReport report;
        try {
            report = lookup.forTokenHolder(orderId.get(), token);
        } catch (UnknownOrderException e) {
            return notFound();
        }
        String shop = lookup.shopName(report.tenantId()).orElse(null);
        return page(200, Templates.status(view(report, shop)));
    }

    private StatusPage view(OrderStatusReport report, String shop) {
        String currency = report.currency();
        List<Line> lines = report.items().stream().map(item -> new Line(item.name(), item.quantity(),
                Money.format(item.unitPrice(), currency), Money.format(item.lineTotal(), currency))).toList();
        List<Step> timeline = report.timeline().stream().map(step -> new Step(capitalised(step.status()),
                step.at().toString(), READABLE_TIME.format(step.at()), step.note(), step.trackingUrl())).toList();
        String trackingUrl = report.timeline().stream().map(OrderStatusReport.Step::trackingUrl)
                .filter(url -> url != null).reduce((first, second) -> second).orElse(null);
        return new StatusPage(shop, report.orderNumber(), capitalised(report.status()), report.status().value(),
                trackingUrl, lines, Money.format(report.subtotal(), currency), Money.format(report.total(), currency),
                timeline, styles);
    }

    private Response notFound() {
        return page(404, Templates.notFound(new NotFound(styles)));
    }

    /** An HTML answer with the page's headers. */
    private Response page(int status, TemplateInstance page) {
        return Response.status(status).entity(page.render())
                .type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"))
                .header("Cache-Control", "no-store")
                .header("Referrer-Policy", "no-referrer")
                .header("X-Robots-Tag", "noindex, nofollow")
                .header("X-Content-Type-Options", "nosniff")
                .header("X-Frame-Options", "DENY")
                .header("Content-Security-Policy", contentSecurityPolicy)
                .build();
    }

    private static String capitalised(OrderStatus status) {
        String label = status.label();
        return Character.toUpperCase(label.charAt(0)) + label.substring(1);
    }

    private static String stylesheet() {
        try (InputStream css = Thread.currentThread().getContextClassLoader().getResourceAsStream(STYLESHEET)) {
            if (css == null) {
                throw new IllegalStateException(STYLESHEET + " is missing from the application");
            }
            return new String(css.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String sha256Base64(String text) {
        try {
            return Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
