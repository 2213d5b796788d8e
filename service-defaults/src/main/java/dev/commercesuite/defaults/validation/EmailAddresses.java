package dev.commercesuite.defaults.validation;

import java.text.Normalizer;
import java.util.Locale;
import java.util.regex.Pattern;

/** Email addresses as the suite accepts and stores them. */
public final class EmailAddresses {

    /**
     * A plain ASCII address, local@domain, with no display name, comment, quoting, white space or control character:
     * nothing that could break out of a mail header.
     */
    public static final String PLAIN_ADDRESS = "[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]{1,64}"
            + "@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+";
    private static final Pattern PLAIN = Pattern.compile(PLAIN_ADDRESS);
    private static final int MAX_LENGTH = 254;

    private EmailAddresses() {
    }

    /** Trimmed, NFKC-normalised, with the domain lower-cased (the local part's case is the owner's). */
    public static String normalize(String address) {
        String normalized = Normalizer.normalize(address.strip(), Normalizer.Form.NFKC);
        int at = normalized.lastIndexOf('@');
        return at < 0 ? normalized : normalized.substring(0, at + 1) + normalized.substring(at + 1).toLowerCase(Locale.ROOT);
    }

    public static boolean isPlain(String address) {
        return address != null && address.length() <= MAX_LENGTH && PLAIN.matcher(address).matches();
    }
}
