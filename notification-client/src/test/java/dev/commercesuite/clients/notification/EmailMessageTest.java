package dev.commercesuite.clients.notification;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

/** The typed messages serialise to the body notification-service's intake reads, and read back from the outbox. */
class EmailMessageTest {

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void eachFactoryWritesItsTemplateAndData() throws Exception {
        assertEquals("{\"template\":\"verify-email\",\"to\":\"ada@example.com\",\"tenantId\":\"t-1\","
                + "\"data\":{\"name\":\"Ada\",\"token\":\"abcdefghijklmnopq\"}}",
                json.writeValueAsString(EmailMessage.verifyEmail("ada@example.com", "t-1", "Ada", "abcdefghijklmnopq")));
        assertEquals("{\"template\":\"account-locked\",\"to\":\"ada@example.com\",\"tenantId\":\"t-1\","
                + "\"data\":{\"name\":\"Ada\",\"minutes\":15}}",
                json.writeValueAsString(EmailMessage.accountLocked("ada@example.com", "t-1", "Ada", 15)));
        assertEquals("{\"template\":\"welcome\",\"to\":\"ada@example.com\",\"locale\":\"de\",\"tenantId\":\"t-1\","
                + "\"data\":{\"name\":\"Ada\"}}",
                json.writeValueAsString(EmailMessage.welcome("ada@example.com", "t-1", "Ada").withLocale("de")));
    }

    @Test
    void aQueuedMessageReadsBackAsTheSameBody() throws Exception {
        String queued = json.writeValueAsString(EmailMessage.accountExists("ada@example.com", "t-1", "Ada's shop"));
        assertEquals(queued, json.writeValueAsString(json.readValue(queued, EmailMessage.class)));
    }

    @Test
    void theShopsNameTravelsWithTheMessageAndReadsBack() throws Exception {
        EmailMessage message = EmailMessage.welcome("ada@example.com", "t-1", "Ada").withShop("Café Ünïcode")
                .withLocale("de");
        String queued = json.writeValueAsString(message);
        assertEquals("{\"template\":\"welcome\",\"to\":\"ada@example.com\",\"locale\":\"de\",\"tenantId\":\"t-1\","
                + "\"shopName\":\"Café Ünïcode\",\"data\":{\"name\":\"Ada\"}}", queued);
        assertEquals(queued, json.writeValueAsString(json.readValue(queued, EmailMessage.class)));
    }

    @Test
    void anyShopNameIsMadeToFitWhatTheIntakeTakes() {
        assertEquals("Shop Bcc: victim@example.com",
                EmailMessage.welcome("a@example.com", "t", "A").withShop("Shop\r\nBcc: victim@example.com").shopName());
        assertEquals("Tab Shop", EmailMessage.fitShopName(" \tTab\u0000\u0085Shop\u2028 "));
        assertEquals("Two spaces", EmailMessage.fitShopName("Two  spaces"));
        assertNull(EmailMessage.fitShopName(" \r\n "));
        assertNull(EmailMessage.fitShopName(null));
        String fits = "é".repeat(200);
        assertEquals(fits, EmailMessage.fitShopName(fits));
        assertEquals(fits, EmailMessage.fitShopName(fits + "é"));
        // cut between code points, never inside a surrogate pair
        assertEquals("🫖".repeat(200), EmailMessage.fitShopName("🫖".repeat(201)));
        assertNull(EmailMessage.welcome("a@example.com", "t", "A").withShop("   ").shopName());
    }

    @Test
    void aMessageWithoutRecipientIsRefusedWhenRead() {
        assertThrows(Exception.class, () -> json.readValue("{\"template\":\"welcome\",\"data\":{}}",
                EmailMessage.class));
    }
}
