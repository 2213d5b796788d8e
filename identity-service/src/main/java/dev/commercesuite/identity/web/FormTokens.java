package dev.commercesuite.identity.web;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Locale;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.NewCookie;

import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * CSRF protection for the account pages' forms, without server state (double-submit cookie): each form page sets a
 * fresh random token in a {@code __Host-} cookie (Secure, HttpOnly, SameSite=Strict, path {@code /}) and in a hidden
 * field; a form post is accepted only when both are present and equal (compared in constant time), and when the
 * browser's {@code Origin} and {@code Sec-Fetch-Site} headers, if it sends them, say the post came from this site
 * ({@code Origin: null}, which browsers send for posts from a no-referrer page, says nothing either way).
 * Another site can neither read the cookie nor set it, so it cannot forge a matching pair.
 */
@ApplicationScoped
public class FormTokens {

    public static final String COOKIE = "__Host-csrf";
    public static final String FIELD = "csrf";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final String publicOrigin;

    public FormTokens(@ConfigProperty(name = "suite.public-url", defaultValue = "http://localhost:8080") String publicUrl) {
        this.publicOrigin = origin(publicUrl);
    }

    /** A new token for one form. */
    public String issue() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    public NewCookie cookie(String token) {
        return new NewCookie.Builder(COOKIE).value(token).path("/").secure(true).httpOnly(true)
                .sameSite(NewCookie.SameSite.STRICT).build();
    }

    /**
     * Whether a form post may be acted on: the cookie and the field carry the same token, and the browser did not say
     * the request came from another site. {@code host} is the request's Host header.
     */
    public boolean accepts(String cookie, String field, String originHeader, String secFetchSite, String host) {
        if (cookie == null || field == null || cookie.length() != field.length() || cookie.length() < 32) {
            return false;
        }
        if (!MessageDigest.isEqual(cookie.getBytes(StandardCharsets.US_ASCII), field.getBytes(StandardCharsets.US_ASCII))) {
            return false;
        }
        if (secFetchSite != null && !secFetchSite.equals("same-origin") && !secFetchSite.equals("none")) {
            return false;
        }
        if (originHeader == null) {
            return true; // older browsers and non-browser clients: the token pair is the protection
        }
        if (originHeader.equals("null")) {
            // the pages' Referrer-Policy (no-referrer) makes browsers send "Origin: null" with their own form posts;
            // an opaque origin names no site, so the token pair decides, with Sec-Fetch-Site (checked above) where
            // the browser sends it: a sandboxed frame of another site says cross-site there
            return true;
        }
        String origin = originHeader.toLowerCase(Locale.ROOT);
        return origin.equals(publicOrigin) || (host != null && (origin.equals("https://" + host.toLowerCase(Locale.ROOT))
                || origin.equals("http://" + host.toLowerCase(Locale.ROOT))));
    }

    private static String origin(String url) {
        try {
            URI uri = URI.create(url.strip());
            return (uri.getScheme() + "://" + uri.getRawAuthority()).toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException e) {
            return "";
        }
    }
}
