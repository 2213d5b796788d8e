package dev.commercesuite.order.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.util.Optional;

import org.junit.jupiter.api.Test;

/** Minor units shown with each currency's own fraction digits. */
class MoneyTest {

    @Test
    void amountsUseTheCurrencysOwnFractionDigits() {
        assertEquals("EUR 12.34", Money.format(1234, "EUR"));
        assertEquals("EUR 0.05", Money.format(5, "EUR"));
        assertEquals("USD 1,234,567.89", Money.format(123456789, "USD"));
        assertEquals("JPY 1,234", Money.format(1234, "JPY"));
        assertEquals("KWD 1.234", Money.format(1234, "KWD"));
        assertEquals(new BigDecimal("12.34"), Money.amount(1234, "EUR"));
        assertEquals(new BigDecimal("1234"), Money.amount(1234, "JPY"));
    }

    @Test
    void onlyIso4217CodesAreCurrencies() {
        assertEquals("EUR", Money.currency("EUR").orElseThrow().getCurrencyCode());
        assertEquals(Optional.empty(), Money.currency("eur"));
        assertEquals(Optional.empty(), Money.currency("EURO"));
        assertEquals(Optional.empty(), Money.currency("ABC"));
        assertEquals(Optional.empty(), Money.currency("XXX"), "no currency has no fraction digits to show");
        assertEquals(Optional.empty(), Money.currency(null));
    }
}
