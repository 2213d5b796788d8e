package dev.commercesuite.identity.service;

/** Another shop already has this slug. */
public class SlugTakenException extends RuntimeException {

    public SlugTakenException(String slug) {
        super("slug taken: " + slug);
    }
}
