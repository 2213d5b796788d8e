package dev.commercesuite.defaults.architecture.sample.service;

import dev.commercesuite.defaults.architecture.sample.repository.GreetingStore;

/** A service of the sample layout {@code LayerRulesTest} checks. */
public class Greetings {

    private final GreetingStore store = new GreetingStore();

    public String greet(String name) {
        return store.template() + name;
    }
}
