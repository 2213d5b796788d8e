package dev.commercesuite.notification.domain.data;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * Data of the {@code verify-email} and {@code password-reset} emails: the recipient's name and the one-time token the
 * link carries. The link itself is built from {@code suite.public-url}, never from anything a caller sends.
 */
public record TokenLinkData(@NotBlank @Size(max = 200) String name,
        @NotBlank @Pattern(regexp = "[A-Za-z0-9_-]{16,256}", message = "must be a URL-safe token of 16 to 256 characters") String token) {
}
