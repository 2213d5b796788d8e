package dev.commercesuite.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.commercesuite.defaults.problem.Problem;
import dev.commercesuite.identity.service.PasswordPolicy;

class PasswordPolicyTest {

    private final PasswordPolicy policy = new PasswordPolicy();

    @Test
    void acceptsALongMixedUncommonPassword() {
        assertEquals(List.of(), messages("Quiet-Harbor-Lantern-42", "ada@example.com", "analytical"));
    }

    @Test
    void listsEveryRuleThatFailed() {
        List<String> messages = messages("adaada", "ada@example.com", "analytical");
        assertEquals(List.of("must be 12 to 128 characters long",
                "must mix at least 3 of: lowercase letters, uppercase letters, digits, symbols",
                "must not contain your email address"), messages);
    }

    @Test
    void refusesCommonPasswordsWhateverTheirCase() {
        assertTrue(messages("Password1234", "x@example.com", "shop").contains("is one of the most common passwords"));
        assertTrue(messages("QWERTYUIOP123", "x@example.com", "shop").contains("is one of the most common passwords"));
    }

    @Test
    void bundledListHasAtLeastTenThousandPasswords() {
        assertTrue(policy.commonPasswordCount() >= 10_000, "only " + policy.commonPasswordCount());
    }

    @Test
    void refusesTheShopsSlug() {
        assertTrue(messages("My-analytical-Shop-9", "x@example.com", "analytical")
                .contains("must not contain the shop's name"));
    }

    @Test
    void lengthCountsCharactersAfterNfkc() {
        // fullwidth letters normalise to ASCII; an emoji is one character, not two chars
        assertEquals(List.of(), messages("Ｑｕｉｅｔ-Harbor-7", "x@example.com", "shop"));
        assertTrue(messages("😀😀😀😀😀😀Ab1", "x@example.com", "shop").contains("must be 12 to 128 characters long"));
        assertTrue(messages("A1-" + "x".repeat(126), "x@example.com", "shop")
                .contains("must be 12 to 128 characters long"));
    }

    @Test
    void missingPasswordIsRequired() {
        assertEquals(List.of("is required"), policy.check("password", null, "x@example.com", "shop").stream()
                .map(Problem.FieldError::message).toList());
    }

    private List<String> messages(String password, String email, String slug) {
        return policy.check("password", password, email, slug).stream().map(Problem.FieldError::message).toList();
    }
}
