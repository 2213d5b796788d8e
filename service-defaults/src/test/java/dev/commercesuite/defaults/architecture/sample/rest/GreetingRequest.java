package dev.commercesuite.defaults.architecture.sample.rest;

/** A request record of the sample layout. */
public record GreetingRequest(String name) {
}
