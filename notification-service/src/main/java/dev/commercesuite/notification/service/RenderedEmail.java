package dev.commercesuite.notification.service;

/** An email ready to send: a one-line subject and the HTML and plain-text bodies. */
public record RenderedEmail(String subject, String html, String text) {
}
