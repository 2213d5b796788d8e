package dev.commercesuite.defaults.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/** Writes a fresh RSA key pair as PEM files, the form the services read their JWT keys in. */
public final class TestKeys {

    public record Pair(Path privateKey, Path publicKey) {
    }

    private TestKeys() {
    }

    public static Pair write(Path dir) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            KeyPair pair = generator.generateKeyPair();
            Path privateKey = Files.writeString(dir.resolve("jwt-private.pem"),
                    pem("PRIVATE KEY", pair.getPrivate().getEncoded()));
            Path publicKey = Files.writeString(dir.resolve("jwt-public.pem"),
                    pem("PUBLIC KEY", pair.getPublic().getEncoded()));
            return new Pair(privateKey, publicKey);
        } catch (NoSuchAlgorithmException | IOException e) {
            throw new IllegalStateException("Cannot write test keys", e);
        }
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }
}
