package dev.commercesuite.identity.config;

import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The service accounts of {@code identity.service-clients}: client id to the SHA-256 of its secret. */
public final class ServiceClients {

    private static final Pattern CLIENT = Pattern.compile("([A-Za-z0-9._-]{1,100}):([0-9a-fA-F]{64})");

    private ServiceClients() {
    }

    /**
     * Reads {@code client-id:sha256} pairs; each malformed entry adds a problem (never the entry itself, which may
     * hold a pasted secret).
     */
    public static Map<String, byte[]> parse(List<String> entries, List<String> problems) {
        Map<String, byte[]> clients = new HashMap<>();
        for (int i = 0; i < entries.size(); i++) {
            Matcher entry = CLIENT.matcher(entries.get(i).strip());
            if (entry.matches()) {
                clients.put(entry.group(1), HexFormat.of().parseHex(entry.group(2)));
            } else {
                problems.add("identity.service-clients (IDENTITY_SERVICE_CLIENTS) entry " + (i + 1)
                        + " is not client-id:sha256-hex-of-the-secret");
            }
        }
        return Map.copyOf(clients);
    }
}
