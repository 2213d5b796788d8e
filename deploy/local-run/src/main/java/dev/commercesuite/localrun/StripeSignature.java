package dev.commercesuite.localrun;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs a webhook payload the way Stripe does, for './suite pay': {@code StripeSignature [UNIX_SECONDS]} reads the raw
 * payload from standard input and the endpoint's signing secret from the environment variable
 * {@code STRIPE_WEBHOOK_SECRET} (never from the command line, where other users of the machine could read it), and
 * prints the {@code Stripe-Signature} header: {@code t=<seconds>,v1=<hex HMAC-SHA256 of "<seconds>.<payload>">}, keyed
 * with the whole secret, {@code whsec_} included. Several comma-separated secrets (while one is being rotated) give
 * one {@code v1} each, as Stripe sends them. The time is now unless given.
 */
public final class StripeSignature {

    private StripeSignature() {
    }

    public static void main(String[] args) throws IOException {
        String secrets = System.getenv("STRIPE_WEBHOOK_SECRET");
        if (secrets == null || secrets.isBlank() || args.length > 1) {
            System.err.println("usage: STRIPE_WEBHOOK_SECRET=whsec_... StripeSignature [UNIX_SECONDS] < payload");
            System.exit(2);
        }
        long timestamp = args.length == 1 ? Long.parseLong(args[0]) : Instant.now().getEpochSecond();
        System.out.println(header(secrets, timestamp, System.in.readAllBytes()));
    }

    /** The {@code Stripe-Signature} header of {@code payload} sent at {@code timestamp}, one v1 per secret. */
    static String header(String secrets, long timestamp, byte[] payload) {
        List<String> parts = new ArrayList<>();
        parts.add("t=" + timestamp);
        for (String secret : secrets.split(",")) {
            if (!secret.isBlank()) {
                parts.add("v1=" + hmacSha256Hex(secret.strip(), timestamp, payload));
            }
        }
        if (parts.size() == 1) {
            throw new IllegalArgumentException("no webhook secret given");
        }
        return String.join(",", parts);
    }

    private static String hmacSha256Hex(String secret, long timestamp, byte[] payload) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            mac.update((timestamp + ".").getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(mac.doFinal(payload));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available in this JDK", e);
        }
    }
}
