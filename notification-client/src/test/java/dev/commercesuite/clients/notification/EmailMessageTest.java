package dev.commercesuite.clients.notification;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
    void aMessageWithoutRecipientIsRefusedWhenRead() {
        assertThrows(Exception.class, () -> json.readValue("{\"template\":\"welcome\",\"data\":{}}",
                EmailMessage.class));
    }
}
