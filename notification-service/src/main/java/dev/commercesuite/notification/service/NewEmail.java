package dev.commercesuite.notification.service;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * An email a client asks for, as the intake receives it: the template's name, the recipient, an optional locale,
 * tenant and shop name, and the template's data (bound and validated when it is rendered). Its components are those
 * of the request body, so its hash for idempotency is the body's; an absent shop name is left out of the hash, so a
 * request hashes as it did before the field existed.
 */
public record NewEmail(String template, String to, String locale, String tenantId,
        @JsonInclude(JsonInclude.Include.NON_NULL) String shopName, JsonNode data) {
}
