package dev.commercesuite.order.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import dev.commercesuite.order.config.OrderConfig;

/** A shop's placements beyond its turns wait, and give up with ShopBusyException; other shops are not held up. */
class OrderAdmissionTest {

    private static OrderAdmission admission(int perShop, Duration maxWait) {
        return new OrderAdmission(new OrderConfig() {
            @Override
            public Optional<String> identityUrl() {
                return Optional.empty();
            }

            @Override
            public Shops shops() {
                return null;
            }

            @Override
            public StaleOrders staleOrders() {
                return null;
            }

            @Override
            public IdempotencyCleanup idempotencyCleanup() {
                return null;
            }

            @Override
            public Idempotency idempotency() {
                return null;
            }

            @Override
            public Admission admission() {
                return new Admission() {
                    @Override
                    public int perShop() {
                        return perShop;
                    }

                    @Override
                    public Duration maxWait() {
                        return maxWait;
                    }
                };
            }
        });
    }

    @Test
    void placementBeyondTheShopsTurnsGivesUpWhileOtherShopsGoOn() throws Exception {
        OrderAdmission admission = admission(1, Duration.ofMillis(50));
        UUID busy = UUID.randomUUID();
        UUID other = UUID.randomUUID();
        while (Math.floorMod(other.hashCode(), 64) == Math.floorMod(busy.hashCode(), 64)) {
            other = UUID.randomUUID();
        }
        CountDownLatch inside = new CountDownLatch(1);
        CountDownLatch finish = new CountDownLatch(1);
        CompletableFuture<String> first = CompletableFuture.supplyAsync(() -> admission.admit(busy, () -> {
            inside.countDown();
            try {
                assertTrue(finish.await(10, TimeUnit.SECONDS));
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
            return "first";
        }));
        assertTrue(inside.await(10, TimeUnit.SECONDS));

        assertThrows(ShopBusyException.class, () -> admission.admit(busy, () -> "second"));
        assertEquals("other shop", admission.admit(other, () -> "other shop"));

        finish.countDown();
        assertEquals("first", first.get(10, TimeUnit.SECONDS));
        assertEquals("third", admission.admit(busy, () -> "third"), "the turn is given back");
    }

    @Test
    void failedPlacementGivesItsTurnBack() {
        OrderAdmission admission = admission(1, Duration.ofMillis(50));
        UUID shop = UUID.randomUUID();
        assertThrows(IllegalStateException.class, () -> admission.admit(shop, () -> {
            throw new IllegalStateException("boom");
        }));
        assertEquals("next", admission.admit(shop, () -> "next"));
    }
}
