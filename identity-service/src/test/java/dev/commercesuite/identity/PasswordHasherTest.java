package dev.commercesuite.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.password4j.Argon2Function;
import com.password4j.Password;
import com.password4j.types.Argon2;

import dev.commercesuite.identity.service.PasswordHasher;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class PasswordHasherTest {

    @Inject
    PasswordHasher hasher;

    @Test
    void storesArgon2idWithTheOwaspParameters() {
        String hash = hasher.hash("correct horse battery staple");
        assertTrue(hash.startsWith("$argon2id$v=19$m=19456,t=2,p=1$"), hash);
        assertNotEquals(hash, hasher.hash("correct horse battery staple"), "salts must differ");
    }

    @Test
    void verifiesTheRightPasswordOnly() {
        String hash = hasher.hash("Tr0ub4dor&3-but-longer");
        assertEquals(new PasswordHasher.Verification(true, false), hasher.verify("Tr0ub4dor&3-but-longer", hash));
        assertFalse(hasher.verify("Tr0ub4dor&3-but-longeR", hash).matches());
        assertFalse(hasher.verify("", hash).matches());
    }

    @Test
    void weakerOldHashesVerifyAndAskForARehash() {
        String old = Password.hash("an older password 123").addRandomSalt(16)
                .with(Argon2Function.getInstance(4096, 1, 1, 32, Argon2.ID)).getResult();
        assertEquals(new PasswordHasher.Verification(true, true), hasher.verify("an older password 123", old));
        assertEquals(new PasswordHasher.Verification(false, false), hasher.verify("wrong", old));
    }

    @Test
    void malformedStoredHashMatchesNothing() {
        assertFalse(hasher.verify("anything", "not-a-hash").matches());
        assertFalse(hasher.verify("anything", "$argon2id$v=19$m=19456,t=2,p=1$broken").matches());
    }
}
