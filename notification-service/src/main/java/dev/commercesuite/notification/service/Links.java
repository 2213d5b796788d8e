package dev.commercesuite.notification.service;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * The links emails carry, all built from the configured public URL of the suite ({@code suite.public-url}), never
 * from a request header or anything a caller sends but the tokens and ids, which are URL-encoded.
 */
public record Links(String home) {

    public Links {
        home = home.endsWith("/") ? home.substring(0, home.length() - 1) : home;
    }

    public String verifyEmail(String token) {
        return home + "/verify-email?token=" + encode(token);
    }

    public String resetPassword(String token) {
        return home + "/reset-password?token=" + encode(token);
    }

    public String forgotPassword() {
        return home + "/forgot-password";
    }

    public String order(String orderId, String accessToken) {
        return home + "/orders/" + encode(orderId) + "?token=" + encode(accessToken);
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
