package dev.commercesuite.order.rest;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

import dev.commercesuite.defaults.problem.Problem;
import dev.commercesuite.defaults.problem.ProblemType;
import dev.commercesuite.defaults.requestid.RequestId;
import dev.commercesuite.order.service.OrderLimitReachedException;
import io.quarkus.runtime.annotations.RegisterForReflection;

/** The problem bodies of order-service's own refusals (docs/errors.md lists them). */
final class OrderProblems {

    private OrderProblems() {
    }

    /** 409 {@code out-of-stock}: {@code errors} name each short line as {@code items[i]}. */
    static Problem outOfStock(List<Integer> shortLines, String path) {
        return new Problem(ProblemType.BASE_URI + "out-of-stock", "Out of stock", 409,
                "Not enough stock for " + shortLines.size() + (shortLines.size() == 1 ? " line" : " lines")
                        + " of this order; nothing was reserved.",
                path, RequestId.current(), shortLines.stream()
                        .map(line -> new Problem.FieldError("items[" + line + "]", "not enough in stock")).toList());
    }

    /** 403 {@code order-limit-reached}, with the limit and when it resets as members of their own. */
    static LimitReached limitReached(OrderLimitReachedException e, String path) {
        return new LimitReached(ProblemType.BASE_URI + "order-limit-reached", "Order limit reached", 403,
                "This shop has taken the " + e.limit() + " orders its plan allows this month; it takes orders"
                        + " again from " + e.resetsAt() + ".",
                path, RequestId.current(), e.limit(), e.resetsAt());
    }

    /** 422 {@code idempotency-key-reused}. */
    static Problem keyReused(String path) {
        return new Problem(ProblemType.BASE_URI + "idempotency-key-reused", "Idempotency key reused", 422,
                "This Idempotency-Key was used for a different request; send a new key with a new request.", path,
                RequestId.current(), null);
    }

    /** 409 {@code idempotency-key-in-use} (sent with {@code Retry-After}). */
    static Problem keyInUse(String path) {
        return new Problem(ProblemType.BASE_URI + "idempotency-key-in-use", "Idempotency key in use", 409,
                "The first request with this Idempotency-Key is still being processed; retry it shortly.", path,
                RequestId.current(), null);
    }

    /**
     * An RFC 9457 problem with two extension members: the monthly {@code limit} and {@code resetsAt}, the first
     * instant of the next UTC month.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @RegisterForReflection
    record LimitReached(String type, String title, int status, String detail, String instance, String requestId,
            int limit, Instant resetsAt) {
    }
}
