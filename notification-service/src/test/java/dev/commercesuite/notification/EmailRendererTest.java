package dev.commercesuite.notification;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import dev.commercesuite.defaults.problem.Problem;
import dev.commercesuite.notification.domain.EmailTemplate;
import dev.commercesuite.notification.service.EmailRenderer;
import dev.commercesuite.defaults.problem.InvalidRequestException;
import dev.commercesuite.notification.service.MoneyFormat;
import dev.commercesuite.notification.service.RenderedEmail;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class EmailRendererTest {

    @Inject
    EmailRenderer renderer;

    @ParameterizedTest
    @EnumSource(EmailTemplate.class)
    void everyTemplateRendersSubjectHtmlAndText(EmailTemplate template) {
        RenderedEmail email = renderer.render(template, "en", null, EmailSamples.json(EmailSamples.data(template.id())));
        assertFalse(email.subject().isBlank());
        assertFalse(email.subject().contains("\n"));
        assertTrue(email.html().startsWith("<!DOCTYPE html>"), email.html());
        assertTrue(email.html().contains("</html>"));
        assertFalse(email.text().contains("<p>"), email.text());
        assertFalse(email.text().isBlank());
        assertFalse(email.html().contains("{"), "an unrendered expression: " + email.html());
    }

    @Test
    void linksAreBuiltFromThePublicUrl() {
        RenderedEmail email = render(EmailTemplate.VERIFY_EMAIL, EmailSamples.data("verify-email"));
        String link = "https://shop.example.test/verify-email?token=" + EmailSamples.TOKEN;
        assertTrue(email.html().contains("href=\"" + link + "\""), email.html());
        assertTrue(email.text().contains(link), email.text());
    }

    @Test
    void userValuesAreEscapedInHtml() {
        Map<String, Object> data = new HashMap<>(EmailSamples.data("order-cancelled"));
        data.put("name", "<script>alert('x')</script>");
        data.put("reason", "\"><img src=x onerror=alert(1)>");
        RenderedEmail email = render(EmailTemplate.ORDER_CANCELLED, data);
        assertFalse(email.html().contains("<script>"), email.html());
        assertFalse(email.html().contains("<img"), email.html());
        assertTrue(email.html().contains("&lt;script&gt;"), email.html());
        // the plain-text part shows the name as typed: text is not HTML
        assertTrue(email.text().contains("<script>alert('x')</script>"));
    }

    @Test
    void subjectIsOneLineEvenWhenDataHasLineBreaks() {
        Map<String, Object> data = new HashMap<>(EmailSamples.data("welcome"));
        data.put("name", "Ada\r\nBcc: victim@example.com");
        RenderedEmail email = render(EmailTemplate.WELCOME, data);
        assertFalse(email.subject().contains("\n") || email.subject().contains("\r"), email.subject());
    }

    @Test
    void moneyUsesTheCurrencysFractionDigits() {
        assertEquals("JPY 1,234", MoneyFormat.format(1234L, "JPY"));
        assertEquals("EUR 12.34", MoneyFormat.format(1234L, "EUR"));
        assertEquals("BHD 1.234", MoneyFormat.format(1234L, "BHD"));
        assertEquals("USD 0.05", MoneyFormat.format(5L, "USD"));
    }

    @Test
    void orderConfirmationShowsItemsAndTotals() {
        Map<String, Object> data = new HashMap<>(EmailSamples.data("order-confirmation"));
        data.put("currency", "JPY");
        RenderedEmail email = render(EmailTemplate.ORDER_CONFIRMATION, data);
        assertTrue(email.html().contains("Brass gear"));
        assertTrue(email.html().contains("JPY 2,500"), email.html()); // 2 x 1250 yen
        assertTrue(email.html().contains("JPY 3,399"), email.html());
        assertTrue(email.text().contains("- Brass gear x 2 @ JPY 1,250 = JPY 2,500"), email.text());
        assertEquals("Order A-1001 confirmed", email.subject());
    }

    @Test
    void statusUpdateLinksTheTrackingUrlOnlyWhenGiven() {
        Map<String, Object> data = new HashMap<>(EmailSamples.data("order-status-update"));
        assertTrue(render(EmailTemplate.ORDER_STATUS_UPDATE, data).html().contains("https://tracking.example.com/t/123"));
        data.remove("trackingUrl");
        assertFalse(render(EmailTemplate.ORDER_STATUS_UPDATE, data).html().contains("Track the shipment"));
    }

    @Test
    void missingAndMalformedFieldsAreNamed() {
        Map<String, Object> data = new HashMap<>(EmailSamples.data("order-confirmation"));
        data.remove("name");
        data.put("currency", "XXY");
        data.put("items", List.of(Map.of("name", "Gear", "quantity", 0, "unitPrice", 10)));
        InvalidRequestException e = assertThrows(InvalidRequestException.class,
                () -> render(EmailTemplate.ORDER_CONFIRMATION, data));
        assertEquals(List.of("data.items[0].quantity", "data.name"),
                e.errors().stream().map(Problem.FieldError::field).toList());
    }

    @Test
    void unknownCurrencyIsRefused() {
        Map<String, Object> data = new HashMap<>(EmailSamples.data("order-confirmation"));
        data.put("currency", "ABC");
        InvalidRequestException e = assertThrows(InvalidRequestException.class,
                () -> render(EmailTemplate.ORDER_CONFIRMATION, data));
        assertEquals("data.currency", e.errors().get(0).field());
    }

    @Test
    void trackingLinkMustBeHttps() {
        Map<String, Object> data = new HashMap<>(EmailSamples.data("order-status-update"));
        data.put("trackingUrl", "javascript:alert(1)");
        InvalidRequestException e = assertThrows(InvalidRequestException.class,
                () -> render(EmailTemplate.ORDER_STATUS_UPDATE, data));
        assertEquals("data.trackingUrl", e.errors().get(0).field());
    }

    @Test
    void unknownLocaleFallsBackToEnglish() {
        assertEquals("en", renderer.resolveLocale(EmailTemplate.WELCOME, "de-AT"));
        assertThrows(InvalidRequestException.class, () -> renderer.resolveLocale(EmailTemplate.WELCOME, "../x"));
    }

    @ParameterizedTest
    @EnumSource(EmailTemplate.class)
    void everyTemplateIsHeadedByTheShopsNameWhenItHasOne(EmailTemplate template) {
        RenderedEmail email = renderer.render(template, "en", "Café Ünïcode",
                EmailSamples.json(EmailSamples.data(template.id())));
        assertTrue(email.html().contains("font-weight:600;color:#1f2328;\">Café Ünïcode</p>"), email.html());
        assertTrue(email.html().contains("an account or order at Café Ünïcode."), email.html());
        assertFalse(email.html().contains("Commerce Suite"), email.html());
        assertTrue(email.text().startsWith("Café Ünïcode\n\n"), email.text());
        assertTrue(email.text().contains("an account or order at Café Ünïcode."), email.text());
        assertFalse(email.text().contains("Commerce Suite"), email.text());
    }

    @Test
    void withoutAShopTheSuiteHeadsTheEmail() {
        RenderedEmail email = render(EmailTemplate.WELCOME, EmailSamples.data("welcome"));
        assertTrue(email.html().contains("font-weight:600;color:#1f2328;\">Commerce Suite</p>"), email.html());
        assertTrue(email.text().startsWith("Commerce Suite\n\n"), email.text());
        assertTrue(email.text().contains("at a shop that runs on Commerce Suite."), email.text());
    }

    @Test
    void theShopsNameIsEscapedInHtml() {
        RenderedEmail email = renderer.render(EmailTemplate.WELCOME, "en", "<b>Bold</b> & \"Co\"",
                EmailSamples.json(EmailSamples.data("welcome")));
        assertFalse(email.html().contains("<b>Bold</b>"), email.html());
        assertTrue(email.html().contains("&lt;b&gt;Bold&lt;/b&gt; &amp; &quot;Co&quot;"), email.html());
        assertTrue(email.text().startsWith("<b>Bold</b> & \"Co\"\n"), email.text());
    }

    private RenderedEmail render(EmailTemplate template, Map<String, Object> data) {
        return renderer.render(template, "en", null, EmailSamples.json(data));
    }
}
