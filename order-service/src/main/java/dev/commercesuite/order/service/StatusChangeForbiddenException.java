package dev.commercesuite.order.service;

/** The caller reaches the order but may not make this change: a customer may only cancel, and without a tracking URL. */
public class StatusChangeForbiddenException extends RuntimeException {

    public StatusChangeForbiddenException(String reason) {
        super(reason, null, false, false);
    }
}
