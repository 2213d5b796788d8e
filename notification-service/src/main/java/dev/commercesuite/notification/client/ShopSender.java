package dev.commercesuite.notification.client;

import java.io.UnsupportedEncodingException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;

/**
 * The From header of an email sent for a shop: the configured sender address ({@code quarkus.mailer.from}) under the
 * shop's name, so the recipient sees who the email is from while the address (and with it SPF, DKIM and DMARC) stays
 * the suite's.
 *
 * <p>The display name is set as the {@link InternetAddress} personal: quoted when it holds specials ({@code ,"<>()}
 * ...), RFC 2047-encoded as UTF-8 when it is not ASCII. Two cases get more care, because the value goes into a header
 * as it is written here:
 * <ul>
 * <li>a name that holds {@code =?} is encoded whatever its characters, so a name written to look like an encoded word
 * ({@code =?UTF-8?B?...?=}) is shown as typed, never decoded into something else;</li>
 * <li>long names are folded between their encoded words and before the address, so header lines stay near the
 * recommended 78 characters (one encoded word is at most 75, so a first line may reach 81), far below the 998 a line
 * must not pass.</li>
 * </ul>
 * Control characters never reach here: the intake refuses them in a shop name ({@code ShopName}), and
 * {@link #header(String)} refuses them again rather than write them into a header.
 */
public final class ShopSender {

    /** Bytes of UTF-8 per encoded word: 44 bytes are 60 base64 characters, 72 with "=?UTF-8?B?" and "?=". */
    private static final int ENCODED_WORD_BYTES = 44;
    /** RFC 5322's recommended line length (a line must stay under 998). */
    private static final int MAX_LINE = 78;

    private final String address;

    /** @param configuredFrom the mailer's sender, {@code Name <address>} or a bare address */
    public ShopSender(String configuredFrom) {
        try {
            this.address = new InternetAddress(configuredFrom, true).getAddress();
        } catch (AddressException e) {
            throw new IllegalArgumentException("quarkus.mailer.from is not an email address: " + e.getMessage(), e);
        }
    }

    /** The sender address, without a display name. */
    public String address() {
        return address;
    }

    /** The From header's value for an email of the shop named {@code shopName}. */
    public String header(String shopName) {
        if (shopName.chars().anyMatch(c -> Character.isISOControl(c) || c == '\u2028' || c == '\u2029')) {
            throw new IllegalArgumentException("a shop name in a From header must not hold control characters");
        }
        String personal;
        if (shopName.contains("=?")) {
            personal = encodedWords(shopName);
        } else {
            try {
                InternetAddress named = new InternetAddress(address, shopName, StandardCharsets.UTF_8.name());
                String value = named.toString();
                personal = value.substring(0, value.length() - (" <" + address + ">").length());
            } catch (UnsupportedEncodingException e) {
                throw new IllegalStateException("UTF-8 is always supported", e);
            }
        }
        // encoded words may be folded apart (the whitespace between two of them is not part of the name), and the
        // address goes on a line of its own when it would make the last one long
        String folded = personal.replace("?= =?", "?=\r\n =?");
        String lastLine = folded.substring(folded.lastIndexOf('\n') + 1);
        boolean fits = (folded.contains("\n") ? 0 : "From: ".length()) + lastLine.length() + address.length() + 3
                <= MAX_LINE;
        return folded + (fits ? " <" : "\r\n <") + address + ">";
    }

    /** {@code text} as RFC 2047 "B" encoded words, split between code points, separated by spaces. */
    private static String encodedWords(String text) {
        List<String> words = new ArrayList<>();
        StringBuilder chunk = new StringBuilder();
        int bytes = 0;
        for (int i = 0; i < text.length(); ) {
            int codePoint = text.codePointAt(i);
            String character = new String(Character.toChars(codePoint));
            int size = character.getBytes(StandardCharsets.UTF_8).length;
            if (bytes + size > ENCODED_WORD_BYTES) {
                words.add(encodedWord(chunk.toString()));
                chunk.setLength(0);
                bytes = 0;
            }
            chunk.append(character);
            bytes += size;
            i += Character.charCount(codePoint);
        }
        words.add(encodedWord(chunk.toString()));
        return String.join(" ", words);
    }

    private static String encodedWord(String text) {
        return "=?UTF-8?B?" + Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8)) + "?=";
    }
}
