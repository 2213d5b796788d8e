package dev.commercesuite.order.domain;

import java.math.BigDecimal;
import java.util.Currency;
import java.util.Locale;
import java.util.Optional;

/** Amounts are {@code long} minor units of an ISO 4217 currency; this knows the currencies and how to show them. */
public final class Money {

    private Money() {
    }

    /** The ISO 4217 currency for a three-letter upper-case code, if it is one. */
    public static Optional<Currency> currency(String code) {
        if (code == null || !code.matches("[A-Z]{3}")) {
            return Optional.empty();
        }
        try {
            Currency currency = Currency.getInstance(code);
            return currency.getDefaultFractionDigits() < 0 ? Optional.empty() : Optional.of(currency);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** {@code minor} units of {@code code} as a decimal with the currency's own fraction digits (JPY has none). */
    public static BigDecimal amount(long minor, String code) {
        int digits = currency(code).map(Currency::getDefaultFractionDigits).orElse(2);
        return BigDecimal.valueOf(minor, digits);
    }

    /** For people: {@code 1234 EUR} reads {@code EUR 12.34}, {@code 1234 JPY} reads {@code JPY 1,234}. */
    public static String format(long minor, String code) {
        return String.format(Locale.ROOT, "%s %,." + amount(minor, code).scale() + "f", code, amount(minor, code));
    }
}
