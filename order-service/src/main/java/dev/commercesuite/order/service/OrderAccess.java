package dev.commercesuite.order.service;

import java.util.Objects;

import dev.commercesuite.order.domain.Caller;

/** Who asks to see or change an order, and so which orders they reach. */
public sealed interface OrderAccess {

    /** A signed-in user of a shop: staff and admins reach all the shop's orders, a customer only their own. */
    record Member(Caller caller) implements OrderAccess {

        public Member {
            Objects.requireNonNull(caller, "caller");
        }
    }

    /** Whoever holds one of the order's access tokens: a guest following the link in an order email. */
    record TokenHolder(String token) implements OrderAccess {

        public TokenHolder {
            Objects.requireNonNull(token, "token");
        }

        @Override
        public String toString() {
            return "TokenHolder[token=(hidden)]";
        }
    }
}
