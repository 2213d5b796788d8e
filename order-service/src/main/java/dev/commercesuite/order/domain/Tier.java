package dev.commercesuite.order.domain;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;

/** A shop's plan, as identity-service reports it; it decides how many orders the shop may take each month. */
public enum Tier {
    STARTER(100),
    PRO(1_000),
    STUDIO(-1);

    private final int monthlyOrders;

    Tier(int monthlyOrders) {
        this.monthlyOrders = monthlyOrders;
    }

    /** Orders the shop may take per UTC calendar month; empty when unlimited. */
    public OptionalInt monthlyOrderLimit() {
        return monthlyOrders < 0 ? OptionalInt.empty() : OptionalInt.of(monthlyOrders);
    }

    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Tier> parse(String value) {
        return value == null ? Optional.empty()
                : Arrays.stream(values()).filter(tier -> tier.value().equals(value)).findFirst();
    }
}
