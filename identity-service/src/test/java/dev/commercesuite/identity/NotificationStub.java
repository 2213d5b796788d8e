package dev.commercesuite.identity;

import dev.commercesuite.defaults.testing.NotificationIntakeStub;

/** notification-service's intake, stubbed (see {@link CapturedEmails}). */
public class NotificationStub extends NotificationIntakeStub {
}
