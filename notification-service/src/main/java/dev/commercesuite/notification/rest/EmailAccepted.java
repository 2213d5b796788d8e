package dev.commercesuite.notification.rest;

import java.util.UUID;

/** The answer to an accepted email: its id and status. */
public record EmailAccepted(UUID id, String status) {
}
