package dev.commercesuite.identity.service;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import dev.commercesuite.defaults.problem.Problem;
import dev.commercesuite.defaults.validation.EmailAddresses;
import me.gosimple.nbvcxz.resources.DictionaryUtil;

/**
 * The one password policy, used by sign-up, tenant creation, reset and change. After NFKC normalisation a password
 * has 12 to 128 characters, mixes at least 3 of lowercase, uppercase, digits and symbols, is not among the 100 000
 * most common passwords (nbvcxz's bundled list), and contains neither the email's local part nor the shop's slug.
 * Every failed rule is reported, each as a field error.
 */
@ApplicationScoped
public class PasswordPolicy {

    public static final int MIN_LENGTH = 12;
    public static final int MAX_LENGTH = 128;
    private static final int MIN_CLASSES = 3;
    private static final int MIN_PERSONAL_LENGTH = 3;

    private volatile Map<String, Integer> common;

    /** The NFKC form in which passwords are checked, hashed and compared. */
    public static String normalize(String password) {
        return Normalizer.normalize(password, Normalizer.Form.NFKC);
    }

    /**
     * The checks of a new account's credentials: a single plain address in {@code email} (already normalised) and a
     * password that passes the policy; every problem as a field error under the given field names.
     */
    public List<Problem.FieldError> checkNewAccount(String emailField, String email, String passwordField,
            String password, String tenantSlug) {
        List<Problem.FieldError> errors = new ArrayList<>();
        if (!EmailAddresses.isPlain(email)) {
            errors.add(new Problem.FieldError(emailField, "must be a single plain email address"));
        }
        errors.addAll(check(passwordField, password, email, tenantSlug));
        return errors;
    }

    /** Field errors for {@code field}, empty when the password is acceptable. */
    public List<Problem.FieldError> check(String field, String password, String email, String tenantSlug) {
        List<Problem.FieldError> errors = new ArrayList<>();
        if (password == null) {
            errors.add(new Problem.FieldError(field, "is required"));
            return errors;
        }
        String normalized = normalize(password);
        int length = normalized.codePointCount(0, normalized.length());
        if (length < MIN_LENGTH || length > MAX_LENGTH) {
            errors.add(new Problem.FieldError(field, "must be " + MIN_LENGTH + " to " + MAX_LENGTH + " characters long"));
        }
        if (characterClasses(normalized) < MIN_CLASSES) {
            errors.add(new Problem.FieldError(field,
                    "must mix at least 3 of: lowercase letters, uppercase letters, digits, symbols"));
        }
        String lower = normalized.toLowerCase(Locale.ROOT);
        if (commonPasswords().containsKey(lower)) {
            errors.add(new Problem.FieldError(field, "is one of the most common passwords"));
        }
        String localPart = email == null ? "" : normalize(email).toLowerCase(Locale.ROOT).split("@", 2)[0];
        if (localPart.length() >= MIN_PERSONAL_LENGTH && lower.contains(localPart)) {
            errors.add(new Problem.FieldError(field, "must not contain your email address"));
        }
        String slug = tenantSlug == null ? "" : tenantSlug.toLowerCase(Locale.ROOT);
        if (slug.length() >= MIN_PERSONAL_LENGTH && lower.contains(slug)) {
            errors.add(new Problem.FieldError(field, "must not contain the shop's name"));
        }
        return errors;
    }

    /** How many passwords the common-password list holds (loaded on first use, not at start-up). */
    public int commonPasswordCount() {
        return commonPasswords().size();
    }

    private Map<String, Integer> commonPasswords() {
        Map<String, Integer> loaded = common;
        if (loaded == null) {
            synchronized (this) {
                loaded = common;
                if (loaded == null) {
                    loaded = DictionaryUtil.loadRankedDictionary(DictionaryUtil.passwords);
                    common = loaded;
                }
            }
        }
        return loaded;
    }

    private static int characterClasses(String password) {
        boolean lower = false;
        boolean upper = false;
        boolean digit = false;
        boolean symbol = false;
        for (int i = 0; i < password.length(); ) {
            int c = password.codePointAt(i);
            i += Character.charCount(c);
            if (Character.isLowerCase(c)) {
                lower = true;
            } else if (Character.isUpperCase(c)) {
                upper = true;
            } else if (Character.isDigit(c)) {
                digit = true;
            } else if (!Character.isLetter(c)) {
                symbol = true;
            }
        }
        return (lower ? 1 : 0) + (upper ? 1 : 0) + (digit ? 1 : 0) + (symbol ? 1 : 0);
    }
}
