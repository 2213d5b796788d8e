package dev.commercesuite.defaults.architecture.sample.repository;

import dev.commercesuite.defaults.architecture.sample.rest.GreetingRequest;

/** A repository of the sample layout that reaches up into the REST layer: the violation the rule must catch. */
public class GreetingStore {

    public String template() {
        return "Hello, " + new GreetingRequest("unused").name().substring(0, 0);
    }
}
