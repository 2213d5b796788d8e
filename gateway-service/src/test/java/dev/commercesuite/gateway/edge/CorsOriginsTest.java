package dev.commercesuite.gateway.edge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

/** The allowlist is checked when the gateway starts: no wildcard (credentials are allowed), only bare origins. */
class CorsOriginsTest {

    @Test
    void aWildcardStopsTheStartWithAMessageThatSaysWhy() {
        for (String wildcard : List.of("*", "https://*.example.com")) {
            IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                    () -> Cors.origins(List.of("http://localhost:3000", wildcard)));
            assertTrue(refused.getMessage().contains("GATEWAY_CORS_ORIGINS"), refused.getMessage());
            assertTrue(refused.getMessage().contains("credentials"), refused.getMessage());
        }
    }

    @Test
    void anEntryThatIsNoOriginStopsTheStart() {
        for (String notAnOrigin : List.of("http://localhost:3000/", "https://shop.example.com/app", "localhost:3000",
                "ftp://files.example.com", "https://user@shop.example.com", "null")) {
            IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                    () -> Cors.origins(List.of(notAnOrigin)), notAnOrigin);
            assertTrue(refused.getMessage().contains(notAnOrigin), refused.getMessage());
        }
    }

    @Test
    void originsAreKeptAsBrowsersSendThem() {
        assertEquals(Set.of("http://localhost:3000", "https://shop.example.com"),
                Cors.origins(List.of(" http://localhost:3000", "HTTPS://Shop.Example.com", "")));
    }
}
