package dev.commercesuite.notification;

import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Valid sample data for every template, as a calling service would send it. */
final class EmailSamples {

    static final ObjectMapper JSON = new ObjectMapper();
    static final String TOKEN = "tok_0123456789abcdefABCDEF";

    private EmailSamples() {
    }

    static Map<String, Object> data(String template) {
        return switch (template) {
            case "welcome", "password-changed" -> Map.of("name", "Ada Lovelace");
            case "verify-email", "password-reset" -> Map.of("name", "Ada Lovelace", "token", TOKEN);
            case "account-exists" -> Map.of("shopName", "Analytical Engines");
            case "account-locked" -> Map.of("name", "Ada Lovelace", "minutes", 1);
            case "order-confirmation" -> Map.of("name", "Ada Lovelace", "orderNumber", "A-1001",
                    "orderId", "0190f0a2-7b1c-7d3e-9f00-123456789abc", "accessToken", TOKEN, "currency", "EUR",
                    "items", java.util.List.of(Map.of("name", "Brass gear", "quantity", 2, "unitPrice", 1250),
                            Map.of("name", "Punch cards", "quantity", 1, "unitPrice", 399)),
                    "subtotal", 2899, "shipping", 500, "total", 3399);
            case "order-status-update" -> Map.of("name", "Ada Lovelace", "orderNumber", "A-1001",
                    "orderId", "0190f0a2-7b1c-7d3e-9f00-123456789abc", "accessToken", TOKEN, "status", "shipped",
                    "trackingUrl", "https://tracking.example.com/t/123");
            case "order-cancelled" -> Map.of("name", "Ada Lovelace", "orderNumber", "A-1001",
                    "orderId", "0190f0a2-7b1c-7d3e-9f00-123456789abc", "accessToken", TOKEN,
                    "reason", "Out of stock");
            default -> throw new IllegalArgumentException(template);
        };
    }

    static JsonNode json(Map<String, Object> data) {
        return JSON.valueToTree(data);
    }

    static Map<String, Object> request(String template, String to) {
        return Map.of("template", template, "to", to, "tenantId", "tenant-a", "data", data(template));
    }
}
