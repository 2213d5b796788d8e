package dev.commercesuite.localrun;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/**
 * Generates the development JWT signing key pair on first run: {@code DevKeys DIR} writes DIR/jwt-private.pem
 * (PKCS#8, readable by the owner only) and DIR/jwt-public.pem, unless both exist. DIR is git-ignored: dev keys are
 * never committed, and production keys never come from here.
 */
public final class DevKeys {

    private DevKeys() {
    }

    public static void main(String[] args) throws IOException, NoSuchAlgorithmException {
        Path dir = Path.of(args.length > 0 ? args[0] : ".run/keys");
        Path privateKey = dir.resolve("jwt-private.pem");
        Path publicKey = dir.resolve("jwt-public.pem");
        if (Files.exists(privateKey) && Files.exists(publicKey)) {
            return;
        }
        Files.createDirectories(dir);
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        KeyPair pair = generator.generateKeyPair();
        Files.writeString(privateKey, pem("PRIVATE KEY", pair.getPrivate().getEncoded()));
        Files.setPosixFilePermissions(privateKey, PosixFilePermissions.fromString("rw-------"));
        Files.writeString(publicKey, pem("PUBLIC KEY", pair.getPublic().getEncoded()));
        System.out.println("generated dev JWT keys in " + dir);
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n"
                + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }
}
