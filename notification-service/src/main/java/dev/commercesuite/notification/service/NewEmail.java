package dev.commercesuite.notification.service;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * An email a client asks for, as the intake receives it: the template's name, the recipient, an optional locale and
 * tenant, and the template's data (bound and validated when it is rendered). Its components are those of the
 * request body, so its hash for idempotency is the body's.
 */
public record NewEmail(String template, String to, String locale, String tenantId, JsonNode data) {
}
