package dev.commercesuite.order.rest;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;

import dev.commercesuite.order.service.OrderStatusReport;

/** An order as its customer follows it: number, status, totals in minor units, lines and the timeline. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record OrderStatusView(long orderNumber, String status, String currency, long subtotal, long total,
        Instant paidAt, String paymentFailure, List<Item> items, List<Step> timeline) {

    public record Item(UUID productId, String name, int quantity, long unitPrice, long lineTotal) {
    }

    /** One change of status; the note and the tracking link appear only when given. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Step(String status, Instant at, String note, String trackingUrl) {
    }

    static OrderStatusView of(OrderStatusReport report) {
        return new OrderStatusView(report.orderNumber(), report.status().value(), report.currency(),
                report.subtotal(), report.total(), report.paidAt(), report.paymentFailure(),
                report.items().stream().map(line -> new Item(line.productId(), line.name(), line.quantity(),
                        line.unitPrice(), line.lineTotal())).toList(),
                report.timeline().stream().map(step -> new Step(step.status().value(), step.at(), step.note(),
                        step.trackingUrl())).toList());
    }
}
