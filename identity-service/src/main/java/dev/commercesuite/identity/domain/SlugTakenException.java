package dev.commercesuite.identity.domain;

/** Another shop already has this slug (slugs are unique across the suite). */
public class SlugTakenException extends RuntimeException {

    public SlugTakenException(String slug) {
        super("slug taken: " + slug);
    }
}
