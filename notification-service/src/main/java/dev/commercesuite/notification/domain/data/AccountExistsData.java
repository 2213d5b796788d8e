package dev.commercesuite.notification.domain.data;

import jakarta.validation.constraints.Size;

/**
 * Data of the {@code account-exists} email, sent when someone signs up with an address that already has an account.
 * The name is optional: the sign-up form's name is the stranger's, not the owner's, so it is never shown.
 */
public record AccountExistsData(@Size(max = 200) String shopName) {
}
