package dev.commercesuite.defaults.security;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import java.util.UUID;

import org.junit.jupiter.api.Test;

class TokenClaimsTest {

    private static final UUID ID = UUID.fromString("01a21472-dd74-7240-a2fe-f1e3fb5e4667");

    @Test
    void jsonStringClaimsLoseTheirQuotes() {
        assertEquals(Optional.of("shop"), TokenClaims.text("\"shop\""));
        assertEquals(Optional.of(ID), TokenClaims.uuid("\"" + ID + "\""));
        assertEquals(Optional.of(ID), TokenClaims.uuid(ID.toString()));
    }

    @Test
    void absentBlankAndMalformedClaimsAreEmpty() {
        assertEquals(Optional.empty(), TokenClaims.text(null));
        assertEquals(Optional.empty(), TokenClaims.text("\"\""));
        assertEquals(Optional.empty(), TokenClaims.uuid("not-a-uuid"));
        assertEquals(Optional.empty(), TokenClaims.uuid(null));
    }
}
