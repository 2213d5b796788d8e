package dev.commercesuite.defaults.paging;

import java.util.List;

/**
 * One page of a list answer: {@code {items, nextCursor}}. {@code nextCursor} is opaque to clients and absent on the
 * last page; they pass it back as {@code ?cursor=} for the next one. Limits: {@code ?limit=} 1 to {@link #MAX_LIMIT},
 * default {@link #DEFAULT_LIMIT}.
 */
public record Page<T>(List<T> items, String nextCursor) {

    public static final int DEFAULT_LIMIT = 20;
    public static final int MAX_LIMIT = 100;
}
