package dev.commercesuite.defaults.paging;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;

import dev.commercesuite.defaults.problem.InvalidRequestException;

/**
 * The position after the last item of a page listed newest first by {@code (createdAt, id)}: keyset pagination, so a
 * page is one index range scan however deep the client reads. On the wire it is opaque (URL-safe Base64 of
 * {@code createdAt|id}); clients only pass back what they were given.
 */
public record Cursor(Instant createdAt, UUID id) {

    public static final String PARAMETER = "cursor";

    public String encode() {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString((createdAt + "|" + id).getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The position a {@code ?cursor=} names; empty for none. Anything this codec did not write is refused as a 400
     * naming the {@code cursor} parameter.
     */
    public static Optional<Cursor> decode(String cursor) {
        if (cursor == null || cursor.isBlank()) {
            return Optional.empty();
        }
        try {
            String[] parts = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8).split("\\|", -1);
            if (parts.length != 2) {
                throw new IllegalArgumentException("a cursor has two parts");
            }
            return Optional.of(new Cursor(Instant.parse(parts[0]), UUID.fromString(parts[1])));
        } catch (RuntimeException e) {
            throw new InvalidRequestException(PARAMETER, "is not a cursor this endpoint returned");
        }
    }
}
