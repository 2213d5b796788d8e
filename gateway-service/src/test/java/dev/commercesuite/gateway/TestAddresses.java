package dev.commercesuite.gateway;

import java.util.concurrent.ThreadLocalRandom;

/** Client addresses no other test (nor an earlier run, whose counts may still be in Redis) uses. */
final class TestAddresses {

    private TestAddresses() {
    }

    static String fresh() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        return "10." + random.nextInt(256) + "." + random.nextInt(256) + "." + (1 + random.nextInt(254));
    }
}
