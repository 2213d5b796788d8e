package dev.commercesuite.notification;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.mail.internet.InternetAddress;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import dev.commercesuite.notification.client.ShopSender;

/** The From header for a shop reads back, through jakarta.mail, as the shop's name over the configured address. */
class ShopSenderTest {

    private final ShopSender sender = new ShopSender("Commerce Suite <no-reply@commercesuite.dev>");

    @ParameterizedTest
    @ValueSource(strings = {"Analytical Engines", "Café Ünïcode", "Bob's \"Best\", Shop <x@y.z> (since 1843)",
            "=?UTF-8?B?UGF5UGFsIFNlY3VyaXR5?=", "Tea =? Time", "東京の本屋", "🫖 Teapots & Co.", "back\\slash",
            "A very long name for a shop that sells many things, 1843 of them in fact, all of them brass gears of"
                    + " every size and shape one could want in an analytical engine, and then punch cards too!"})
    void theHeaderReadsBackAsTheShopsNameAndTheConfiguredAddress(String name) throws Exception {
        String header = sender.header(name);
        InternetAddress parsed = InternetAddress.parseHeader(header.replace("\r\n ", " "), true)[0];
        assertEquals(name, parsed.getPersonal(), header);
        assertEquals("no-reply@commercesuite.dev", parsed.getAddress());
        assertTrue(header.chars().allMatch(c -> c < 128), "only ASCII goes into the header: " + header);
        // a CR appears only in a fold (CRLF and a space), never alone, and never ends the value
        assertEquals(header.replace("\r\n ", "").indexOf('\r'), -1, header);
        assertEquals(header.replace("\r\n ", "").indexOf('\n'), -1, header);
    }

    @Test
    void aNameThatLooksLikeAnEncodedWordIsShownAsTyped() throws Exception {
        String header = sender.header("=?UTF-8?B?UGF5UGFsIFNlY3VyaXR5?=");
        assertTrue(header.startsWith("=?UTF-8?B?PT9VVEYtOD9CP1VHRjVVR0ZzSUZObFkzVnlhWFI1Pz0=?="), header);
        assertEquals("=?UTF-8?B?UGF5UGFsIFNlY3VyaXR5?=", InternetAddress.parseHeader(header, true)[0].getPersonal());
    }

    @ParameterizedTest
    @ValueSource(strings = {"encoded", "=?forced"})
    void aLongNameIsFoldedIntoShortLines(String kind) throws Exception {
        String name = (kind.startsWith("=?") ? kind : "") + "Ü".repeat(100) + " " + "🫖".repeat(90);
        String header = sender.header(name);
        String[] lines = ("From: " + header).split("\r\n");
        assertTrue(lines.length > 10, header);
        for (String line : lines) {
            assertTrue(line.length() <= 81, line.length() + ": " + line);
        }
        assertEquals(name, InternetAddress.parseHeader(header.replace("\r\n ", " "), true)[0].getPersonal());
    }

    @ParameterizedTest
    @ValueSource(strings = {"Shop\r\nBcc: victim@example.com", "Shop\nX: y", "Shop\tTab", "Shop\u2028Line", "\u0000"})
    void controlCharactersNeverReachTheHeader(String name) {
        assertThrows(IllegalArgumentException.class, () -> sender.header(name));
    }

    @Test
    void theConfiguredSenderMayBeABareAddressButMustBeAnAddress() {
        assertEquals("ops@example.com", new ShopSender("ops@example.com").address());
        assertThrows(IllegalArgumentException.class, () -> new ShopSender("not an address"));
    }
}
