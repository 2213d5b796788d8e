package dev.commercesuite.order.service;

import dev.commercesuite.order.domain.Order;

/**
 * An order just placed, with what only its creation can show: the access token (only its hash is stored) and the
 * status page link that carries it.
 */
public record PlacedOrder(Order order, String accessToken, String statusUrl) {
}
