package dev.commercesuite.localrun;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Instant;
import java.util.Base64;

/**
 * Prints an access token signed with the dev key, for trying the suite's protected endpoints by hand before
 * identity-service issues real ones: {@code DevToken KEY_DIR service CLIENT_ID} or
 * {@code DevToken KEY_DIR admin|staff|customer USER_ID TENANT}. Valid for 15 minutes; only services started by
 * './suite up' (which trust the dev key) accept it.
 */
public final class DevToken {

    private static final String ISSUER = "https://commercesuite.dev";
    /** The kid identity publishes the dev key under (IDENTITY_TOKENS_KEY_ID's default): the gateway checks it. */
    private static final String KEY_ID = "identity-1";

    private DevToken() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 3 || ("service".equals(args[1]) != (args.length == 3))) {
            System.err.println("usage: DevToken KEY_DIR service CLIENT_ID | DevToken KEY_DIR admin|staff|customer USER_ID TENANT");
            System.exit(2);
        }
        String group = args[1];
        String subject = args[2];
        long now = Instant.now().getEpochSecond();
        String claims = "{\"iss\":\"" + json(ISSUER) + "\",\"sub\":\"" + json(subject) + "\",\"upn\":\"" + json(subject)
                + "\",\"groups\":[\"" + json(group) + "\"]"
                + (args.length > 3 ? ",\"tenant\":\"" + json(args[3]) + "\"" : "")
                + ",\"iat\":" + now + ",\"exp\":" + (now + 900) + "}";
        System.out.println(sign(claims, privateKey(Path.of(args[0], "jwt-private.pem"))));
    }

    private static String sign(String claims, PrivateKey key) throws Exception {
        Base64.Encoder base64 = Base64.getUrlEncoder().withoutPadding();
        String header = base64.encodeToString(("{\"alg\":\"RS256\",\"typ\":\"JWT\",\"kid\":\"" + KEY_ID + "\"}")
                .getBytes(StandardCharsets.UTF_8));
        String payload = base64.encodeToString(claims.getBytes(StandardCharsets.UTF_8));
        Signature signature = Signature.getInstance("SHA256withRSA");
        signature.initSign(key);
        signature.update((header + "." + payload).getBytes(StandardCharsets.US_ASCII));
        return header + "." + payload + "." + base64.encodeToString(signature.sign());
    }

    private static PrivateKey privateKey(Path pem) throws Exception {
        String base64 = Files.readString(pem).replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64)));
    }

    private static String json(String value) {
        return value.replace("\\", "\\\\").replace("\"", "\\\"");
    }
}
